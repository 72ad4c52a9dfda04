import { useState } from 'react';
import { Card, Col, Descriptions, Empty, Flex, Row, Table, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { Link, useParams } from 'react-router';
import { countyName, type DisputeState, type EventState, type RegisterCodeTableId } from '@shizhi/domain';
import { DisputeStateTag } from '../../components/dispute-tags.tsx';
import { EventStateTag } from '../../components/event-state-tag.tsx';
import { useFormatDateTime, useT, type MessageKey } from '../../i18n/index.ts';
import { useCodeLabel, usePersonPage, type LifecycleAction, type PersonPage as PersonPageData } from '../../lib/registers-api.ts';
import { HistoryCard } from './history-card.tsx';
import { LifecycleModal } from './lifecycle-modal.tsx';
import { MaskedValue, useReveal } from './personal-data.tsx';
import { BackLink, RecordHead, RecordPageState, ageOf } from './record-page-parts.tsx';
import { dateDetailFields, fieldCodeTables, fieldLabel, typeDetailFields } from './record-fields.ts';
import { StatusTag } from './register-tags.tsx';
import './registers.css';

/** A person's page: every GB/T 31000 item, their house, household, workplace, events and disputes, and history. */
export function PersonPage() {
  const { id } = useParams();
  const page = usePersonPage(id);
  if (!page.data) return <RecordPageState query={page} backTo="/registers/people" />;
  return <PersonView key={page.data.person.id} data={page.data} refreshing={page.isFetching} onRefresh={() => void page.refetch()} />;
}

function PersonView({ data, refreshing, onRefresh }: { data: PersonPageData; refreshing: boolean; onRefresh: () => void }) {
  const t = useT();
  const codeLabel = useCodeLabel();
  const p = data.person;
  const [action, setAction] = useState<LifecycleAction | null>(null);
  const { whole, ask, modal } = useReveal('people', p.id);
  const none = <span className="rg-muted">—</span>;
  const text = (v: string | null | undefined) => (v ? v : none);
  const code = (table: RegisterCodeTableId, v: string | null) => (v ? codeLabel(table, v) : none);
  const age = ageOf(p.birthDate);

  const basic: DescriptionsProps['items'] = [
    { key: 'name', label: t('r.f.name'), children: p.name },
    { key: 'formerName', label: t('r.f.formerName'), children: text(p.formerName) },
    { key: 'gender', label: t('r.f.gender'), children: code('gender', p.gender) },
    { key: 'birthDate', label: t('r.f.birthDate'), children: p.birthDate ? <span className="tabular">{p.birthDate}</span> : none },
    { key: 'ethnicity', label: t('r.f.ethnicity'), children: code('ethnicity', p.ethnicity) },
    { key: 'nativePlace', label: t('r.f.nativePlace'), children: text(p.nativePlace) },
    { key: 'maritalStatus', label: t('r.f.maritalStatus'), children: code('maritalStatus', p.maritalStatus) },
    { key: 'politicalStatus', label: t('r.f.politicalStatus'), children: code('politicalStatus', p.politicalStatus) },
    { key: 'education', label: t('r.f.education'), children: code('education', p.education) },
    { key: 'religion', label: t('r.f.religion'), children: code('religion', p.religion) },
    { key: 'occupationCategory', label: t('r.f.occupationCategory'), children: code('occupationCategory', p.occupationCategory) },
    { key: 'occupation', label: t('r.f.occupation'), children: text(p.occupation) },
    { key: 'workplace', label: t('r.f.workplace'), children: text(p.workplace), span: 'filled' },
  ];

  const identity: DescriptionsProps['items'] = [
    { key: 'idType', label: t('r.f.idType'), children: code('idType', p.idType) },
    {
      key: 'idNumber',
      label: t('r.f.idNumber'),
      children: (
        <Flex gap={6} align="center" wrap>
          <MaskedValue masked={p.idNumberMasked} whole={whole ? whole.idNumber : undefined} canReveal={data.canReveal} onReveal={ask} testId="person-id-number" />
          {p.idValid === false ? <Tag color="red">{t('r.p.idInvalid')}</Tag> : null}
        </Flex>
      ),
    },
    {
      key: 'phone',
      label: t('r.f.phone'),
      children: <MaskedValue masked={p.phoneMasked} whole={whole ? whole.phone : undefined} canReveal={data.canReveal} onReveal={ask} testId="person-phone" />,
    },
  ];

  const residence: DescriptionsProps['items'] = [
    { key: 'registeredDivision', label: t('r.f.registeredDivision'), children: p.registeredDivision ? `${countyName(p.registeredDivision) ?? ''} ${p.registeredDivision}`.trim() : none },
    { key: 'registeredAddress', label: t('r.f.registeredAddress'), children: text(p.registeredAddress) },
    { key: 'residenceAddress', label: t('r.f.residenceAddress'), children: text(p.address ?? p.residenceAddress), span: 'filled' },
    { key: 'grid', label: t('r.f.gridCode'), children: `${p.villageName ? `${p.villageName} · ` : ''}${p.gridName ?? p.gridCode}` },
    {
      key: 'household',
      label: t('r.f.householdNumber'),
      children: data.household ? (
        <span className="tabular">
          {data.household.number} · {codeLabel('householdKind', data.household.kind)}
        </span>
      ) : (
        none
      ),
    },
    { key: 'relationToHead', label: t('r.f.relationToHead'), children: code('relationToHead', p.relationToHead) },
    {
      key: 'consistent',
      label: t('r.f.personHouseholdConsistent'),
      children: p.personHouseholdConsistent === null ? none : t(p.personHouseholdConsistent ? 'r.yes' : 'r.no'),
    },
  ];

  const typeFields = typeDetailFields[p.personType] ?? [];
  const detailItems: DescriptionsProps['items'] = [...typeFields, 'note']
    .filter((f) => f !== 'note' || p.details.note)
    .map((f) => {
      const value = p.details[f] ?? null;
      const table = fieldCodeTables[f];
      return {
        key: f,
        label: fieldLabel(t, 'people', f),
        children: value === null || value === '' ? none : table ? codeLabel(table, value) : dateDetailFields.has(f) ? <span className="tabular">{value}</span> : value,
      };
    });

  return (
    <div data-testid="person-page" data-person-id={p.id}>
      <BackLink to="/registers/people" />
      <RecordHead
        name={p.name}
        tags={<Tag color="blue">{codeLabel('personType', p.personType)}</Tag>}
        meta={
          <>
            <span>
              {codeLabel('gender', p.gender)}
              {age !== null ? ` · ${t('r.p.age', { n: age })}` : ''}
            </span>
            <span>{t('common.labelValue', { label: t('r.p.grid'), value: `${p.villageName ?? ''} ${p.gridName ?? p.gridCode}`.trim() })}</span>
            {p.importRow ? <span>{t('r.p.importedFrom', { row: p.importRow })}</span> : null}
          </>
        }
        status={p.status}
        statusReason={p.statusReason}
        statusAt={p.statusAt}
        problems={p.problems}
        canEdit={data.canEdit}
        editPath={`/registers/people/${p.id}/edit`}
        onAction={setAction}
        onRefresh={onRefresh}
        refreshing={refreshing}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <Card title={t('r.p.basic')} size="small" data-testid="person-basic">
              <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={basic} />
            </Card>
            <Card
              title={t('r.p.identity')}
              size="small"
              data-testid="person-identity"
              extra={data.canReveal ? <span className="rg-muted">{t('r.reveal.logged')}</span> : null}
            >
              <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={identity} />
            </Card>
            <Card title={t('r.p.residence')} size="small">
              <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={residence} />
            </Card>
            {detailItems.length > 0 ? (
              <Card title={t('r.p.typeItems', { type: codeLabel('personType', p.personType) })} size="small" data-testid="person-type-items">
                <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={detailItems} />
              </Card>
            ) : null}
            <HistoryCard entity="people" id={p.id} />
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16}>
            <HouseCard data={data} />
            <MembersCard data={data} />
            <Card title={t('r.p.workplace')} size="small" data-testid="person-organisation">
              {data.organisation ? (
                <div className="rg-link-row">
                  <Link to={`/registers/organisations/${data.organisation.id}`}>{data.organisation.name}</Link>
                  <Tag style={{ marginInlineEnd: 0 }}>{codeLabel('organisationKind', data.organisation.kind)}</Tag>
                </div>
              ) : (
                <Typography.Text type="secondary">{p.workplace ?? t('r.p.noOrganisation')}</Typography.Text>
              )}
            </Card>
            <RelatedCases data={data} />
          </Flex>
        </Col>
      </Row>
      {modal}
      {action ? <LifecycleModal entity="people" id={p.id} name={p.name} version={p.version} action={action} onClose={() => setAction(null)} /> : null}
    </div>
  );
}

function HouseCard({ data }: { data: PersonPageData }) {
  const t = useT();
  return (
    <Card title={t('r.p.house')} size="small" data-testid="person-house">
      {data.house ? (
        <div className="rg-link-list">
          <div className="rg-link-row">
            <Link to={`/registers/houses/${data.house.id}`} className="tabular" data-testid="person-house-link">
              {data.house.code}
            </Link>
            {data.house.rental ? <Tag color="orange">{t('r.h.rentalYes')}</Tag> : null}
          </div>
          <span className="rg-muted">{data.house.address ?? '—'}</span>
        </div>
      ) : (
        <Typography.Text type="secondary">{t('r.p.noHouse')}</Typography.Text>
      )}
    </Card>
  );
}

function MembersCard({ data }: { data: PersonPageData }) {
  const t = useT();
  const codeLabel = useCodeLabel();
  const members = data.household?.members ?? [];
  return (
    <Card
      title={t('r.p.members')}
      size="small"
      data-testid="person-members"
      extra={data.household ? <span className="rg-muted tabular">{data.household.number}</span> : null}
    >
      {!data.household ? (
        <Typography.Text type="secondary">{t('r.p.noHousehold')}</Typography.Text>
      ) : (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={members}
          rowClassName={(m) => (m.id === data.person.id ? 'ant-table-row-selected' : '')}
          columns={[
            {
              title: t('r.f.name'),
              dataIndex: 'name',
              render: (name: string, m) => (m.id === data.person.id ? <b>{name}</b> : <Link to={`/registers/people/${m.id}`}>{name}</Link>),
            },
            { title: t('r.f.relationToHead'), dataIndex: 'relationToHead', render: (v: string | null) => codeLabel('relationToHead', v) },
            { title: t('r.f.gender'), dataIndex: 'gender', width: 56, render: (v: string | null) => codeLabel('gender', v) },
            { title: t('r.f.birthDate'), dataIndex: 'birthDate', className: 'tabular', render: (v: string | null) => v ?? '—' },
            { title: t('r.f.status'), dataIndex: 'status', render: (_, m) => <StatusTag status={m.status} /> },
          ]}
        />
      )}
    </Card>
  );
}

function roleLabel(t: ReturnType<typeof useT>, role: string): string {
  return (t(`r.p.role.${role}` as MessageKey) as string | undefined) ?? role;
}

function RelatedCases({ data }: { data: PersonPageData }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  return (
    <>
      <Card title={t('r.p.events')} size="small" data-testid="person-events">
        {data.events.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('r.p.noEvents')} />
        ) : (
          <div className="rg-link-list">
            {data.events.map((e) => (
              <div key={e.id} className="rg-link-row">
                <EventStateTag state={e.status as EventState} />
                <Link to={`/events/${e.id}`} className="tabular">
                  {e.number}
                </Link>
                <span>{e.title}</span>
                <span className="rg-muted">
                  {roleLabel(t, e.role)} · {formatDateTime(e.reportedAt).slice(0, 10)}
                </span>
              </div>
            ))}
          </div>
        )}
      </Card>
      <Card title={t('r.p.disputes')} size="small" data-testid="person-disputes">
        {data.disputes.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('r.p.noDisputes')} />
        ) : (
          <div className="rg-link-list">
            {data.disputes.map((d) => (
              <div key={d.id} className="rg-link-row">
                <DisputeStateTag state={d.state as DisputeState} />
                <Link to={`/disputes/${d.id}`} className="tabular">
                  {d.number}
                </Link>
                <span>{d.title}</span>
                <span className="rg-muted">{roleLabel(t, d.role)}</span>
              </div>
            ))}
          </div>
        )}
      </Card>
    </>
  );
}
