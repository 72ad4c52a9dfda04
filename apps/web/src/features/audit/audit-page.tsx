import { useState } from 'react';
import { App, Alert, Button, Card, Flex, Modal, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Icon } from '../../components/icon.tsx';
import { ErrorBlock } from '../../components/page-states.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useFormatDateTime, useFormatNumber, useT } from '../../i18n/index.ts';
import { hasRole, useMe } from '../../lib/session.ts';
import { auditActionLabels, auditEntityLabels } from './audit-labels.ts';
import { useAuditLog, useVerifyAuditChains, type AuditRow, type ChainVerification } from './audit-api.ts';

function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  return typeof detail === 'string' ? detail : JSON.stringify(detail);
}

function actionColor(action: string): string {
  if (/failed|refused|locked|disabled|delete/.test(action)) return 'error';
  if (action.startsWith('auth.')) return 'blue';
  if (/created|enabled|unlocked|verified/.test(action)) return 'green';
  if (action.includes('read') || action.includes('view')) return 'purple';
  return 'default';
}

export function AuditPage() {
  const t = useT();
  const me = useMe().data;
  const { message } = App.useApp();
  const formatDateTime = useFormatDateTime();
  const [action, setAction] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const log = useAuditLog({ action, page, pageSize });
  const verify = useVerifyAuditChains();
  const [resultOpen, setResultOpen] = useState(false);
  const isSysAdmin = me ? hasRole(me, 'sys_admin') : false;

  const actionLabel = (code: string) => {
    const key = auditActionLabels[code];
    return key ? t(key) : code;
  };
  const entityLabel = (type: string) => {
    const key = auditEntityLabels[type];
    return key ? t(key) : type;
  };

  const columns: TableColumnsType<AuditRow> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      width: 170,
      className: 'tabular',
      render: (value: string) => formatDateTime(value),
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 170,
      ellipsis: true,
      render: (value: string | null) =>
        value && value !== 'system' ? value : <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 170,
      render: (value: string) => (
        <Flex vertical gap={2} align="flex-start">
          <Tag color={actionColor(value)} style={{ marginInlineEnd: 0 }}>
            {actionLabel(value)}
          </Tag>
          <Typography.Text type="secondary" style={{ fontSize: 11, fontFamily: 'ui-monospace, monospace' }}>
            {value}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      width: 200,
      ellipsis: true,
      render: (_, row) =>
        row.entityType ? (
          <Typography.Text ellipsis={{ tooltip: `${row.entityType} ${row.entityId ?? ''}` }}>
            {entityLabel(row.entityType)}
            {row.entityId ? <Typography.Text type="secondary"> {row.entityId}</Typography.Text> : null}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('audit.orgPath'),
      dataIndex: 'orgPath',
      width: 150,
      responsive: ['xl'],
      render: (value: string | null) =>
        value ? (
          <Tooltip title={value}>
            <span className="tabular">{value.split('.').at(-1)}</span>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      title: t('audit.detail'),
      dataIndex: 'detail',
      ellipsis: true,
      render: (value: unknown) => {
        const text = detailText(value);
        return text ? (
          <Typography.Text ellipsis={{ tooltip: text }} style={{ fontSize: 12, fontFamily: 'ui-monospace, monospace' }}>
            {text}
          </Typography.Text>
        ) : (
          '—'
        );
      },
    },
    {
      title: `${t('audit.chain')} / ${t('audit.seq')}`,
      key: 'chain',
      width: 120,
      responsive: ['lg'],
      render: (_, row) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {row.chain} #{row.seq}
        </Typography.Text>
      ),
    },
  ];

  return (
    <div data-testid="audit-page">
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={
          isSysAdmin ? (
            <Button
              type="primary"
              data-testid="audit-verify"
              icon={<Icon name="safety" />}
              loading={verify.isPending}
              onClick={() =>
                verify.mutate(undefined, {
                  onSuccess: () => setResultOpen(true),
                  onError: (error) => void message.error(error.message),
                })
              }
            >
              {t('audit.verify')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            data-testid="audit-filter-action"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('audit.filterAction')}
            style={{ width: 280 }}
            value={action || undefined}
            onChange={(value: string | undefined) => {
              setAction(value ?? '');
              setPage(1);
            }}
            options={Object.keys(auditActionLabels).map((code) => ({
              value: code,
              label: `${actionLabel(code)} · ${code}`,
            }))}
          />
        </Flex>
        {log.isError ? (
          <ErrorBlock error={log.error} onRetry={() => void log.refetch()} />
        ) : (
          <Table<AuditRow>
            data-testid="audit-table"
            rowKey="id"
            size="middle"
            loading={log.isFetching}
            columns={columns}
            dataSource={log.data?.items ?? []}
            scroll={{ x: 1100 }}
            pagination={{
              current: page,
              pageSize,
              total: log.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t('common.total', { n: total }),
              onChange: (nextPage, nextSize) => {
                setPage(nextSize === pageSize ? nextPage : 1);
                setPageSize(nextSize);
              },
            }}
          />
        )}
      </Card>
      <Modal
        open={resultOpen}
        title={t('audit.verifyTitle')}
        onCancel={() => setResultOpen(false)}
        footer={<Button onClick={() => setResultOpen(false)}>{t('common.ok')}</Button>}
        width={640}
      >
        {verify.data ? <VerifyResult chains={verify.data.chains} /> : null}
      </Modal>
    </div>
  );
}

function VerifyResult({ chains }: { chains: ChainVerification[] }) {
  const t = useT();
  const formatNumber = useFormatNumber();
  const broken = chains.filter((c) => !c.ok);
  return (
    <div data-testid="audit-verify-result">
      <Alert
        type={broken.length ? 'error' : 'success'}
        showIcon
        title={broken.length ? t('audit.verifyBroken', { n: broken.length }) : t('audit.verifyAllOk', { n: chains.length })}
        style={{ marginBottom: 16 }}
      />
      <Table<ChainVerification>
        rowKey="chain"
        size="small"
        pagination={false}
        dataSource={chains}
        columns={[
          { title: t('audit.chain'), dataIndex: 'chain' },
          { title: t('audit.rows'), dataIndex: 'rows', align: 'right', render: (v: number) => formatNumber(v) },
          {
            title: t('audit.result'),
            key: 'ok',
            render: (_, chain) =>
              chain.ok ? (
                <Tag color="success">{t('audit.intact')}</Tag>
              ) : (
                <Tag color="error">
                  {chain.firstBroken
                    ? t('audit.brokenAt', { seq: chain.firstBroken.seq, reason: chain.firstBroken.reason })
                    : t('audit.result')}
                </Tag>
              ),
          },
        ]}
      />
    </div>
  );
}
