import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '@shizhi/domain';
import { setRequestLocale } from '../lib/api-client.ts';
import { en } from './messages-en.ts';
import { zhCN, type MessageKey, type Messages } from './messages-zh-cn.ts';

const storageKey = 'shizhi.locale';
const dictionaries: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState | null>(null);

export function readStoredLocale(): Locale {
  try {
    return window.localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function applyLocale(locale: Locale): void {
  setRequestLocale(locale);
  document.documentElement.lang = locale;
}

export function LocaleProvider({ children, onChange }: { children: ReactNode; onChange?: (locale: Locale) => void }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const stored = readStoredLocale();
    applyLocale(stored);
    return stored;
  });

  const setLocale = useCallback(
    (next: Locale) => {
      try {
        window.localStorage.setItem(storageKey, next);
      } catch {
        // private mode: the choice lasts for this page only
      }
      applyLocale(next);
      setLocaleState(next);
      onChange?.(next);
    },
    [onChange],
  );

  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext value={value}>{children}</LocaleContext>;
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error('useLocale must be used inside <LocaleProvider>');
  return state;
}

export function useT(): Translate {
  const { locale } = useLocale();
  return useMemo(() => {
    const dictionary = dictionaries[locale];
    return (key, vars) => {
      const text = dictionary[key];
      if (!vars) return text;
      return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
    };
  }, [locale]);
}

/** Picks the right half of a `{zh, en}` label from the domain package (roles, org levels). */
export function useLabel(): (label: { zh: string; en: string }) => string {
  const { locale } = useLocale();
  return useCallback((label) => (locale === 'en' ? label.en : label.zh), [locale]);
}

export function useFormatNumber(): (value: number | null | undefined) => string {
  const { locale } = useLocale();
  return useMemo(() => {
    const format = new Intl.NumberFormat(locale);
    return (value) => (value === null || value === undefined ? '—' : format.format(value));
  }, [locale]);
}

export function useFormatDateTime(): (value: string | null | undefined) => string {
  const { locale } = useLocale();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    });
    return (value) => (value ? format.format(new Date(value)) : '—');
  }, [locale]);
}
