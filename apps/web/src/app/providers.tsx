import { useState, type ReactNode } from 'react';
import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { QueryClientProvider } from '@tanstack/react-query';
import { LocaleProvider, useLocale } from '../i18n/index.ts';
import { setUnauthenticatedHandler } from '../lib/api-client.ts';
import { meQueryKey } from '../lib/session.ts';
import { createQueryClient } from './query-client.ts';
import { appTheme } from './theme.ts';

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => {
    const client = createQueryClient();
    // The route guard sees `me === null` and sends the user to /login, keeping where they were.
    setUnauthenticatedHandler(() => client.setQueryData(meQueryKey, null));
    return client;
  });
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <AntdConfig>{children}</AntdConfig>
      </LocaleProvider>
    </QueryClientProvider>
  );
}

function AntdConfig({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={appTheme}>
      {/* Live warnings can come in bursts (a sweep after a restart): a few at a time on screen. */}
      <AntdApp notification={{ maxCount: 4 }}>{children}</AntdApp>
    </ConfigProvider>
  );
}
