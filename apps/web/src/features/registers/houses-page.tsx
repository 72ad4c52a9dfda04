import { Select, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { registerCodeTables } from '@shizhi/domain';
import { useLabel, useT } from '../../i18n/index.ts';
import { useCodeLabel, useHouseList, type HouseRow } from '../../lib/registers-api.ts';
import { CellLink, RegisterList, useRegisterParams } from './register-list.tsx';
import { HazardTag, StatusTag } from './register-tags.tsx';

/** 实有房屋 (with 出租房屋): by code, address, unit, rental and hazard grade. */
export function HousesPage() {
  const t = useT();
  const label = useLabel();
  const codeLabel = useCodeLabel();
  const state = useRegisterParams('houses');
  const { params, update } = state;
  const list = useHouseList(params);
  const occupants = (row: HouseRow) => {
    const over = row.maxOccupants !== null && row.actualOccupants !== null && row.actualOccupants > row.maxOccupants;
    return (
      <span className={over ? 'rg-id-hint-bad tabular' : 'tabular'} title={over ? t('r.h.overOccupied') : undefined}>
        {row.maxOccupants ?? '—'} / {row.actualOccupants ?? '—'}
      </span>
    );
  };

  const columns: TableColumnsType<HouseRow> = [
    {
      title: t('r.f.houseCode'),
      dataIndex: 'code',
      width: 200,
      fixed: 'left',
      className: 'tabular',
      render: (code: string, row) => (
        <CellLink to={`/registers/houses/${row.id}`} testId="house-link">
          {code}
        </CellLink>
      ),
    },
    { title: t('r.f.address'), dataIndex: 'address', ellipsis: true, render: (v: string | null) => <span title={v ?? ''}>{v ?? '—'}</span> },
    { title: t('r.p.grid'), dataIndex: 'gridName', width: 140, ellipsis: true, responsive: ['xl'], render: (v: string | null, row) => v ?? row.gridCode },
    { title: t('r.f.houseUse'), dataIndex: 'houseUse', width: 100, render: (v: string | null) => codeLabel('houseUse', v) },
    {
      title: t('r.f.rental'),
      dataIndex: 'rental',
      width: 80,
      render: (v: boolean) => (v ? <Tag color="orange">{t('r.h.rentalYes')}</Tag> : <span className="rg-muted">{t('r.no')}</span>),
    },
    {
      title: t('r.h.owner'),
      key: 'owner',
      width: 150,
      responsive: ['lg'],
      render: (_, row) => (
        <span className="rg-cell-two">
          <span>{row.ownerName ?? '—'}</span>
          <span className="rg-muted tabular">{row.ownerPhoneMasked ?? ''}</span>
        </span>
      ),
    },
    { title: t('r.h.occupants'), key: 'occupants', width: 100, render: (_, row) => occupants(row) },
    { title: t('r.h.residentsCount'), dataIndex: 'residents', width: 90, className: 'tabular', responsive: ['lg'] },
    { title: t('r.f.hazardGrade'), dataIndex: 'hazardGrade', width: 90, render: (v: string | null) => <HazardTag grade={v} /> },
    { title: t('r.f.status'), dataIndex: 'status', width: 84, render: (_, row) => <StatusTag status={row.status} /> },
  ];

  return (
    <RegisterList<HouseRow>
      entity="houses"
      title={t('menu.houses')}
      subtitle={t('r.h.subtitle')}
      newLabel={t('r.h.new')}
      searchPlaceholder={t('r.filter.qHouse')}
      withAddressFilter
      state={state}
      query={list}
      columns={columns}
      filters={
        <>
          <Select
            allowClear
            placeholder={t('r.filter.rental')}
            value={params.rental}
            onChange={(value) => update({ rental: value })}
            options={[
              { value: 'true', label: t('r.h.rentalYes') },
              { value: 'false', label: t('r.h.rentalNo') },
            ]}
            style={{ width: 130 }}
            data-testid="register-filter-rental"
          />
          <Select
            allowClear
            placeholder={t('r.f.hazardGrade')}
            value={params.hazardGrade}
            onChange={(value) => update({ hazardGrade: value })}
            options={registerCodeTables.hazardGrade.entries.map((e) => ({ value: e.code, label: label(e) }))}
            style={{ width: 110 }}
            data-testid="register-filter-hazard"
          />
        </>
      }
      card={(row) => (
        <>
          <div className="rg-card-title">
            <span className="tabular">{row.code}</span>
            {row.rental ? <Tag color="orange">{t('r.h.rentalYes')}</Tag> : null}
            <HazardTag grade={row.hazardGrade} />
            <span style={{ marginInlineStart: 'auto' }}>
              <StatusTag status={row.status} />
            </span>
          </div>
          <div className="rg-muted">{row.address ?? '—'}</div>
          <div className="rg-muted">
            {codeLabel('houseUse', row.houseUse)} · {row.ownerName ?? '—'} · {t('r.h.occupants')} {occupants(row)}
          </div>
        </>
      )}
    />
  );
}
