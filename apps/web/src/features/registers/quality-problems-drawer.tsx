import type { HTMLAttributes } from 'react';
import { Drawer, Grid, List, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { qualityFlagLabel } from '@shizhi/domain';
import { ErrorBlock } from '../../components/page-states.tsx';
import { useFormatNumber, useLocale, useT } from '../../i18n/index.ts';
import { useCodeLabel } from '../../lib/registers-api.ts';
import { useQualityProblems, type QualityProblem, type QualityProblemRow } from '../../lib/registers-imports-api.ts';

/**
 * 待整改: the people of a grid (or the whole unit) with one kind of problem, 20 a page, each saying
 * what to fix and opening the person's page. The API says it in Chinese; in English the record's own
 * quality flags are labelled instead.
 */
export function QualityProblemsDrawer(props: {
  unit: string;
  unitName: string;
  problem: QualityProblem;
  page: number;
  onPage: (page: number) => void;
  onClose: () => void;
}) {
  const { unit, unitName, problem, page, onPage, onClose } = props;
  const t = useT();
  const { locale } = useLocale();
  const codeLabel = useCodeLabel();
  const formatNumber = useFormatNumber();
  const wide = Grid.useBreakpoint().md ?? true;
  const list = useQualityProblems({ unit, problem, page });
  const data = list.data;

  const describe = (row: QualityProblemRow): string => {
    if (locale !== 'en') return row.problem;
    if (problem === 'duplicate') return t('rq.problem.duplicate.describe');
    const prefix = problem === 'missing' ? 'missing:' : 'id_';
    const flags = row.problems.filter((f) => f.startsWith(prefix));
    return flags.length ? flags.map((f) => qualityFlagLabel(f, 'en')).join('; ') : t('rq.problem.id_invalid.describe');
  };

  const personLink = (row: QualityProblemRow) => (
    <Link to={`/registers/people/${row.id}`} data-testid="quality-person-link">
      {row.name}
    </Link>
  );

  const columns: TableColumnsType<QualityProblemRow> = [
    { title: t('r.f.name'), dataIndex: 'name', width: 100, render: (_, row) => personLink(row) },
    {
      title: t('r.f.idNumber'),
      dataIndex: 'idNumberMasked',
      width: 170,
      className: 'tabular',
      render: (v: string | null, row) => (
        <span className="ri-cell-two">
          <span>{v ?? '—'}</span>
          <span className="ri-muted">
            {codeLabel('gender', row.gender)} · {row.birthDate ?? '—'}
          </span>
        </span>
      ),
    },
    {
      title: `${t('r.f.residenceAddress')} / ${t('r.p.grid')}`,
      dataIndex: 'residenceAddress',
      render: (v: string | null, row) => (
        <span className="ri-cell-two">
          <span className="ri-clamp" title={v ?? ''}>
            {v ?? '—'}
          </span>
          <span className="ri-muted">{[row.villageName, row.gridName ?? row.gridCode].filter(Boolean).join(' · ')}</span>
        </span>
      ),
    },
    { title: t('rq.problemColumn'), key: 'problem', width: 240, render: (_, row) => <span className="rq-problem">{describe(row)}</span> },
  ];

  return (
    <Drawer
      open
      onClose={onClose}
      size={wide ? 860 : '100%'}
      title={
        <span data-testid="quality-problems-title">
          {t('rq.drawer.title', { unit: unitName, problem: t(`rq.problem.${problem}`) })}
          {data ? <span className="ri-muted"> · {t('r.total', { n: formatNumber(data.total) })}</span> : null}
        </span>
      }
      data-testid="quality-problems"
      data-problem={problem}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t(`rq.problem.${problem}.fix`)}
      </Typography.Paragraph>
      {list.isError ? (
        <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />
      ) : wide ? (
        <Table<QualityProblemRow>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          columns={columns}
          dataSource={data?.items ?? []}
          pagination={{ current: page, pageSize: data?.pageSize ?? 20, total: data?.total ?? 0, showSizeChanger: false, onChange: onPage, size: 'small' }}
          onRow={(row) => ({ 'data-testid': `quality-problem-${row.id}` }) as HTMLAttributes<HTMLElement>}
          data-testid="quality-problems-table"
        />
      ) : (
        <List<QualityProblemRow>
          loading={list.isFetching}
          dataSource={data?.items ?? []}
          pagination={{ current: page, pageSize: data?.pageSize ?? 20, total: data?.total ?? 0, simple: true, size: 'small', onChange: onPage }}
          renderItem={(row) => (
            <List.Item data-testid={`quality-problem-${row.id}`}>
              <div className="ri-card">
                <div className="ri-card-head">
                  {personLink(row)}
                  <span className="ri-muted tabular">{row.idNumberMasked ?? '—'}</span>
                </div>
                <div className="ri-muted">{row.residenceAddress ?? row.gridName ?? '—'}</div>
                <div className="rq-problem">{describe(row)}</div>
              </div>
            </List.Item>
          )}
        />
      )}
    </Drawer>
  );
}
