import { useState } from 'react';
import { Card, Col, Descriptions, Flex, Row, Tag } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useParams } from 'react-router';
import { useFormatNumber, useT } from '../../i18n/index.ts';
import { useCodeLabel, useHousePage, type HousePage as HousePageData, type LifecycleAction } from '../../lib/registers-api.ts';
import { HistoryCard } from './history-card.tsx';
import { LifecycleModal } from './lifecycle-modal.tsx';
import { MaskedValue, useReveal } from './personal-data.tsx';
import { BackLink, RecordHead, RecordPageState } from './record-page-parts.tsx';
import { PeopleTable } from './people-table.tsx';
import { HazardTag } from './register-tags.tsx';
import './registers.css';

/** A house's page: its items, owner (masked), 出租 items and hazard, the people living there, history. */
export function HousePage() {
  const { id } = useParams();
  const page = useHousePage(id);
  if (!page.data) return <RecordPageState query={page} backTo="/registers/houses" />;
  return <HouseView key={page.data.house.id} data={page.data} refreshing={page.isFetching} onRefresh={() => void page.refetch()} />;
}

function HouseView({ data, refreshing, onRefresh }: { data: HousePageData; refreshing: boolean; onRefresh: () => void }) {
  const t = useT();
  const codeLabel = useCodeLabel();
  const formatNumber = useFormatNumber();
  const h = data.house;
  const [action, setAction] = useState<LifecycleAction | null>(null);
  const { whole, ask, modal } = useReveal('houses', h.id);
  const none = <span className="rg-muted">—</span>;
  const yesNo = (v: boolean | null) => (v === null ? none : t(v ? 'r.yes' : 'r.no'));
  const over = h.maxOccupants !== null && h.actualOccupants !== null && h.actualOccupants > h.maxOccupants;

  const items: DescriptionsProps['items'] = [
    { key: 'code', label: t('r.f.houseCode'), children: <span className="tabular">{h.code}</span> },
    { key: 'address', label: t('r.h.address'), children: h.address ?? none, span: 'filled' },
    { key: 'grid', label: t('r.f.gridCode'), children: `${h.villageName ? `${h.villageName} · ` : ''}${h.gridName ?? h.gridCode}` },
    { key: 'buildingUse', label: t('r.f.buildingUse'), children: codeLabel('buildingUse', h.buildingUse) },
    { key: 'houseUse', label: t('r.f.houseUse'), children: codeLabel('houseUse', h.houseUse) },
    { key: 'area', label: t('r.f.area'), children: h.area === null ? none : formatNumber(h.area) },
    { key: 'propertyType', label: t('r.f.propertyType'), children: codeLabel('propertyType', h.propertyType) },
    { key: 'hazardGrade', label: t('r.f.hazardGrade'), children: <HazardTag grade={h.hazardGrade} /> },
    { key: 'hazardType', label: t('r.f.hazardType'), children: codeLabel('hazardType', h.hazardType) },
  ];
  const owner: DescriptionsProps['items'] = [
    { key: 'ownerName', label: t('r.f.ownerName'), children: h.ownerName ?? none },
    { key: 'ownerIdType', label: t('r.f.ownerIdType'), children: codeLabel('idType', h.ownerIdType) },
    {
      key: 'ownerId',
      label: t('r.f.ownerIdNumber'),
      children: <MaskedValue masked={h.ownerIdNumberMasked} whole={whole ? whole.idNumber : undefined} canReveal={data.canReveal} onReveal={ask} testId="house-owner-id" />,
    },
    {
      key: 'ownerPhone',
      label: t('r.f.ownerPhone'),
      children: <MaskedValue masked={h.ownerPhoneMasked} whole={whole ? whole.phone : undefined} canReveal={data.canReveal} onReveal={ask} testId="house-owner-phone" />,
    },
  ];
  const rental: DescriptionsProps['items'] = [
    { key: 'rental', label: t('r.f.rental'), children: yesNo(h.rental) },
    { key: 'rentalUse', label: t('r.f.rentalUse'), children: codeLabel('rentalUse', h.rentalUse) },
    { key: 'landlordType', label: t('r.f.landlordType'), children: codeLabel('landlordType', h.landlordType) },
    { key: 'pledge', label: t('r.f.pledgeSigned'), children: yesNo(h.pledgeSigned) },
    { key: 'max', label: t('r.f.maxOccupants'), children: h.maxOccupants ?? none },
    {
      key: 'actual',
      label: t('r.f.actualOccupants'),
      children: (
        <span className={over ? 'rg-id-hint-bad' : undefined}>
          {h.actualOccupants ?? '—'}
          {over ? ` · ${t('r.h.overOccupied')}` : ''}
        </span>
      ),
    },
  ];

  return (
    <div data-testid="house-page" data-house-id={h.id}>
      <BackLink to="/registers/houses" />
      <RecordHead
        name={h.code}
        tags={
          <>
            {h.rental ? <Tag color="orange">{t('r.h.rental')}</Tag> : null}
            <HazardTag grade={h.hazardGrade} />
          </>
        }
        meta={
          <>
            <span>{h.address ?? '—'}</span>
            <span>{codeLabel('houseUse', h.houseUse)}</span>
          </>
        }
        status={h.status}
        statusReason={h.statusReason}
        statusAt={h.statusAt}
        problems={h.problems}
        canEdit={data.canEdit}
        editPath={`/registers/houses/${h.id}/edit`}
        onAction={setAction}
        onRefresh={onRefresh}
        refreshing={refreshing}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <Card title={t('r.h.houseItems')} size="small">
              <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={items} />
            </Card>
            <Card title={t('r.h.ownerItems')} size="small" extra={data.canReveal ? <span className="rg-muted">{t('r.reveal.logged')}</span> : null} data-testid="house-owner">
              <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={owner} />
            </Card>
            <Card title={t('r.h.rentalItems')} size="small" data-testid="house-rental">
              <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={rental} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            <Card title={`${t('r.h.residents')} (${data.residents.length})`} size="small" data-testid="house-residents">
              <PeopleTable rows={data.residents} empty={t('r.h.noResidents')} />
            </Card>
            <HistoryCard entity="houses" id={h.id} />
          </Flex>
        </Col>
      </Row>
      {modal}
      {action ? <LifecycleModal entity="houses" id={h.id} name={h.code} version={h.version} action={action} onClose={() => setAction(null)} /> : null}
    </div>
  );
}
