import { Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../i18n/index.ts';
import { useCodeLabel, type PersonRow } from '../../lib/registers-api.ts';
import { ProblemsIcon, StatusTag } from './register-tags.tsx';

/** People on a house or organisation page, each a link to their page. */
export function PeopleTable({ rows, empty }: { rows: PersonRow[]; empty: string }) {
  const t = useT();
  const codeLabel = useCodeLabel();
  if (rows.length === 0) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <Table<PersonRow>
      size="small"
      rowKey="id"
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
      columns={[
        {
          title: t('r.f.name'),
          dataIndex: 'name',
          render: (name: string, row) => (
            <span className="rg-link-row" style={{ gap: 4 }}>
              <Link to={`/registers/people/${row.id}`}>{name}</Link>
              <ProblemsIcon problems={row.problems} />
            </span>
          ),
        },
        { title: t('r.f.personType'), dataIndex: 'personType', render: (v: string) => codeLabel('personType', v) },
        { title: t('r.f.relationToHead'), dataIndex: 'relationToHead', responsive: ['sm'], render: (v: string | null) => codeLabel('relationToHead', v) },
        { title: t('r.f.idNumber'), dataIndex: 'idNumberMasked', className: 'tabular', responsive: ['md'], render: (v: string | null) => v ?? '—' },
        { title: t('r.f.status'), dataIndex: 'status', render: (_, row) => <StatusTag status={row.status} /> },
      ]}
    />
  );
}
