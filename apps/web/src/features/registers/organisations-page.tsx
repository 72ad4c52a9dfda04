import { Select, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { registerCodeTables } from '@shizhi/domain';
import { useLabel, useT } from '../../i18n/index.ts';
import { useCodeLabel, useOrganisationList, type OrganisationRow } from '../../lib/registers-api.ts';
import { categoryTable } from './record-fields.ts';
import { CellLink, RegisterList, useRegisterParams } from './register-list.tsx';
import { StatusTag } from './register-tags.tsx';

const attentionColours: Record<string, string> = { '01': 'red', '02': 'orange', '03': 'blue' };

/** 实有单位: enterprises, social organisations, shops and schools, by name or code, kind and attention level. */
export function OrganisationsPage() {
  const t = useT();
  const label = useLabel();
  const codeLabel = useCodeLabel();
  const state = useRegisterParams('organisations');
  const { params, update } = state;
  const list = useOrganisationList(params);
  const category = (row: OrganisationRow) => {
    const table = categoryTable(row.kind);
    return row.category ? (table ? codeLabel(table, row.category) : row.category) : null;
  };
  const attention = (v: string | null) => (v && v !== '00' ? <Tag color={attentionColours[v] ?? 'default'}>{codeLabel('attentionLevel', v)}</Tag> : <span className="rg-muted">—</span>);

  const columns: TableColumnsType<OrganisationRow> = [
    {
      title: t('r.o.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 240,
      ellipsis: true,
      render: (name: string, row) => (
        <CellLink to={`/registers/organisations/${row.id}`} testId="organisation-link">
          {name}
        </CellLink>
      ),
    },
    { title: t('r.o.codeShort'), dataIndex: 'code', width: 190, className: 'tabular', responsive: ['lg'] },
    {
      title: t('r.f.kind'),
      dataIndex: 'kind',
      width: 150,
      render: (v: string, row) => (
        <span className="rg-cell-two">
          <span>{codeLabel('organisationKind', v)}</span>
          {category(row) ? <span className="rg-muted">{category(row)}</span> : null}
        </span>
      ),
    },
    { title: t('r.f.address'), dataIndex: 'address', ellipsis: true, render: (v: string | null) => <span title={v ?? ''}>{v ?? '—'}</span> },
    { title: t('r.p.grid'), dataIndex: 'gridName', width: 140, ellipsis: true, responsive: ['xl'], render: (v: string | null, row) => v ?? row.gridCode },
    {
      title: t('r.o.legalRep'),
      key: 'legalRep',
      width: 140,
      responsive: ['lg'],
      render: (_, row) => (
        <span className="rg-cell-two">
          <span>{row.legalRepName ?? '—'}</span>
          <span className="rg-muted tabular">{row.legalRepPhoneMasked ?? ''}</span>
        </span>
      ),
    },
    { title: t('r.f.employees'), dataIndex: 'employees', width: 90, className: 'tabular', responsive: ['xl'], render: (v: number | null) => v ?? '—' },
    { title: t('r.f.attentionLevel'), dataIndex: 'attentionLevel', width: 90, render: attention },
    { title: t('r.f.status'), dataIndex: 'status', width: 84, render: (_, row) => <StatusTag status={row.status} /> },
  ];

  return (
    <RegisterList<OrganisationRow>
      entity="organisations"
      title={t('menu.organisations')}
      subtitle={t('r.o.subtitle')}
      newLabel={t('r.o.new')}
      searchPlaceholder={t('r.filter.qOrg')}
      state={state}
      query={list}
      columns={columns}
      filters={
        <>
          <Select
            allowClear
            placeholder={t('r.f.kind')}
            value={params.kind}
            onChange={(value) => update({ kind: value })}
            options={registerCodeTables.organisationKind.entries.map((e) => ({ value: e.code, label: label(e) }))}
            style={{ width: 160 }}
            popupMatchSelectWidth={false}
            data-testid="register-filter-kind"
          />
          <Select
            allowClear
            placeholder={t('r.f.attentionLevel')}
            value={params.attentionLevel}
            onChange={(value) => update({ attentionLevel: value })}
            options={registerCodeTables.attentionLevel.entries.map((e) => ({ value: e.code, label: label(e) }))}
            style={{ width: 110 }}
            data-testid="register-filter-attention"
          />
        </>
      }
      card={(row) => (
        <>
          <div className="rg-card-title">
            <span>{row.name}</span>
            <span style={{ marginInlineStart: 'auto' }}>
              <StatusTag status={row.status} />
            </span>
          </div>
          <div className="rg-muted">
            {codeLabel('organisationKind', row.kind)}
            {category(row) ? ` · ${category(row)}` : ''} · <span className="tabular">{row.code}</span>
          </div>
          <div className="rg-muted">{row.address ?? row.gridName ?? '—'}</div>
        </>
      )}
    />
  );
}
