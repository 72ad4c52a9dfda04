import { Button } from 'antd';
import { useLocale, useT } from '../i18n/index.ts';
import { Icon } from './icon.tsx';

export function LangToggle({ light = false }: { light?: boolean }) {
  const { locale, setLocale } = useLocale();
  const t = useT();
  return (
    <Button
      data-testid="lang-toggle"
      type="text"
      aria-label={t('lang.switchLabel')}
      title={t('lang.switchLabel')}
      icon={<Icon name="global" />}
      style={light ? { color: 'rgba(255,255,255,0.92)' } : undefined}
      onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
    >
      {t('lang.switchTo')}
    </Button>
  );
}
