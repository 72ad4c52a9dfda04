import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Form, Input, Radio, Row, Select, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { countyName, personInputSchema, residentIdCardType } from '@shizhi/domain';
import { PageHeader } from '../../components/page-header.tsx';
import { useLocale, useT, type MessageKey } from '../../i18n/index.ts';
import { chinaDate } from '../../lib/periods.ts';
import {
  useCodeLabel,
  useHouseList,
  useOrganisationList,
  usePersonPage,
  useSaveRecord,
  type PersonPage,
} from '../../lib/registers-api.ts';
import { useMe } from '../../lib/session.ts';
import { CodeSelect, GridSelect, SaveErrorAlert, applySchemaIssues, gridRule, idNumberRule, useMessageHalf, useSaveError } from './form-support.tsx';
import { changedFields, clean } from './form-values.ts';
import { readIdNumber } from './id-number-fill.ts';
import { BackLink, RecordPageState } from './record-page-parts.tsx';
import { dateDetailFields, fieldCodeTables, fieldLabel, typeDetailFields } from './record-fields.ts';
import './registers.css';

/** The person fields the form edits, named as the API takes them. */
interface PersonForm {
  personType: string;
  name: string;
  formerName?: string | null;
  gender?: string | null;
  birthDate?: string | null;
  ethnicity?: string | null;
  nativePlace?: string | null;
  maritalStatus?: string | null;
  politicalStatus?: string | null;
  education?: string | null;
  religion?: string | null;
  occupationCategory?: string | null;
  occupation?: string | null;
  workplace?: string | null;
  organisationId?: string | null;
  idType?: string | null;
  idNumber?: string | null;
  phone?: string | null;
  registeredDivision?: string | null;
  registeredAddress?: string | null;
  gridCode?: string;
  houseId?: string | null;
  residenceAddress?: string | null;
  householdNumber?: string | null;
  householdKind?: string | null;
  relationToHead?: string | null;
  personHouseholdConsistent?: boolean | null;
  details?: Record<string, string | null>;
}

const personalKeys = ['idNumber', 'phone'] as const;
/** The document types a person form offers: 居民身份证 first, then passports and permits. */
const personIdTypes = ['111', '112', '335', '414', '516', '511', '990'];

export function PersonFormPage() {
  const { id } = useParams();
  const page = usePersonPage(id);
  if (id && !page.data) return <RecordPageState query={page} backTo="/registers/people" />;
  return <PersonFormView key={`${id ?? 'new'}-${page.data?.person.version ?? 0}`} data={page.data ?? null} reload={() => void page.refetch()} />;
}

function initialOf(data: PersonPage | null, defaultGrid: string | undefined): PersonForm {
  if (!data) return { personType: '01', name: '', idType: residentIdCardType, gridCode: defaultGrid, details: {} };
  const p = data.person;
  return {
    personType: p.personType,
    name: p.name,
    formerName: p.formerName,
    gender: p.gender,
    birthDate: p.birthDate,
    ethnicity: p.ethnicity,
    nativePlace: p.nativePlace,
    maritalStatus: p.maritalStatus,
    politicalStatus: p.politicalStatus,
    education: p.education,
    religion: p.religion,
    occupationCategory: p.occupationCategory,
    occupation: p.occupation,
    workplace: p.workplace,
    organisationId: p.organisationId,
    idType: p.idType,
    idNumber: null,
    phone: null,
    registeredDivision: p.registeredDivision,
    registeredAddress: p.registeredAddress,
    gridCode: p.gridCode,
    houseId: p.houseId,
    residenceAddress: p.residenceAddress,
    householdNumber: data.household?.number ?? null,
    householdKind: data.household?.kind ?? null,
    relationToHead: p.relationToHead,
    personHouseholdConsistent: p.personHouseholdConsistent,
    details: { ...p.details },
  };
}

function PersonFormView({ data, reload }: { data: PersonPage | null; reload: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const half = useMessageHalf();
  const codeLabel = useCodeLabel();
  const me = useMe().data;
  const editing = data !== null;
  const save = useSaveRecord('people', data?.person.id);
  const [form] = Form.useForm<PersonForm>();
  const { error, setError, report } = useSaveError(form);
  // A grid worker with one grid starts there.
  const ownGrids = me?.assignments.map((a) => a.orgCode).filter((c) => /^\d{15}$/.test(c)) ?? [];
  const ownGrid = ownGrids.length === 1 ? ownGrids[0] : undefined;
  const initial = useMemo(() => initialOf(data, ownGrid), [data, ownGrid]);
  const personType = Form.useWatch('personType', form) ?? initial.personType;
  const idType = Form.useWatch('idType', form);
  const idNumber = Form.useWatch('idNumber', form);
  const division = Form.useWatch('registeredDivision', form);
  const reading = readIdNumber(idNumber, idType);

  const onIdChange = (value: string) => {
    const read = readIdNumber(value, form.getFieldValue('idType') as string | undefined);
    if (read.state !== 'valid') return;
    form.setFieldsValue({ birthDate: read.birthDate, gender: read.gender });
    if (!form.getFieldValue('registeredDivision') && countyName(read.idNumber.slice(0, 6))) form.setFieldsValue({ registeredDivision: read.idNumber.slice(0, 6) });
  };

  const submit = async (values: PersonForm) => {
    setError(null);
    const details = Object.fromEntries(Object.entries(values.details ?? {}).filter(([k]) => (typeDetailFields[values.personType] ?? []).includes(k) || k === 'note'));
    const body = Object.fromEntries(Object.entries({ ...values, details }).map(([k, v]) => [k, clean(v)])) as Record<string, unknown>;
    if (body.idNumber) body.idNumber = String(body.idNumber).toUpperCase().replace(/\s+/g, '');
    // The domain's schema (the import's own checks) speaks first, on the fields.
    const domainView = { ...body, idType: body.idType ?? residentIdCardType, details: Object.fromEntries(Object.entries(details).filter(([, v]) => v !== null)) };
    if (!editing || body.idNumber || body.phone) {
      const ok = applySchemaIssues(form, personInputSchema, stripUnknown(domainView, editing), half, (m) => setError({ message: m, stale: false }));
      if (!ok) return;
    }
    try {
      if (editing) {
        const changes = changedFields(initial as unknown as Record<string, unknown>, body, personalKeys);
        if (Object.keys(changes).length === 0) {
          void navigate(`/registers/people/${data.person.id}`);
          return;
        }
        await save.mutateAsync({ version: data.person.version, ...changes });
        message.success(t('r.saved'));
        void navigate(`/registers/people/${data.person.id}`);
      } else {
        const receipt = await save.mutateAsync(body);
        message.success(t('r.created'));
        void navigate(`/registers/people/${receipt.id}`);
      }
    } catch (cause) {
      report(cause);
    }
  };

  const idHelp =
    reading.state === 'valid' ? (
      <span className="rg-id-hint-ok" data-testid="id-hint" data-state="valid">
        {t('r.form.idValid', { birth: reading.birthDate, gender: t(reading.gender === '1' ? 'r.form.male' : 'r.form.female') })}
      </span>
    ) : reading.state === 'invalid' ? (
      <span className="rg-id-hint-bad" data-testid="id-hint" data-state="invalid">
        {t(`r.form.idProblem.${reading.problem}` as MessageKey)}
      </span>
    ) : editing && data.person.idNumberMasked ? (
      t('r.form.keepPersonal', { masked: data.person.idNumberMasked })
    ) : undefined;

  const required = [{ required: true, whitespace: true, message: t('r.required') }];
  const typeFields = typeDetailFields[personType] ?? [];
  const title = editing ? `${t('r.p.editTitle')}：${data.person.name}` : t('r.p.newTitle');

  return (
    <div data-testid="person-form-page">
      <BackLink to={editing ? `/registers/people/${data.person.id}` : '/registers/people'} />
      <PageHeader title={title} subtitle={t('r.p.subtitle')} />
      <SaveErrorAlert error={error} onReload={reload} />
      <Form<PersonForm>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={initial}
        onFinish={(values) => void submit(values)}
        scrollToFirstError
        data-testid="person-form"
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card title={t('r.p.basic')} size="small" style={{ marginBottom: 16 }}>
              <Row gutter={12}>
                <Col xs={24} md={8}>
                  <Form.Item name="personType" label={t('r.f.personType')} rules={required}>
                    <CodeSelect table="personType" allowClear={false} testId="person-type" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="name" label={t('r.f.name')} rules={required}>
                    <Input maxLength={60} data-testid="person-name" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="formerName" label={t('r.f.formerName')}>
                    <Input maxLength={60} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="idType" label={t('r.f.idType')}>
                    <CodeSelect table="idType" codes={personIdTypes} testId="person-id-type" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={16}>
                  <Form.Item
                    name="idNumber"
                    label={t('r.f.idNumber')}
                    help={idHelp}
                    validateStatus={reading.state === 'invalid' ? 'error' : reading.state === 'valid' ? 'success' : undefined}
                    rules={[idNumberRule(t, () => form.getFieldValue('idType') as string | undefined)]}
                  >
                    <Input
                      maxLength={30}
                      className="tabular"
                      autoComplete="off"
                      placeholder={editing ? (data.person.idNumberMasked ?? undefined) : undefined}
                      onChange={(e) => onIdChange(e.target.value)}
                      data-testid="person-id-number"
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="gender" label={t('r.f.gender')}>
                    <CodeSelect table="gender" testId="person-gender" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="birthDate" label={t('r.f.birthDate')}>
                    <Input type="date" max={chinaDate()} data-testid="person-birth-date" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="ethnicity" label={t('r.f.ethnicity')}>
                    <CodeSelect table="ethnicity" testId="person-ethnicity" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item
                    name="phone"
                    label={t('r.f.phone')}
                    help={editing && data.person.phoneMasked ? t('r.form.keepPersonal', { masked: data.person.phoneMasked }) : undefined}
                    rules={[{ pattern: /^[\d\s-]{5,20}$/, message: t('r.form.phoneInvalid') }]}
                  >
                    <Input maxLength={20} inputMode="tel" className="tabular" autoComplete="off" data-testid="person-phone" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="maritalStatus" label={t('r.f.maritalStatus')}>
                    <CodeSelect table="maritalStatus" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="politicalStatus" label={t('r.f.politicalStatus')}>
                    <CodeSelect table="politicalStatus" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="education" label={t('r.f.education')}>
                    <CodeSelect table="education" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="religion" label={t('r.f.religion')}>
                    <CodeSelect table="religion" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="nativePlace" label={t('r.f.nativePlace')}>
                    <Input maxLength={60} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            {typeFields.length > 0 ? (
              <Card title={t('r.p.typeItems', { type: codeLabel('personType', personType) })} size="small" style={{ marginBottom: 16 }} data-testid="person-type-section">
                <TypeItems fields={typeFields} />
              </Card>
            ) : null}
            <Card title={t('r.form.workSection')} size="small">
              <Row gutter={12}>
                <Col xs={24} md={8}>
                  <Form.Item name="occupationCategory" label={t('r.f.occupationCategory')}>
                    <CodeSelect table="occupationCategory" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="occupation" label={t('r.f.occupation')}>
                    <Input maxLength={60} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="workplace" label={t('r.f.workplace')}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item name="organisationId" label={t('r.f.organisationId')}>
                    <OrganisationPicker initial={data?.organisation ?? null} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card title={t('r.form.householdSection')} size="small" style={{ marginBottom: 16 }}>
              <Form.Item name="gridCode" label={t('r.f.gridCode')} rules={[gridRule(t('r.form.gridOnly'))]} required>
                <GridSelect testId="person-grid" />
              </Form.Item>
              <Form.Item name="houseId" label={t('r.f.houseCode')}>
                <HousePicker initial={data?.house ?? null} onPicked={(address) => address && !form.getFieldValue('residenceAddress') && form.setFieldsValue({ residenceAddress: address })} />
              </Form.Item>
              <Form.Item name="residenceAddress" label={t('r.f.residenceAddress')}>
                <Input maxLength={100} data-testid="person-residence" />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={12}>
                  <Form.Item name="householdNumber" label={t('r.f.householdNumber')} rules={[{ pattern: /^[0-9A-Za-z-]{1,30}$/, message: t('r.form.householdInvalid') }]}>
                    <Input maxLength={30} className="tabular" data-testid="person-household" />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item name="householdKind" label={t('r.f.householdKind')}>
                    <CodeSelect table="householdKind" />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item name="relationToHead" label={t('r.f.relationToHead')}>
                    <CodeSelect table="relationToHead" testId="person-relation" />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item name="personHouseholdConsistent" label={t('r.f.personHouseholdConsistent')}>
                    <Radio.Group
                      optionType="button"
                      options={[
                        { value: true, label: t('r.yes') },
                        { value: false, label: t('r.no') },
                      ]}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card title={t('r.p.residence')} size="small">
              <Form.Item
                name="registeredDivision"
                label={t('r.f.registeredDivision')}
                extra={division && countyName(String(division)) ? countyName(String(division)) : t('r.form.division')}
                rules={[{ pattern: /^\d{6}$/, message: t('r.form.divisionInvalid') }]}
              >
                <Input maxLength={6} inputMode="numeric" className="tabular" style={{ maxWidth: 160 }} data-testid="person-division" />
              </Form.Item>
              <Form.Item name="registeredAddress" label={t('r.f.registeredAddress')}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name={['details', 'note']} label={t('r.f.note')} style={{ marginBottom: 0 }}>
                <Input.TextArea rows={2} maxLength={300} />
              </Form.Item>
            </Card>
          </Col>
        </Row>
        <div className="rg-submit-bar">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('r.reveal.logged')}
          </Typography.Text>
          <Link to={editing ? `/registers/people/${data.person.id}` : '/registers/people'}>
            <Button>{t('r.cancel')}</Button>
          </Link>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="person-submit">
            {t('r.save')}
          </Button>
        </div>
      </Form>
    </div>
  );
}

/** The domain schema knows the record's fields (house by code, not id); on an edit the personal fields may stay empty. */
function stripUnknown(body: Record<string, unknown>, editing: boolean): Record<string, unknown> {
  const { organisationId: _o, houseId: _h, householdKind: _k, ...rest } = body;
  if (editing) {
    if (!rest.idNumber) delete rest.idNumber;
    if (!rest.phone) delete rest.phone;
  }
  return rest;
}

/** The 人口类型's own items (流动: 居住证; 境外: 国籍, 来华目的 …). */
function TypeItems({ fields }: { fields: readonly string[] }) {
  const t = useT();
  return (
    <Row gutter={12}>
      {fields.map((f) => {
        const table = fieldCodeTables[f];
        return (
          <Col key={f} xs={12} md={8}>
            <Form.Item name={['details', f]} label={fieldLabel(t, 'people', f)}>
              {table ? <CodeSelect table={table} testId={`person-detail-${f}`} /> : dateDetailFields.has(f) ? <Input type="date" /> : <Input maxLength={100} data-testid={`person-detail-${f}`} />}
            </Form.Item>
          </Col>
        );
      })}
    </Row>
  );
}

/** 房屋编号 search: the houses in my area whose code starts with what is typed. */
function HousePicker({
  value,
  onChange,
  initial,
  onPicked,
}: {
  value?: string | null;
  onChange?: (id: string | null) => void;
  initial: { id: string; code: string; address: string | null } | null;
  onPicked: (address: string | null) => void;
}) {
  const t = useT();
  const codeLabel = useCodeLabel();
  const [q, setQ] = useState('');
  const houses = useHouseList({ q, page: 1, pageSize: 10 }, { enabled: q.trim().length >= 2 });
  const items = houses.data?.items ?? [];
  const options = [
    ...(initial && !items.some((h) => h.id === initial.id) ? [{ value: initial.id, label: `${initial.code} · ${initial.address ?? ''}`, address: initial.address }] : []),
    ...items.map((h) => ({ value: h.id, label: `${h.code} · ${h.address ?? ''}${h.houseUse ? ` (${codeLabel('houseUse', h.houseUse)})` : ''}`, address: h.address })),
  ];
  return (
    <Select
      value={value ?? undefined}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('r.form.houseSearch')}
      loading={houses.isFetching}
      notFoundContent={q.trim().length >= 2 && !houses.isFetching ? t('r.empty') : null}
      options={options}
      onChange={(id: string | undefined, option) => {
        onChange?.(id ?? null);
        const picked = Array.isArray(option) ? undefined : option;
        onPicked((picked as { address?: string | null } | undefined)?.address ?? null);
      }}
      popupMatchSelectWidth={false}
      data-testid="person-house"
    />
  );
}

/** 工作单位: an organisation in the register, found by name. */
function OrganisationPicker({
  value,
  onChange,
  initial,
}: {
  value?: string | null;
  onChange?: (id: string | null) => void;
  initial: { id: string; name: string } | null;
}) {
  const t = useT();
  const { locale } = useLocale();
  const [q, setQ] = useState('');
  const list = useOrganisationList({ q, page: 1, pageSize: 10 }, { enabled: q.trim().length >= 1 });
  const items = list.data?.items ?? [];
  const options = [
    ...(initial && !items.some((o) => o.id === initial.id) ? [{ value: initial.id, label: initial.name }] : []),
    ...items.map((o) => ({ value: o.id, label: `${o.name}${o.address ? (locale === 'en' ? ` — ${o.address}` : `（${o.address}）`) : ''}` })),
  ];
  return (
    <Select
      value={value ?? undefined}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('r.form.orgSearch')}
      loading={list.isFetching}
      options={options}
      onChange={(id: string | undefined) => onChange?.(id ?? null)}
      popupMatchSelectWidth={false}
      data-testid="person-organisation"
    />
  );
}
