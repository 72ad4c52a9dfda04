import { useMemo } from 'react';
import { App, Button, Card, Col, Form, Input, InputNumber, Radio, Row } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { residentIdCardType } from '@shizhi/domain';
import { PageHeader } from '../../components/page-header.tsx';
import { useT } from '../../i18n/index.ts';
import { useHousePage, useSaveRecord, type HousePage } from '../../lib/registers-api.ts';
import { AddressPicker } from './address-picker.tsx';
import { CodeSelect, SaveErrorAlert, idNumberRule, useSaveError } from './form-support.tsx';
import { changedFields, clean } from './form-values.ts';
import { BackLink, RecordPageState } from './record-page-parts.tsx';
import './registers.css';

interface HouseForm {
  code: string;
  addressId?: string | null;
  buildingUse?: string | null;
  houseUse?: string | null;
  area?: number | null;
  propertyType?: string | null;
  ownerName?: string | null;
  ownerIdType?: string | null;
  ownerIdNumber?: string | null;
  ownerPhone?: string | null;
  rental: boolean;
  rentalUse?: string | null;
  landlordType?: string | null;
  maxOccupants?: number | null;
  actualOccupants?: number | null;
  pledgeSigned?: boolean | null;
  hazardGrade?: string | null;
  hazardType?: string | null;
}

const personalKeys = ['ownerIdNumber', 'ownerPhone'];

export function HouseFormPage() {
  const { id } = useParams();
  const page = useHousePage(id);
  if (id && !page.data) return <RecordPageState query={page} backTo="/registers/houses" />;
  return <HouseFormView key={`${id ?? 'new'}-${page.data?.house.version ?? 0}`} data={page.data ?? null} reload={() => void page.refetch()} />;
}

function HouseFormView({ data, reload }: { data: HousePage | null; reload: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const editing = data !== null;
  const save = useSaveRecord('houses', data?.house.id);
  const [form] = Form.useForm<HouseForm>();
  const { error, setError, report } = useSaveError(form);
  const rental = Form.useWatch('rental', form);
  const initial = useMemo<HouseForm>(() => {
    if (!data) return { code: '', rental: false, ownerIdType: residentIdCardType };
    const h = data.house;
    return {
      code: h.code,
      addressId: h.addressId,
      buildingUse: h.buildingUse,
      houseUse: h.houseUse,
      area: h.area,
      propertyType: h.propertyType,
      ownerName: h.ownerName,
      ownerIdType: h.ownerIdType,
      ownerIdNumber: null,
      ownerPhone: null,
      rental: h.rental,
      rentalUse: h.rentalUse,
      landlordType: h.landlordType,
      maxOccupants: h.maxOccupants,
      actualOccupants: h.actualOccupants,
      pledgeSigned: h.pledgeSigned,
      hazardGrade: h.hazardGrade,
      hazardType: h.hazardType,
    };
  }, [data]);

  const submit = async (values: HouseForm) => {
    setError(null);
    const body = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, clean(v)])) as Record<string, unknown>;
    if (body.ownerIdNumber) body.ownerIdNumber = String(body.ownerIdNumber).toUpperCase().replace(/\s+/g, '');
    try {
      if (editing) {
        const changes = changedFields(initial as unknown as Record<string, unknown>, body, personalKeys);
        if (Object.keys(changes).length > 0) await save.mutateAsync({ version: data.house.version, ...changes });
        message.success(t('r.saved'));
        void navigate(`/registers/houses/${data.house.id}`);
      } else {
        const receipt = await save.mutateAsync(body);
        message.success(t('r.created'));
        void navigate(`/registers/houses/${receipt.id}`);
      }
    } catch (cause) {
      report(cause);
    }
  };

  const required = [{ required: true, message: t('r.required') }];
  const back = editing ? `/registers/houses/${data.house.id}` : '/registers/houses';

  return (
    <div data-testid="house-form-page">
      <BackLink to={back} />
      <PageHeader title={editing ? `${t('r.h.editTitle')}：${data.house.code}` : t('r.h.newTitle')} subtitle={t('r.h.subtitle')} />
      <SaveErrorAlert error={error} onReload={reload} />
      <Form<HouseForm> form={form} layout="vertical" requiredMark initialValues={initial} onFinish={(v) => void submit(v)} scrollToFirstError data-testid="house-form">
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card title={t('r.h.houseItems')} size="small" style={{ marginBottom: 16 }}>
              <Row gutter={12}>
                <Col xs={24} md={10}>
                  <Form.Item
                    name="code"
                    label={t('r.f.houseCode')}
                    rules={[...required, { pattern: /^[0-9A-Za-z-]{4,40}$/, message: t('r.form.householdInvalid') }]}
                  >
                    <Input maxLength={40} className="tabular" data-testid="house-code" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={14}>
                  <Form.Item name="addressId" label={t('r.h.address')} rules={required}>
                    <AddressPicker levels={['room']} initial={data?.address ? { id: data.address.id, fullName: data.address.fullName } : null} testId="house-address" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="buildingUse" label={t('r.f.buildingUse')}>
                    <CodeSelect table="buildingUse" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="houseUse" label={t('r.f.houseUse')}>
                    <CodeSelect table="houseUse" testId="house-use" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="area" label={t('r.f.area')}>
                    <InputNumber min={0} max={1_000_000} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="propertyType" label={t('r.f.propertyType')}>
                    <CodeSelect table="propertyType" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="hazardGrade" label={t('r.f.hazardGrade')}>
                    <CodeSelect table="hazardGrade" testId="house-hazard" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="hazardType" label={t('r.f.hazardType')}>
                    <CodeSelect table="hazardType" />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card title={t('r.h.ownerItems')} size="small">
              <Row gutter={12}>
                <Col xs={12} md={8}>
                  <Form.Item name="ownerName" label={t('r.f.ownerName')}>
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="ownerIdType" label={t('r.f.ownerIdType')}>
                    <CodeSelect table="idType" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="ownerPhone" label={t('r.f.ownerPhone')} rules={[{ pattern: /^[\d\s-]{5,20}$/, message: t('r.form.phoneInvalid') }]} extra={editing && data.house.ownerPhoneMasked ? t('r.form.keepPersonal', { masked: data.house.ownerPhoneMasked }) : undefined}>
                    <Input maxLength={20} inputMode="tel" className="tabular" autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item
                    name="ownerIdNumber"
                    label={t('r.f.ownerIdNumber')}
                    extra={editing && data.house.ownerIdNumberMasked ? t('r.form.keepPersonal', { masked: data.house.ownerIdNumberMasked }) : undefined}
                    rules={[idNumberRule(t, () => form.getFieldValue('ownerIdType') as string | undefined)]}
                  >
                    <Input maxLength={30} className="tabular" autoComplete="off" style={{ maxWidth: 320 }} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card title={t('r.h.rentalItems')} size="small">
              <Form.Item name="rental" label={t('r.f.rental')}>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  options={[
                    { value: true, label: <span data-testid="house-rental-yes">{t('r.h.rentalYes')}</span> },
                    { value: false, label: t('r.h.rentalNo') },
                  ]}
                />
              </Form.Item>
              {rental ? (
                <Row gutter={12}>
                  <Col xs={12}>
                    <Form.Item name="rentalUse" label={t('r.f.rentalUse')}>
                      <CodeSelect table="rentalUse" />
                    </Form.Item>
                  </Col>
                  <Col xs={12}>
                    <Form.Item name="landlordType" label={t('r.f.landlordType')}>
                      <CodeSelect table="landlordType" />
                    </Form.Item>
                  </Col>
                  <Col xs={12}>
                    <Form.Item name="maxOccupants" label={t('r.f.maxOccupants')}>
                      <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={12}>
                    <Form.Item name="actualOccupants" label={t('r.f.actualOccupants')}>
                      <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item name="pledgeSigned" label={t('r.f.pledgeSigned')} style={{ marginBottom: 0 }}>
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
              ) : null}
            </Card>
          </Col>
        </Row>
        <div className="rg-submit-bar">
          <Link to={back}>
            <Button>{t('r.cancel')}</Button>
          </Link>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="house-submit">
            {t('r.save')}
          </Button>
        </div>
      </Form>
    </div>
  );
}
