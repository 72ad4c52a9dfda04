import { Select, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { registerCodeTables } from '@shizhi/domain';
import { useLabel, useT } from '../../i18n/index.ts';
import { useCodeLabel, usePersonList, type PersonRow } from '../../lib/registers-api.ts';
import { CellLink, RegisterList, useRegisterParams } from './register-list.tsx';
import { ProblemsIcon, StatusTag } from './register-tags.tsx';

/** 实有人口: search by name, ID number or phone, filter by unit, type and status. */
export function PeoplePage() {
  const t = useT();
  const label = useLabel();
  const codeLabel = useCodeLabel();
  const state = useRegisterParams('people');
  const { params, update } = state;
  const list = usePersonList(params);

  const columns: TableColumnsType<PersonRow> = [
    {
      title: t('r.f.name'),
      dataIndex: 'name',
      width: 120,
      fixed: 'left',
      render: (name: string, row) => (
        <span className="rg-link-row" style={{ gap: 6 }}>
          <CellLink to={`/registers/people/${row.id}`} testId="person-link">
            {name}
          </CellLink>
          <ProblemsIcon problems={row.problems} />
        </span>
      ),
    },
    { title: t('r.f.gender'), dataIndex: 'gender', width: 72, render: (v: string | null) => codeLabel('gender', v) },
    { title: t('r.f.birthDate'), dataIndex: 'birthDate', width: 110, className: 'tabular', responsive: ['lg'], render: (v: string | null) => v ?? '—' },
    {
      title: t('r.f.personType'),
      dataIndex: 'personType',
      width: 100,
      render: (v: string) => (
        <Tag color={v === '01' ? 'blue' : v === '02' ? 'cyan' : v === '03' ? 'purple' : 'default'} style={{ marginInlineEnd: 0 }}>
          {codeLabel('personType', v)}
        </Tag>
      ),
    },
    { title: t('r.f.idNumber'), dataIndex: 'idNumberMasked', width: 170, className: 'tabular', render: (v: string | null) => v ?? '—' },
    { title: t('r.f.phone'), dataIndex: 'phoneMasked', width: 120, className: 'tabular', responsive: ['lg'], render: (v: string | null) => v ?? '—' },
    {
      title: `${t('r.f.residenceAddress')} / ${t('r.p.grid')}`,
      dataIndex: 'residenceAddress',
      render: (v: string | null, row) => (
        <span className="rg-cell-two">
          <span className="rg-clamp" title={v ?? ''}>
            {v ?? '—'}
          </span>
          <span className="rg-muted">{[row.villageName, row.gridName ?? row.gridCode].filter(Boolean).join(' · ')}</span>
        </span>
      ),
    },
    {
      title: t('r.p.household'),
      key: 'household',
      width: 150,
      responsive: ['lg'],
      render: (_, row) =>
        row.householdNumber ? (
          <span className="rg-cell-two">
            <span className="tabular">{row.householdNumber}</span>
            <span className="rg-muted">{codeLabel('relationToHead', row.relationToHead)}</span>
          </span>
        ) : (
          '—'
        ),
    },
    { title: t('r.f.status'), dataIndex: 'status', width: 84, render: (_, row) => <StatusTag status={row.status} /> },
  ];

  return (
    <RegisterList<PersonRow>
      entity="people"
      title={t('menu.people')}
      subtitle={t('r.p.subtitle')}
      newLabel={t('r.p.new')}
      searchPlaceholder={t('r.filter.q')}
      withAddressFilter
      state={state}
      query={list}
      columns={columns}
      filters={
        <Select
          allowClear
          placeholder={t('r.f.personType')}
          value={params.personType}
          onChange={(value) => update({ personType: value })}
          options={registerCodeTables.personType.entries.map((e) => ({ value: e.code, label: label(e) }))}
          style={{ width: 130 }}
          data-testid="register-filter-person-type"
        />
      }
      card={(row) => (
        <>
          <div className="rg-card-title">
            <span>{row.name}</span>
            <span className="rg-muted">
              {codeLabel('gender', row.gender)} · {row.birthDate ?? '—'}
            </span>
            <ProblemsIcon problems={row.problems} />
            <span style={{ marginInlineStart: 'auto' }}>
              <StatusTag status={row.status} />
            </span>
          </div>
          <div className="rg-muted tabular">
            {codeLabel('personType', row.personType)} · {row.idNumberMasked ?? '—'} · {row.phoneMasked ?? '—'}
          </div>
          <div className="rg-muted">{row.residenceAddress ?? row.gridName ?? '—'}</div>
        </>
      )}
    />
  );
}
