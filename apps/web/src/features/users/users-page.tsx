import { useState } from 'react';
import { Card, Flex, Input, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { roleLabels, type Role } from '@shizhi/domain';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { ErrorBlock } from '../../components/page-states.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useFormatDateTime, useLabel, useT } from '../../i18n/index.ts';
import { useUserList, type UserRow } from './users-api.ts';

const roleColors: Record<Role, string> = {
  sys_admin: 'red',
  leader: 'purple',
  center_staff: 'blue',
  grid_worker: 'green',
  mediator: 'cyan',
  dept_handler: 'orange',
};

export function UsersPage() {
  const t = useT();
  const label = useLabel();
  const formatDateTime = useFormatDateTime();
  const [orgCode, setOrgCode] = useState<string | undefined>(undefined);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const users = useUserList({ orgCode, q, page, pageSize });

  const columns: TableColumnsType<UserRow> = [
    { title: t('users.username'), dataIndex: 'username', className: 'tabular', width: 190 },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 140 },
    {
      title: t('users.assignments'),
      key: 'assignments',
      render: (_, user) => (
        <Flex gap={6} wrap>
          {user.assignments.map((a) => (
            <Tooltip key={`${a.orgCode}-${a.role}`} title={a.orgCode}>
              <Tag color={roleColors[a.role]} style={{ marginInlineEnd: 0 }}>
                {label(roleLabels[a.role])} · {a.orgName}
              </Tag>
            </Tooltip>
          ))}
        </Flex>
      ),
    },
    {
      title: t('users.status'),
      key: 'status',
      width: 200,
      render: (_, user) => {
        const locked = user.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now();
        if (locked) return <Tag color="warning">{t('users.locked', { time: formatDateTime(user.lockedUntil) })}</Tag>;
        return user.status === 'active' ? (
          <Tag color="success">{t('users.active')}</Tag>
        ) : (
          <Tag>{t('users.disabled')}</Tag>
        );
      },
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 190,
      responsive: ['lg'],
      className: 'tabular',
      render: (value: string | null) => (value ? formatDateTime(value) : t('users.never')),
    },
  ];

  return (
    <div data-testid="users-page">
      <PageHeader title={t('users.title')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <OrgTreeSelect
            testId="users-filter-org"
            mode="all"
            value={orgCode}
            onChange={(code) => {
              setOrgCode(code);
              setPage(1);
            }}
            allowClear
            placeholder={t('users.filterOrg')}
            style={{ width: 280 }}
          />
          <Input.Search
            data-testid="users-filter-q"
            allowClear
            placeholder={t('users.filterQ')}
            style={{ width: 260 }}
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
          />
        </Flex>
        {users.isError ? (
          <ErrorBlock error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <Table<UserRow>
            data-testid="users-table"
            rowKey="id"
            size="middle"
            loading={users.isFetching}
            columns={columns}
            dataSource={users.data?.items ?? []}
            scroll={{ x: 860 }}
            pagination={{
              current: page,
              pageSize,
              total: users.data?.total ?? 0,
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
    </div>
  );
}
