import { useMemo } from 'react';
import { App, Button, Card, Col, Form, Input, InputNumber, Radio, Row } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { checkUscc, organisationInputSchema } from '@shizhi/domain';
import { PageHeader } from '../../components/page-header.tsx';
import { useT } from '../../i18n/index.ts';
import { useOrganisationPage, useSaveRecord, type OrganisationPage } from '../../lib/registers-api.ts';
import { useMe } from '../../lib/session.ts';
import { AddressPicker } from './address-picker.tsx';
import { CodeSelect, GridSelect, SaveErrorAlert, applySchemaIssues, gridRule, idNumberRule, useMessageHalf, useSaveError } from './form-support.tsx';
import { changedFields, clean } from './form-values.ts';
import { BackLink, RecordPageState } from './record-page-parts.tsx';
import { categoryTable } from './record-fields.ts';
import './registers.css';

interface OrganisationForm {
  code: string;
  name: string;
  kind: string;
  category?: string | null;
  gridCode?: string;
  addressId?: string | null;
  address?: string | null;
  legalRepName?: string | null;
  legalRepIdNumber?: string | null;
  legalRepPhone?: string | null;
  securityHeadName?: string | null;
  employees?: number | null;
  hazardousChemicals?: boolean | null;
  hazardType?: string | null;
  attentionLevel?: string | null;
  partyOrg?: boolean | null;
  schoolType?: string | null;
  students?: number | null;
  staff?: number | null;
  securityStaff?: number | null;
  principalName?: string | null;
}

const personalKeys = ['legalRepIdNumber', 'legalRepPhone'];
const schoolKeys = ['schoolType', 'students', 'staff', 'securityStaff', 'principalName'] as const;

export function OrganisationFormPage() {
  const { id } = useParams();
  const page = useOrganisationPage(id);
  if (id && !page.data) return <RecordPageState query={page} backTo="/registers/organisations" />;
  return <OrganisationFormView key={`${id ?? 'new'}-${page.data?.organisation.version ?? 0}`} data={page.data ?? null} reload={() => void page.refetch()} />;
}

function OrganisationFormView({ data, reload }: { data: OrganisationPage | null; reload: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const half = useMessageHalf();
  const me = useMe().data;
  const editing = data !== null;
  const save = useSaveRecord('organisations', data?.organisation.id);
  const [form] = Form.useForm<OrganisationForm>();
  const { error, setError, report } = useSaveError(form);
  const kind = Form.useWatch('kind', form);
  const code = Form.useWatch('code', form);
  const ownGrids = me?.assignments.map((a) => a.orgCode).filter((c) => /^\d{15}$/.test(c)) ?? [];
  const ownGrid = ownGrids.length === 1 ? ownGrids[0] : undefined;
  const initial = useMemo<OrganisationForm>(() => {
    if (!data) return { code: '', name: '', kind: '01', ...(ownGrid ? { gridCode: ownGrid } : {}) };
    const o = data.organisation;
    return {
      code: o.code,
      name: o.name,
      kind: o.kind,
      category: o.category,
      gridCode: o.gridCode,
      addressId: o.addressId,
      address: o.address,
      legalRepName: o.legalRepName,
      legalRepIdNumber: null,
      legalRepPhone: null,
      securityHeadName: o.securityHeadName,
      employees: o.employees,
      hazardousChemicals: o.hazardousChemicals,
      hazardType: o.hazardType,
      attentionLevel: o.attentionLevel,
      partyOrg: o.partyOrg,
      schoolType: o.schoolType,
      students: o.students,
      staff: o.staff,
      securityStaff: o.securityStaff,
      principalName: o.principalName,
    };
  }, [data, ownGrid]);
  const table = categoryTable(kind);
  const school = kind === '04';
  // A code of 18 characters is read as a 统一社会信用代码; a failed check is a hint, since 登记证号 and local codes are allowed.
  const usccWarning = typeof code === 'string' && code.trim().length === 18 && !checkUscc(code.trim().toUpperCase()).valid;

  const submit = async (values: OrganisationForm) => {
    setError(null);
    const body = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, clean(v)])) as Record<string, unknown>;
    if (body.kind !== '04') for (const key of schoolKeys) if (!editing) delete body[key];
    if (body.legalRepIdNumber) body.legalRepIdNumber = String(body.legalRepIdNumber).toUpperCase().replace(/\s+/g, '');
    const { addressId: _a, ...domainView } = body;
    if (editing) {
      if (!domainView.legalRepIdNumber) delete domainView.legalRepIdNumber;
      if (!domainView.legalRepPhone) delete domainView.legalRepPhone;
    }
    if (!applySchemaIssues(form, organisationInputSchema, domainView, half, (m) => setError({ message: m, stale: false }))) return;
    try {
      if (editing) {
        const changes = changedFields(initial as unknown as Record<string, unknown>, body, personalKeys);
        if (Object.keys(changes).length > 0) await save.mutateAsync({ version: data.organisation.version, ...changes });
        message.success(t('r.saved'));
        void navigate(`/registers/organisations/${data.organisation.id}`);
      } else {
        const receipt = await save.mutateAsync(body);
        message.success(t('r.created'));
        void navigate(`/registers/organisations/${receipt.id}`);
      }
    } catch (cause) {
      report(cause);
    }
  };

  const required = [{ required: true, whitespace: true, message: t('r.required') }];
  const back = editing ? `/registers/organisations/${data.organisation.id}` : '/registers/organisations';
  const yesNo = (
    <Radio.Group
      optionType="button"
      options={[
        { value: true, label: t('r.yes') },
        { value: false, label: t('r.no') },
      ]}
    />
  );

  return (
    <div data-testid="organisation-form-page">
      <BackLink to={back} />
      <PageHeader title={editing ? `${t('r.o.editTitle')}：${data.organisation.name}` : t('r.o.newTitle')} subtitle={t('r.o.subtitle')} />
      <SaveErrorAlert error={error} onReload={reload} />
      <Form<OrganisationForm> form={form} layout="vertical" requiredMark initialValues={initial} onFinish={(v) => void submit(v)} scrollToFirstError data-testid="organisation-form">
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card title={t('r.o.basic')} size="small" style={{ marginBottom: 16 }}>
              <Row gutter={12}>
                <Col xs={24}>
                  <Form.Item name="name" label={t('r.o.name')} rules={required}>
                    <Input maxLength={200} data-testid="org-name" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="code"
                    label={t('r.o.code')}
                    rules={[...required, { pattern: /^[0-9A-Za-z-]{4,40}$/, message: t('r.form.householdInvalid') }]}
                    extra={usccWarning ? <span className="rg-id-hint-bad">{t('r.o.usccInvalid')}</span> : undefined}
                  >
                    <Input maxLength={40} className="tabular" data-testid="org-code" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="kind" label={t('r.f.kind')} rules={required}>
                    <CodeSelect table="organisationKind" allowClear={false} testId="org-kind" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="category" label={t('r.f.category')}>
                    {table ? <CodeSelect table={table} /> : <Input maxLength={10} />}
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="gridCode" label={t('r.f.gridCode')} rules={[gridRule(t('r.form.gridOnly'))]} required>
                    <GridSelect testId="org-grid" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="addressId" label={t('r.f.addressId')}>
                    <AddressPicker
                      levels={['compound', 'building', 'unit', 'room']}
                      initial={data?.organisation.addressId && data.organisation.address ? { id: data.organisation.addressId, fullName: data.organisation.address } : null}
                      onPicked={(a) => a && !form.getFieldValue('address') && form.setFieldsValue({ address: a.fullName })}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item name="address" label={t('r.f.address')}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="employees" label={t('r.f.employees')}>
                    <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="partyOrg" label={t('r.f.partyOrg')}>
                    {yesNo}
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            {school ? (
              <Card title={t('r.o.school')} size="small" data-testid="org-school-section">
                <Row gutter={12}>
                  <Col xs={12} md={8}>
                    <Form.Item name="schoolType" label={t('r.f.schoolType')}>
                      <CodeSelect table="schoolType" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={8}>
                    <Form.Item name="principalName" label={t('r.f.principalName')}>
                      <Input maxLength={50} />
                    </Form.Item>
                  </Col>
                  <Col xs={8}>
                    <Form.Item name="students" label={t('r.f.students')}>
                      <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={8}>
                    <Form.Item name="staff" label={t('r.f.staff')}>
                      <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={8}>
                    <Form.Item name="securityStaff" label={t('r.f.securityStaff')}>
                      <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            ) : null}
          </Col>
          <Col xs={24} xl={10}>
            <Card title={t('r.o.legalRepItems')} size="small" style={{ marginBottom: 16 }}>
              <Form.Item name="legalRepName" label={t('r.f.legalRepName')}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item
                name="legalRepIdNumber"
                label={t('r.f.legalRepIdNumber')}
                extra={editing && data.organisation.legalRepIdNumberMasked ? t('r.form.keepPersonal', { masked: data.organisation.legalRepIdNumberMasked }) : undefined}
                rules={[idNumberRule(t, () => null)]}
              >
                <Input maxLength={30} className="tabular" autoComplete="off" />
              </Form.Item>
              <Form.Item
                name="legalRepPhone"
                label={t('r.f.legalRepPhone')}
                extra={editing && data.organisation.legalRepPhoneMasked ? t('r.form.keepPersonal', { masked: data.organisation.legalRepPhoneMasked }) : undefined}
                rules={[{ pattern: /^[\d\s-]{5,20}$/, message: t('r.form.phoneInvalid') }]}
                style={{ marginBottom: 0 }}
              >
                <Input maxLength={20} inputMode="tel" className="tabular" autoComplete="off" />
              </Form.Item>
            </Card>
            <Card title={t('r.o.security')} size="small">
              <Row gutter={12}>
                <Col xs={12}>
                  <Form.Item name="securityHeadName" label={t('r.f.securityHeadName')}>
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item name="attentionLevel" label={t('r.f.attentionLevel')}>
                    <CodeSelect table="attentionLevel" />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item name="hazardousChemicals" label={t('r.f.hazardousChemicals')}>
                    {yesNo}
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item name="hazardType" label={t('r.f.hazardType')}>
                    <CodeSelect table="hazardType" />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          </Col>
        </Row>
        <div className="rg-submit-bar">
          <Link to={back}>
            <Button>{t('r.cancel')}</Button>
          </Link>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="org-submit">
            {t('r.save')}
          </Button>
        </div>
      </Form>
    </div>
  );
}
