import type { ReactNode } from 'react';
import { Button, Card, Flex } from 'antd';
import { Link } from 'react-router';
import { Icon } from '../../components/icon.tsx';
import { ErrorBlock, LoadingBlock, NotFoundResult } from '../../components/page-states.tsx';
import { useFormatDateTime, useT } from '../../i18n/index.ts';
import { isApiError } from '../../lib/api-client.ts';
import type { LifecycleAction, RecordStatus } from '../../lib/registers-api.ts';
import { ProblemsIcon, StatusTag } from './register-tags.tsx';

/** Loading, not found (or out of scope: the API answers 404 for both) and failure of a record page. */
export function RecordPageState({ query, backTo }: { query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown }; backTo: string }) {
  const t = useT();
  if (query.isPending) return <LoadingBlock />;
  if (isApiError(query.error) && (query.error.status === 404 || query.error.status === 400)) {
    return (
      <NotFoundResult
        detail={t('r.notFound')}
        extra={
          <Link to={backTo}>
            <Button type="primary">{t('r.back')}</Button>
          </Link>
        }
      />
    );
  }
  return <ErrorBlock error={query.error} onRetry={() => void query.refetch()} />;
}

export function BackLink({ to }: { to: string }) {
  const t = useT();
  return (
    <Link to={to}>
      <Button type="link" icon={<Icon name="left" />} style={{ paddingInline: 0, marginBottom: 8 }}>
        {t('r.back')}
      </Button>
    </Link>
  );
}

/** The head of a record page: name, tags, a line of facts, and 编辑 / 迁出 / 注销 / 恢复. */
export function RecordHead({
  name,
  tags,
  meta,
  status,
  statusReason,
  statusAt,
  problems,
  canEdit,
  editPath,
  onAction,
  onRefresh,
  refreshing,
}: {
  name: string;
  tags?: ReactNode;
  meta: ReactNode;
  status: RecordStatus;
  statusReason: string | null;
  statusAt: string | null;
  problems: readonly string[];
  canEdit: boolean;
  editPath: string;
  onAction: (action: LifecycleAction) => void;
  onRefresh: () => void;
  refreshing: boolean;
}) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  return (
    <Card style={{ marginBottom: 16 }} data-testid="record-head" data-status={status}>
      <Flex justify="space-between" gap={16} wrap align="flex-start">
        <div style={{ minWidth: 0, flex: '1 1 360px' }}>
          <Flex gap={8} align="center" wrap>
            <span className="rg-head-name" data-testid="record-name">
              {name}
            </span>
            {tags}
            <StatusTag status={status} />
            <ProblemsIcon problems={problems} />
          </Flex>
          <Flex gap={16} wrap className="rg-head-meta" style={{ marginTop: 6 }}>
            {meta}
          </Flex>
          {status !== 'active' && (statusReason || statusAt) ? (
            <div className="rg-head-meta" style={{ marginTop: 4 }} data-testid="record-status-reason">
              {t('r.p.statusSince', { status: t(`r.status.${status}`), at: statusAt ? formatDateTime(statusAt) : '—' })}
              {statusReason ? ` · ${statusReason}` : ''}
            </div>
          ) : null}
        </div>
        <Flex gap={8} wrap data-testid="record-actions">
          {canEdit && status === 'active' ? (
            <>
              <Link to={editPath}>
                <Button type="primary" icon={<Icon name="edit" />} data-testid="record-edit">
                  {t('r.edit')}
                </Button>
              </Link>
              <Button onClick={() => onAction('move-out')} data-testid="record-move-out">
                {t('r.act.moveOut')}
              </Button>
              <Button danger onClick={() => onAction('deregister')} data-testid="record-deregister">
                {t('r.act.deregister')}
              </Button>
            </>
          ) : null}
          {canEdit && status !== 'active' ? (
            <Button onClick={() => onAction('reactivate')} data-testid="record-reactivate">
              {t('r.act.reactivate')}
            </Button>
          ) : null}
          <Button icon={<Icon name="reload" />} onClick={onRefresh} loading={refreshing} aria-label={t('r.refresh')} />
        </Flex>
      </Flex>
    </Card>
  );
}

/** Years of age on today's date from an ISO birth date. */
export function ageOf(birthDate: string | null, today: Date = new Date()): number | null {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return null;
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age -= 1;
  return age >= 0 ? age : null;
}
