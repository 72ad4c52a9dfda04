import type { ReactNode } from 'react';
import { Alert, Button, Flex, Result, Spin } from 'antd';
import { Link } from 'react-router';
import { useT } from '../i18n/index.ts';

export function LoadingBlock({ minHeight = 240 }: { minHeight?: number | string }) {
  const t = useT();
  return (
    <Flex align="center" justify="center" style={{ minHeight }}>
      <Spin description={t('common.loading')} />
    </Flex>
  );
}

export function ErrorBlock({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const detail = error instanceof Error ? error.message : undefined;
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.loadFailed')}
      description={detail}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

export function ForbiddenResult() {
  const t = useT();
  return (
    <Result
      status="403"
      title={t('common.forbiddenTitle')}
      subTitle={t('common.forbidden')}
      extra={<HomeButton />}
    />
  );
}

export function NotFoundResult({ extra, detail }: { extra?: ReactNode; detail?: string }) {
  const t = useT();
  return (
    <Result
      status="404"
      title={t('common.notFoundTitle')}
      subTitle={detail ?? t('common.notFound')}
      extra={extra ?? <HomeButton />}
    />
  );
}

function HomeButton() {
  const t = useT();
  return (
    <Link to="/">
      <Button type="primary">{t('common.backHome')}</Button>
    </Link>
  );
}
