import { useMemo, useState, type ReactNode } from 'react';
import { Button, Card, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { CategoryRules, TimeLimit } from '@shizhi/domain';
import { Icon } from '../../components/icon.tsx';
import { ErrorBlock, ForbiddenResult, LoadingBlock } from '../../components/page-states.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useT, type Translate } from '../../i18n/index.ts';
import { useEventCategories, type EventCategory } from '../../lib/events-api.ts';
import { hasRole, useMe } from '../../lib/session.ts';
import { CategoryEditModal } from './category-edit-modal.tsx';
import { handlingLevelLabels, limitUnitLabels, onRedLabels, onRedOf } from './category-labels.ts';

interface CategoryRow extends EventCategory {
  children?: CategoryRow[];
}

function limitText(limit: TimeLimit, t: Translate): string {
  return `${limit.value} ${t(limitUnitLabels[limit.unit])}`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** 事件分类: the two-level catalogue with its handling rules, edited by system administrators. */
export function CategoriesPage() {
  const me = useMe().data;
  if (me && !hasRole(me, 'sys_admin')) return <ForbiddenResult />;
  return <Categories />;
}

function Categories() {
  const t = useT();
  const categories = useEventCategories();
  const [editing, setEditing] = useState<EventCategory | null>(null);

  const rows = useMemo<CategoryRow[]>(() => {
    const items = categories.data?.items ?? [];
    return items
      .filter((c) => c.parentCode === null)
      .map((parent) => {
        const children = items.filter((c) => c.parentCode === parent.code);
        return children.length > 0 ? { ...parent, children } : parent;
      });
  }, [categories.data]);

  const rule = (render: (rules: CategoryRules) => ReactNode) => (_: unknown, row: CategoryRow) => render(row.rules);
  const columns: TableColumnsType<CategoryRow> = [
    {
      title: t('categories.category'),
      key: 'name',
      width: 230,
      fixed: 'left',
      render: (_, row) => (
        <span data-testid={`category-row-${row.code}`}>
          <span className="tabular" style={{ color: '#8491a5', marginInlineEnd: 8 }}>
            {row.code}
          </span>
          <b style={{ fontWeight: row.parentCode === null ? 600 : 400 }}>{row.name}</b>
        </span>
      ),
    },
    {
      title: t('categories.version'),
      dataIndex: 'version',
      width: 64,
      align: 'center',
      render: (version: number) => (
        <Tag style={{ marginInlineEnd: 0 }} data-testid="category-version">
          v{version}
        </Tag>
      ),
    },
    { title: t('categories.handlingLevel'), key: 'level', width: 96, render: rule((r) => t(handlingLevelLabels[r.handlingLevel])) },
    { title: t('categories.department'), key: 'department', width: 90, render: rule((r) => r.department ?? t('common.none')) },
    { title: t('events.clock.accept'), key: 'accept', width: 112, className: 'tabular', render: rule((r) => limitText(r.limits.accept, t)) },
    { title: t('events.clock.handle'), key: 'handle', width: 112, className: 'tabular', render: rule((r) => limitText(r.limits.handle, t)) },
    { title: t('events.clock.verify'), key: 'verify', width: 112, className: 'tabular', render: rule((r) => limitText(r.limits.verify, t)) },
    {
      title: t('categories.warnings'),
      key: 'warn',
      width: 120,
      render: rule((r) => (
        <span className="tabular">
          <Tag color="gold">{percent(r.warn.yellow)}</Tag>
          <Tag color="red">{percent(r.warn.red)}</Tag>
        </span>
      )),
    },
    {
      title: t('categories.onRed'),
      key: 'onRed',
      width: 100,
      render: rule((r) => {
        const onRed = onRedOf(r);
        return <Tag color={onRed === 'escalate' ? 'volcano' : onRed === 'supervise' ? 'orange' : 'default'}>{t(onRedLabels[onRed])}</Tag>;
      }),
    },
    {
      title: t('categories.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, row) => (
        <Button size="small" icon={<Icon name="edit" />} onClick={() => setEditing(row)} data-testid={`category-edit-${row.code}`}>
          {t('categories.edit')}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="categories-page">
      <PageHeader title={t('menu.categories')} subtitle={t('categories.subtitle')} />
      <Card>
        {categories.isError ? (
          <ErrorBlock error={categories.error} onRetry={() => void categories.refetch()} />
        ) : categories.isPending ? (
          <LoadingBlock />
        ) : (
          <Table<CategoryRow>
            data-testid="categories-table"
            rowKey="code"
            size="middle"
            loading={categories.isFetching}
            columns={columns}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 1160 }}
            expandable={{ defaultExpandAllRows: true }}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          {t('categories.footnote')}
        </Typography.Paragraph>
      </Card>
      {editing ? <CategoryEditModal key={`${editing.code}-${editing.version}`} category={editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
