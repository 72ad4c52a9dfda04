import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { Button, Card, Flex, Grid, Input, List, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Icon } from '../../components/icon.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { ErrorBlock } from '../../components/page-states.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useT } from '../../i18n/index.ts';
import type { Paged, RecordStatus, RegisterEntity, RegisterListParams } from '../../lib/registers-api.ts';
import { can, useMe } from '../../lib/session.ts';
import { ExportButton } from './export-button.tsx';
import { isFiltered, registerParamsFrom, searchOfRegister } from './list-params.ts';
import './registers.css';

/** The list's filters, read from and written to the address bar. */
export function useRegisterParams(entity: RegisterEntity) {
  const [search, setSearch] = useSearchParams();
  const params = registerParamsFrom(entity, search);
  const update = (next: Partial<RegisterListParams>) => {
    const merged: RegisterListParams = { ...params, page: 1, ...next };
    for (const key of Object.keys(next) as (keyof RegisterListParams)[]) if (next[key] === undefined) delete merged[key];
    setSearch(searchOfRegister(merged), { replace: true });
  };
  const goTo = (page: number, pageSize: number) =>
    setSearch(searchOfRegister({ ...params, page: pageSize === params.pageSize ? page : 1, pageSize }), { replace: true });
  const clear = () => setSearch(new URLSearchParams(), { replace: true });
  return { params, update, goTo, clear };
}

export interface RegisterListProps<T extends { id: string; status: RecordStatus }> {
  entity: RegisterEntity;
  title: string;
  subtitle: string;
  newLabel: string;
  searchPlaceholder: string;
  /** The register's own filters, after the common ones. */
  filters?: ReactNode;
  withAddressFilter?: boolean;
  query: { data: Paged<T> | undefined; isFetching: boolean; isRefetching: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  columns: TableColumnsType<T>;
  /** One row as a phone card. */
  card: (row: T) => ReactNode;
  state: ReturnType<typeof useRegisterParams>;
}

/**
 * The frame the three registers' lists share: header with 导入 / 导出 / 新增, one search box, the unit
 * and status filters, and the table (cards on a phone), all kept in the address bar.
 */
export function RegisterList<T extends { id: string; status: RecordStatus }>(props: RegisterListProps<T>) {
  const { entity, query, state } = props;
  const { params, update, goTo, clear } = state;
  const t = useT();
  const navigate = useNavigate();
  const me = useMe().data;
  const wide = Grid.useBreakpoint().md ?? true;
  const [filtersOpen, setFiltersOpen] = useState(false);
  const showFilters = wide || filtersOpen;
  const detailPath = (id: string) => `/registers/${entity}/${id}`;
  const total = query.data?.total ?? 0;
  const showTotal = (n: number) => (query.data?.totalCapped ? t('r.totalCapped', { n }) : t('r.total', { n }));

  return (
    <div data-testid={`registers-${entity}-page`}>
      <PageHeader
        title={props.title}
        subtitle={props.subtitle}
        extra={
          <Flex gap={8} wrap={!wide} justify="flex-end">
            <Button icon={<Icon name="reload" />} onClick={() => void query.refetch()} loading={query.isRefetching} aria-label={t('r.refresh')}>
              {wide ? t('r.refresh') : null}
            </Button>
            {me && can(me, 'registers.import') ? (
              <Link to="/registers/imports">
                <Button icon={<Icon name="cloudUpload" />} data-testid="to-register-import">
                  {t('r.import')}
                </Button>
              </Link>
            ) : null}
            <ExportButton entity={entity} params={params} canWhole={Boolean(me && can(me, 'registers.personal_data'))} />
            {me && can(me, 'registers.edit') ? (
              <Button type="primary" icon={<Icon name="plus" />} onClick={() => void navigate(`/registers/${entity}/new`)} data-testid="register-new">
                {props.newLabel}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="rg-filters" data-testid="register-filters">
          <Input.Search
            key={`q-${params.q ?? ''}`}
            allowClear
            defaultValue={params.q}
            placeholder={props.searchPlaceholder}
            onSearch={(value) => update({ q: value.trim() || undefined })}
            style={{ width: wide ? 260 : '100%' }}
            data-testid="register-filter-q"
          />
          {props.withAddressFilter ? (
            <Input.Search
              key={`a-${params.address ?? ''}`}
              allowClear
              defaultValue={params.address}
              placeholder={t('r.filter.address')}
              onSearch={(value) => update({ address: value.trim().length >= 2 ? value.trim() : undefined })}
              style={{ width: wide ? 220 : '100%' }}
              data-testid="register-filter-address"
            />
          ) : null}
          {wide ? null : (
            <Button icon={<Icon name="search" />} onClick={() => setFiltersOpen((o) => !o)} data-testid="register-filters-toggle">
              {t('r.filter.more')}
            </Button>
          )}
          {showFilters ? (
            <>
              <OrgTreeSelect
                value={params.unit}
                onChange={(code) => update({ unit: code })}
                placeholder={t('r.filter.unit')}
                allowClear
                style={{ width: wide ? 200 : '100%' }}
                testId="register-filter-unit"
              />
              {props.filters}
              <Select
                placeholder={t('r.filter.status')}
                value={params.status ?? 'active'}
                onChange={(value) => update({ status: value === 'active' ? undefined : value })}
                options={(['active', 'moved_out', 'deregistered', 'all'] as const).map((s) => ({
                  value: s,
                  label: s === 'all' ? t('r.filter.allStatus') : t(`r.status.${s}`),
                }))}
                style={{ width: 110 }}
                data-testid="register-filter-status"
              />
            </>
          ) : null}
          {isFiltered(params) ? (
            <Button type="link" onClick={clear} data-testid="register-filter-clear">
              {t('r.filter.clear')}
            </Button>
          ) : null}
        </div>
      </Card>
      <Card styles={{ body: { paddingTop: 8 } }}>
        {query.isError ? (
          <ErrorBlock error={query.error} onRetry={() => void query.refetch()} />
        ) : !wide ? (
          <List<T>
            data-testid="register-cards"
            loading={query.isFetching && !query.isRefetching}
            dataSource={query.data?.items ?? []}
            locale={{ emptyText: t('r.empty') }}
            pagination={{ current: params.page, pageSize: params.pageSize, total, size: 'small', simple: true, onChange: (page) => goTo(page, params.pageSize) }}
            renderItem={(row) => (
              <List.Item className="rg-card-row" data-testid={`register-row-${row.id}`} onClick={() => void navigate(detailPath(row.id))}>
                <div className="rg-card">{props.card(row)}</div>
              </List.Item>
            )}
          />
        ) : (
          <Table<T>
            data-testid="register-table"
            rowKey="id"
            size="middle"
            loading={query.isFetching && !query.isRefetching}
            columns={props.columns}
            dataSource={query.data?.items ?? []}
            scroll={{ x: 960 }}
            rowClassName={(row) => (row.status === 'active' ? 'rg-row' : 'rg-row rg-row-inactive')}
            onRow={(row) =>
              ({
                'data-testid': `register-row-${row.id}`,
                onClick: () => void navigate(detailPath(row.id)),
              }) as HTMLAttributes<HTMLElement>
            }
            locale={{
              emptyText: (
                <Typography.Text type="secondary" style={{ display: 'block', padding: 24 }}>
                  {t('r.empty')}
                </Typography.Text>
              ),
            }}
            pagination={{
              current: params.page,
              pageSize: params.pageSize,
              total,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal,
              onChange: goTo,
            }}
          />
        )}
      </Card>
    </div>
  );
}

/** A link in a table cell that opens the record without the row's own click firing too. */
export function CellLink({ to, children, testId }: { to: string; children: ReactNode; testId?: string }) {
  return (
    <Link to={to} onClick={(e) => e.stopPropagation()} data-testid={testId}>
      {children}
    </Link>
  );
}
