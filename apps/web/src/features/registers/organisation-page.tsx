import { useState } from 'react';
import { Card, Col, Descriptions, Flex, Row, Tag } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useParams } from 'react-router';
import { useT } from '../../i18n/index.ts';
import { useCodeLabel, useOrganisationPage, type LifecycleAction, type OrganisationPage as OrganisationPageData } from '../../lib/registers-api.ts';
import { HistoryCard } from './history-card.tsx';
import { PeopleTable } from './people-table.tsx';
import { LifecycleModal } from './lifecycle-modal.tsx';
import { MaskedValue, useReveal } from './personal-data.tsx';
import { BackLink, RecordHead, RecordPageState } from './record-page-parts.tsx';
import { categoryTable } from './record-fields.ts';
import './registers.css';

/** An organisation's page: its items, legal representative (masked), school items for a school, its people. */
export function OrganisationPage() {
  const { id } = useParams();
  const page = useOrganisationPage(id);
  if (!page.data) return <RecordPageState query={page} backTo="/registers/organisations" />;
  return <OrganisationView key={page.data.organisation.id} data={page.data} refreshing={page.isFetching} onRefresh={() => void page.refetch()} />;
}

function OrganisationView({ data, refreshing, onRefresh }: { data: OrganisationPageData; refreshing: boolean; onRefresh: () => void }) {
  const t = useT();
  const codeLabel = useCodeLabel();
  const o = data.organisation;
  const [action, setAction] = useState<LifecycleAction | null>(null);
  const { whole, ask, modal } = useReveal('organisations', o.id);
  const none = <span className="rg-muted">—</span>;
  const yesNo = (v: boolean | null) => (v === null ? none : t(v ? 'r.yes' : 'r.no'));
  const num = (v: number | null) => (v === null ? none : <span className="tabular">{v}</span>);
  const table = categoryTable(o.kind);
  const school = o.kind === '04' || o.schoolType !== null;

  const basic: DescriptionsProps['items'] = [
    { key: 'name', label: t('r.o.name'), children: o.name, span: 'filled' },
    { key: 'code', label: t('r.o.code'), children: <span className="tabular">{o.code}</span> },
    { key: 'kind', label: t('r.f.kind'), children: codeLabel('organisationKind', o.kind) },
    { key: 'category', label: t('r.f.category'), children: o.category ? (table ? codeLabel(table, o.category) : o.category) : none },
    { key: 'grid', label: t('r.f.gridCode'), children: `${o.villageName ? `${o.villageName} · ` : ''}${o.gridName ?? o.gridCode}` },
    { key: 'address', label: t('r.f.address'), children: o.address ?? none, span: 'filled' },
    { key: 'employees', label: t('r.f.employees'), children: num(o.employees) },
    { key: 'partyOrg', label: t('r.f.partyOrg'), children: yesNo(o.partyOrg) },
  ];
  const legalRep: DescriptionsProps['items'] = [
    { key: 'name', label: t('r.f.legalRepName'), children: o.legalRepName ?? none },
    {
      key: 'id',
      label: t('r.f.legalRepIdNumber'),
      children: <MaskedValue masked={o.legalRepIdNumberMasked} whole={whole ? whole.idNumber : undefined} canReveal={data.canReveal} onReveal={ask} testId="org-legal-rep-id" />,
    },
    {
      key: 'phone',
      label: t('r.f.legalRepPhone'),
      children: <MaskedValue masked={o.legalRepPhoneMasked} whole={whole ? whole.phone : undefined} canReveal={data.canReveal} onReveal={ask} testId="org-legal-rep-phone" />,
    },
  ];
  const security: DescriptionsProps['items'] = [
    { key: 'securityHead', label: t('r.f.securityHeadName'), children: o.securityHeadName ?? none },
    { key: 'attention', label: t('r.f.attentionLevel'), children: codeLabel('attentionLevel', o.attentionLevel) },
    { key: 'chemicals', label: t('r.f.hazardousChemicals'), children: yesNo(o.hazardousChemicals) },
    { key: 'hazardType', label: t('r.f.hazardType'), children: codeLabel('hazardType', o.hazardType) },
  ];
  const schoolItems: DescriptionsProps['items'] = [
    { key: 'schoolType', label: t('r.f.schoolType'), children: codeLabel('schoolType', o.schoolType) },
    { key: 'principal', label: t('r.f.principalName'), children: o.principalName ?? none },
    { key: 'students', label: t('r.f.students'), children: num(o.students) },
    { key: 'staff', label: t('r.f.staff'), children: num(o.staff) },
    { key: 'securityStaff', label: t('r.f.securityStaff'), children: num(o.securityStaff) },
  ];

  return (
    <div data-testid="organisation-page" data-organisation-id={o.id}>
      <BackLink to="/registers/organisations" />
      <RecordHead
        name={o.name}
        tags={<Tag color="blue">{codeLabel('organisationKind', o.kind)}</Tag>}
        meta={
          <>
            <span className="tabular">{o.code}</span>
            <span>{o.address ?? o.gridName ?? ''}</span>
          </>
        }
        status={o.status}
        statusReason={o.statusReason}
        statusAt={o.statusAt}
        problems={o.problems}
        canEdit={data.canEdit}
        editPath={`/registers/organisations/${o.id}/edit`}
        onAction={setAction}
        onRefresh={onRefresh}
        refreshing={refreshing}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <Card title={t('r.o.basic')} size="small">
              <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={basic} />
            </Card>
            <Card title={t('r.o.legalRepItems')} size="small" extra={data.canReveal ? <span className="rg-muted">{t('r.reveal.logged')}</span> : null} data-testid="org-legal-rep">
              <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={legalRep} />
            </Card>
            <Card title={t('r.o.security')} size="small">
              <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={security} />
            </Card>
            {school ? (
              <Card title={t('r.o.school')} size="small" data-testid="org-school">
                <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={schoolItems} />
              </Card>
            ) : null}
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            <Card title={`${t('r.o.people')} (${data.people.length})`} size="small" data-testid="org-people">
              <PeopleTable rows={data.people} empty={t('r.o.noPeople')} />
            </Card>
            <HistoryCard entity="organisations" id={o.id} />
          </Flex>
        </Col>
      </Row>
      {modal}
      {action ? <LifecycleModal entity="organisations" id={o.id} name={o.name} version={o.version} action={action} onClose={() => setAction(null)} /> : null}
    </div>
  );
}
