import { useMemo, useState, type ReactNode } from 'react';
import { App, Button, Card, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { CategoryRules, TimeLimit } from '@shizhi/domain';
import { Icon } from '../../components/icon.tsx';
import { ErrorBlock, ForbiddenResult, LoadingBlock } from '../../components/page-states.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useT, type Translate } from '../../i18n/index.ts';
import { useAllEventCategories, useUpdateCategory, type EventCategory } from '../../lib/events-api.ts';
import { hasRole, useMe } from '../../lib/session.ts';
import { CategoryEditModal } from './category-edit-modal.tsx';
import { handlingLevelLabels, limitUnitLabels, onRedLabels, onRedOf } from './category-labels.ts';
import './categories.css';

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
  const { message, modal } = App.useApp();
  // Deactivated categories too, greyed, so an administrator can find them and activate them again.
  const categories = useAllEventCategories();
  const update = useUpdateCategory();
  const [editing, setEditing] = useState<EventCategory | null>(null);

  const activate = (row: CategoryRow) => {
    const parent = row.parentCode ? categories.data?.items.find((c) => c.code === row.parentCode) : undefined;
    modal.confirm({
      title: t('categories.activateTitle', { code: row.code, name: row.name }),
      content: (
        <>
          <p style={{ margin: 0 }}>{t('categories.activateContent', { version: row.version + 1 })}</p>
          {parent && !parent.active ? (
            <p style={{ margin: '8px 0 0', color: '#ad6800' }}>{t('categories.activateParentInactive', { parent: parent.name })}</p>
          ) : null}
        </>
      ),
      okText: t('categories.activate'),
      okButtonProps: { 'data-testid': 'category-activate-confirm' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await update.mutateAsync({ code: row.code, change: { active: true } });
          message.success(t('categories.activated', { name: row.name }));
        } catch (cause) {
          message.error(cause instanceof Error ? cause.message : String(cause));
        }
      },
    });
  };

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
      width: 216,
      fixed: 'left',
      render: (_, row) => (
        <span data-testid={`category-row-${row.code}`} data-active={row.active}>
          <span className="tabular" style={{ color: '#8491a5', marginInlineEnd: 8 }}>
            {row.code}
          </span>
          <b style={{ fontWeight: row.parentCode === null ? 600 : 400 }}>{row.name}</b>
          {row.active ? null : (
            <Tag style={{ marginInlineStart: 8 }} data-testid="category-inactive">
              {t('categories.inactive')}
            </Tag>
          )}
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
    { title: t('categories.handlingLevel'), key: 'level', width: 88, render: rule((r) => t(handlingLevelLabels[r.handlingLevel])) },
    { title: t('categories.department'), key: 'department', width: 90, render: rule((r) => r.department ?? t('common.none')) },
    { title: t('events.clock.accept'), key: 'accept', width: 100, className: 'tabular', render: rule((r) => limitText(r.limits.accept, t)) },
    { title: t('events.clock.handle'), key: 'handle', width: 100, className: 'tabular', render: rule((r) => limitText(r.limits.handle, t)) },
    { title: t('events.clock.verify'), key: 'verify', width: 100, className: 'tabular', render: rule((r) => limitText(r.limits.verify, t)) },
    {
      title: t('categories.warnings'),
      key: 'warn',
      width: 112,
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
      width: 156,
      fixed: 'right',
      render: (_, row) => (
        <Flex gap={6}>
          <Button size="small" icon={<Icon name="edit" />} onClick={() => setEditing(row)} data-testid={`category-edit-${row.code}`}>
            {t('categories.edit')}
          </Button>
          {row.active ? null : (
            <Button
              size="small"
              type="primary"
              ghost
              icon={<Icon name="checkCircle" />}
              onClick={() => activate(row)}
              data-testid={`category-activate-${row.code}`}
            >
              {t('categories.activate')}
            </Button>
          )}
        </Flex>
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
            rowClassName={(row) => (row.active ? '' : 'category-inactive-row')}
            scroll={{ x: 1126 }}
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
