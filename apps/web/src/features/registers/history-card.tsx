import { Card, Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { ErrorBlock, LoadingBlock } from '../../components/page-states.tsx';
import { useFormatDateTime, useT, type MessageKey } from '../../i18n/index.ts';
import { useCodeLabel, useRegisterHistory, type HistoryEntry, type RegisterEntity } from '../../lib/registers-api.ts';
import { changesOf } from './history-changes.ts';
import { fieldCodeTables, fieldLabel } from './record-fields.ts';

const actionColours: Record<string, string> = { create: 'green', update: 'blue', import: 'blue', move_out: 'gray', deregister: 'red', reactivate: 'green' };

/** 变更记录: who changed which items when, from what to what; ID numbers and phones only as "changed". */
export function HistoryCard({ entity, id }: { entity: RegisterEntity; id: string }) {
  const t = useT();
  const history = useRegisterHistory(entity, id);
  return (
    <Card title={t('r.hist.title')} size="small" data-testid="register-history">
      {history.isPending ? (
        <LoadingBlock minHeight={120} />
      ) : history.isError ? (
        <ErrorBlock error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('r.hist.empty')} />
      ) : (
        <Timeline
          items={[...history.data]
            .sort((a, b) => b.version - a.version || b.at.localeCompare(a.at))
            .map((entry) => ({
              key: `${entry.version}-${entry.at}`,
              color: actionColours[entry.action] ?? 'blue',
              content: <HistoryItem entity={entity} entry={entry} />,
            }))}
        />
      )}
    </Card>
  );
}

function HistoryItem({ entity, entry }: { entity: RegisterEntity; entry: HistoryEntry }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const codeLabel = useCodeLabel();
  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('r.form.leaveOut');
    if (typeof value === 'boolean') return t(value ? 'r.yes' : 'r.no');
    const table = fieldCodeTables[field];
    if (table && typeof value === 'string') return codeLabel(table, value);
    if (field === 'status' && typeof value === 'string' && ['active', 'moved_out', 'deregistered'].includes(value)) return t(`r.status.${value}` as MessageKey);
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  };
  const action = (t(`r.hist.action.${entry.action}` as MessageKey) as string | undefined) ?? entry.action;
  const changes = changesOf(entry.changes ?? {});
  return (
    <div data-testid="history-entry" data-action={entry.action}>
      <Flex gap={8} wrap align="center">
        <b>{action}</b>
        <span className="rg-muted">{entry.actorName}</span>
        <span className="rg-muted tabular">{formatDateTime(entry.at)}</span>
        <Tag style={{ marginInlineEnd: 0 }}>{t('r.hist.version', { n: entry.version })}</Tag>
      </Flex>
      {entry.importId ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('r.hist.fromImport', { file: entry.fileName ?? entry.importId.slice(0, 8) })}
          {entry.importRow ? ` · ${t('r.p.importedFrom', { row: entry.importRow })}` : ''}
        </Typography.Text>
      ) : null}
      {entry.action === 'create' || changes.length === 0 ? null : (
        <ul className="rg-changes">
          {changes.map((c) => (
            <li key={c.field} data-testid="history-change" data-field={c.field}>
              <span className="rg-change-field">{fieldLabel(t, entity, c.field)}</span>
              {c.personal ? (
                <span className="rg-muted">{t('r.hist.changed')}</span>
              ) : (
                <>
                  <span className="rg-change-from">{show(c.field, c.from)}</span>
                  <span className="rg-muted"> → </span>
                  <span className="rg-change-to">{show(c.field, c.to)}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
