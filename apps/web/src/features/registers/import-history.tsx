import { useState, type HTMLAttributes } from 'react';
import { App, Button, Card, Grid, List, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Icon } from '../../components/icon.tsx';
import { ErrorBlock } from '../../components/page-states.tsx';
import { useFormatDateTime, useFormatNumber, useLocale, useT } from '../../i18n/index.ts';
import { downloadImportErrors, useRecentImports, type ImportRecord } from '../../lib/registers-imports-api.ts';
import { encodingText, formatBytes, importStatusColours } from './import-format.ts';

/** 导入记录: the recent imports in the user's area (newest first), their outcome and error reports. */
export function ImportHistory({ busy }: { busy: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const formatNumber = useFormatNumber();
  const formatDateTime = useFormatDateTime();
  const wide = Grid.useBreakpoint().md ?? true;
  // While an import runs (here or in another tab) the list follows it.
  const recent = useRecentImports({ follow: busy });
  const items = recent.data?.items ?? [];
  const [downloading, setDownloading] = useState<string | null>(null);

  const download = async (id: string) => {
    setDownloading(id);
    try {
      await downloadImportErrors(id);
    } catch (cause) {
      message.error(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setDownloading(null);
    }
  };

  const statusTag = (row: ImportRecord) => {
    const tag = (
      <Tag color={importStatusColours[row.status]} style={{ marginInlineEnd: 0 }} data-testid="import-row-status" data-status={row.status}>
        {t(`ri.status.${row.status}`)}
      </Tag>
    );
    return row.message ? <Tooltip title={row.message}>{tag}</Tooltip> : tag;
  };
  const errorLink = (row: ImportRecord) =>
    row.hasErrorFile ? (
      <Button type="link" size="small" icon={<Icon name="download" />} loading={downloading === row.id} onClick={() => void download(row.id)} data-testid="import-row-errors" style={{ paddingInline: 0 }}>
        {t('ri.errors.short')}
      </Button>
    ) : (
      <span className="ri-muted">—</span>
    );
  const count = (value: number, tone?: 'good' | 'bad') => (
    <span className={`tabular${value > 0 && tone ? ` ri-count-${tone}` : ''}`}>{formatNumber(value)}</span>
  );

  const columns: TableColumnsType<ImportRecord> = [
    { title: t('ri.h.time'), dataIndex: 'startedAt', width: 170, className: 'tabular', render: (v: string) => formatDateTime(v) },
    { title: t('ri.kind'), dataIndex: 'kind', width: 96, render: (k: ImportRecord['kind']) => t(`ri.kind.${k}`) },
    {
      title: t('ri.h.file'),
      dataIndex: 'fileName',
      render: (name: string, row) => (
        <span className="ri-cell-two">
          <span className="ri-clamp" title={name}>
            {name}
          </span>
          <span className="ri-muted">
            {[formatBytes(row.fileBytes, locale), encodingText(row.encoding), t(`ri.mode.${row.mode === 'good_rows' ? 'good_rows' : 'all_or_nothing'}`)].join(' · ')}
          </span>
        </span>
      ),
    },
    { title: t('ri.h.actor'), dataIndex: 'actorName', width: 150, ellipsis: true },
    { title: t('ri.fact.total'), dataIndex: 'totalRows', width: 80, align: 'right', render: (v: number) => count(v) },
    { title: t('ri.count.created'), dataIndex: 'createdRows', width: 70, align: 'right', render: (v: number) => count(v, 'good') },
    { title: t('ri.count.updated'), dataIndex: 'updatedRows', width: 70, align: 'right', render: (v: number) => count(v) },
    { title: t('ri.count.unchanged'), dataIndex: 'unchangedRows', width: 76, align: 'right', render: (v: number) => count(v) },
    { title: t('ri.count.bad'), dataIndex: 'badRows', width: 70, align: 'right', render: (v: number) => count(v, 'bad') },
    { title: t('ri.h.status'), dataIndex: 'status', width: 96, render: (_, row) => statusTag(row) },
    { title: t('ri.h.errors'), key: 'errors', width: 110, render: (_, row) => errorLink(row) },
  ];

  return (
    <Card
      size="small"
      title={t('ri.history')}
      style={{ marginTop: 12 }}
      extra={
        <Button size="small" icon={<Icon name="reload" />} onClick={() => void recent.refetch()} loading={recent.isRefetching} aria-label={t('r.refresh')}>
          {wide ? t('r.refresh') : null}
        </Button>
      }
      data-testid="import-history"
    >
      {recent.isError ? (
        <ErrorBlock error={recent.error} onRetry={() => void recent.refetch()} />
      ) : wide ? (
        <Table<ImportRecord>
          rowKey="id"
          size="small"
          loading={recent.isLoading}
          columns={columns}
          dataSource={items}
          scroll={{ x: 1100 }}
          pagination={items.length > 10 ? { pageSize: 10, size: 'small' } : false}
          onRow={(row) => ({ 'data-testid': `import-row-${row.id}` }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Typography.Text type="secondary">{t('ri.history.empty')}</Typography.Text> }}
        />
      ) : (
        <List<ImportRecord>
          loading={recent.isLoading}
          dataSource={items}
          locale={{ emptyText: t('ri.history.empty') }}
          pagination={items.length > 10 ? { pageSize: 10, size: 'small', simple: true } : false}
          renderItem={(row) => (
            <List.Item data-testid={`import-row-${row.id}`}>
              <div className="ri-card">
                <div className="ri-card-head">
                  <span className="ri-clamp" title={row.fileName}>
                    {row.fileName}
                  </span>
                  {statusTag(row)}
                </div>
                <div className="ri-muted">
                  {t(`ri.kind.${row.kind}`)} · {row.actorName} · {formatDateTime(row.startedAt)}
                </div>
                <div className="ri-card-counts">
                  <span>
                    {t('ri.count.created')} {count(row.createdRows, 'good')}
                  </span>
                  <span>
                    {t('ri.count.updated')} {count(row.updatedRows)}
                  </span>
                  <span>
                    {t('ri.count.unchanged')} {count(row.unchangedRows)}
                  </span>
                  <span>
                    {t('ri.count.bad')} {count(row.badRows, 'bad')}
                  </span>
                  {row.hasErrorFile ? errorLink(row) : null}
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
