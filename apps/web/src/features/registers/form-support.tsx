import { useState } from 'react';
import { Alert, Button, Select } from 'antd';
import type { FormInstance } from 'antd';
import type { z } from 'zod';
import { registerCodeTables, residentIdCardType, type RegisterCodeTableId } from '@shizhi/domain';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useLabel, useLocale, useT, type MessageKey } from '../../i18n/index.ts';
import { isApiError } from '../../lib/api-client.ts';
import { readIdNumber } from './id-number-fill.ts';

/** A select over one domain code table, labelled in the UI's language, searchable by name or code. */
export function CodeSelect({
  table,
  value,
  onChange,
  testId,
  allowClear = true,
  codes,
}: {
  table: RegisterCodeTableId;
  value?: string | null;
  onChange?: (value: string | null) => void;
  testId?: string;
  allowClear?: boolean;
  /** Only these codes (e.g. the ID types a person form offers). */
  codes?: readonly string[];
}) {
  const label = useLabel();
  const entries = registerCodeTables[table].entries.filter((e) => !codes || codes.includes(e.code));
  return (
    <Select
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: 'search' }}
      options={entries.map((e) => ({ value: e.code, label: label(e), search: `${e.code} ${e.zh} ${e.en} ${(e.aliases ?? []).join(' ')}` }))}
      popupMatchSelectWidth={false}
      data-testid={testId}
    />
  );
}

/** The grid a record belongs to: the user's own units only (the tree lists their scope), down to a grid. */
export function GridSelect({ value, onChange, testId }: { value?: string; onChange?: (code: string | undefined) => void; testId?: string }) {
  const t = useT();
  return <OrgTreeSelect value={value} onChange={(code) => onChange?.(code)} placeholder={t('r.form.gridOnly')} testId={testId} style={{ width: '100%' }} />;
}

export const gridRule = (message: string) => ({
  validator: (_: unknown, value: string | undefined) => (value && /^\d{15}$/.test(value) ? Promise.resolve() : Promise.reject(new Error(message))),
});

/** A domain message is "中文 (English)": the half in the UI's language. */
export function useMessageHalf(): (message: string) => string {
  const { locale } = useLocale();
  return (message) => {
    const match = /^(.*?)\s*\((.+)\)$/s.exec(message);
    if (!match) return message;
    return locale === 'en' ? match[2]! : match[1]!;
  };
}

/**
 * Checks the body with the domain's input schema and puts each issue on its form field; true when
 * there was none. Fields the form does not show (or nested deeper) fall back to `onOther`.
 */
export function applySchemaIssues(
  form: FormInstance,
  schema: z.ZodType,
  body: Record<string, unknown>,
  half: (message: string) => string,
  onOther: (message: string) => void,
): boolean {
  const result = schema.safeParse(body);
  if (result.success) return true;
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const issue of result.error.issues) {
    const name = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const message = half(issue.message);
    if (name.length === 0 || !form.getFieldInstance(name as never)) onOther(`${name.join('.') || '—'}: ${message}`);
    else fields.push({ name, errors: [message] });
  }
  form.setFields(fields as never);
  if (fields[0]) form.scrollToField(fields[0].name as never);
  return false;
}

/** The API's answer to a failed save, on its field when it names one; a stale version explained. */
export function useSaveError(form: FormInstance) {
  const t = useT();
  const [error, setError] = useState<{ message: string; stale: boolean } | null>(null);
  const report = (cause: unknown) => {
    if (isApiError(cause) && cause.status === 409 && /STALE|VERSION/i.test(cause.code)) {
      setError({ message: t('r.form.stale'), stale: true });
      return;
    }
    const message = cause instanceof Error ? cause.message : String(cause);
    if (isApiError(cause) && cause.field) {
      const name = cause.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      if (form.getFieldInstance(name as never)) {
        form.setFields([{ name: name as never, errors: [message] }]);
        form.scrollToField(name as never);
      }
    }
    setError({ message, stale: false });
  };
  return { error, setError, report };
}

export function SaveErrorAlert({ error, onReload }: { error: { message: string; stale: boolean } | null; onReload: () => void }) {
  const t = useT();
  if (!error) return null;
  return (
    <Alert
      type={error.stale ? 'warning' : 'error'}
      showIcon
      title={error.stale ? t('r.form.stale') : t('r.form.saveFailed')}
      description={error.stale ? undefined : error.message}
      action={
        error.stale ? (
          <Button size="small" type="primary" onClick={onReload} data-testid="form-reload">
            {t('r.form.reload')}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 12 }}
      data-testid="register-form-error"
    />
  );
}

/** A 居民身份证 number must pass GB 11643; other documents are not checked. */
export function idNumberRule(t: ReturnType<typeof useT>, idType: () => string | null | undefined) {
  return {
    validator: (_: unknown, value: string | null | undefined) => {
      const read = readIdNumber(value, idType());
      if (read.state === 'invalid') return Promise.reject(new Error(t(`r.form.idProblem.${read.problem}` as MessageKey)));
      if (read.state === 'partial' && (idType() ?? residentIdCardType) === residentIdCardType) return Promise.reject(new Error(t('r.form.idProblem.format')));
      return Promise.resolve();
    },
  };
}
