import { useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import {
  disputeScaleLabels,
  disputeTypes,
  referralBodies,
  referralBodyLabels,
  scaleOf,
  type DisputeTypeCode,
  type ReferralBody,
  type RegisterDispute,
} from '@shizhi/domain';
import { DisputePartyFields, emptyParty, partiesForApi, type PartyFormValue } from '../../components/dispute-party-fields.tsx';
import { Icon } from '../../components/icon.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useLabel, useT } from '../../i18n/index.ts';
import { isApiError } from '../../lib/api-client.ts';
import { useRegisterDispute } from '../../lib/disputes-api.ts';
import { newIdempotencyKey } from '../../lib/idempotency-key.ts';
import { chinaDate } from '../../lib/periods.ts';
import './disputes.css';

interface RegisterForm {
  source: 'window' | 'referral';
  referralBody?: ReferralBody;
  referralName?: string;
  referralReference?: string;
  title: string;
  typeCode: DisputeTypeCode;
  occurredOn: string;
  placeCode?: string;
  address?: string;
  summary: string;
  claims?: string;
  peopleInvolved: number;
  amountYuan?: number | null;
  unitsInvolved?: string;
  parties: PartyFormValue[];
}

const optional = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/** 窗口登记: centre staff register a dispute brought to the window, or referred by a court, the police or 信访. */
export function DisputeRegisterPage() {
  const t = useT();
  const label = useLabel();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<RegisterForm>();
  const register = useRegisterDispute();
  const [key] = useState(newIdempotencyKey);
  const [error, setError] = useState<string | null>(null);
  const source = Form.useWatch('source', form);
  const people = Form.useWatch('peopleInvolved', form);

  const submit = async (values: RegisterForm) => {
    setError(null);
    const body: RegisterDispute = {
      source: values.source,
      ...(values.source === 'referral'
        ? { referral: { body: values.referralBody!, name: values.referralName!.trim(), ...(optional(values.referralReference) ? { reference: optional(values.referralReference)! } : {}) } }
        : {}),
      title: values.title.trim(),
      typeCode: values.typeCode,
      occurredOn: values.occurredOn,
      placeCode: values.placeCode!,
      ...(optional(values.address) ? { address: optional(values.address)! } : {}),
      summary: values.summary.trim(),
      ...(optional(values.claims) ? { claims: optional(values.claims)! } : {}),
      peopleInvolved: values.peopleInvolved,
      amountYuan: values.amountYuan ?? null,
      ...(optional(values.unitsInvolved) ? { unitsInvolved: optional(values.unitsInvolved)! } : {}),
      parties: partiesForApi(values.parties),
    };
    try {
      const receipt = await register.mutateAsync({ body, key });
      message.success(t('d.reg.done', { number: receipt.number }));
      void navigate(`/disputes/${receipt.id}`);
    } catch (cause) {
      if (isApiError(cause) && cause.field) {
        const path = cause.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
        const name = path[0] === 'referral' ? [`referral${String(path[1] ?? 'Name').replace(/^./, (c) => c.toUpperCase())}`] : path;
        try {
          form.setFields([{ name: name as never, errors: [cause.message] }]);
          form.scrollToField(name as never);
        } catch {
          setError(cause.message);
        }
      }
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };

  return (
    <div data-testid="dispute-register-page">
      <Link to="/disputes">
        <Button type="link" icon={<Icon name="left" />} style={{ paddingInline: 0, marginBottom: 8 }}>
          {t('d.backToList')}
        </Button>
      </Link>
      <PageHeader title={t('d.reg.title')} subtitle={t('d.reg.subtitle')} />
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="dispute-register-error" /> : null}
      <Form<RegisterForm>
        form={form}
        layout="vertical"
        requiredMark
        onFinish={(values) => void submit(values)}
        initialValues={{ source: 'window', occurredOn: chinaDate(), peopleInvolved: 2, parties: [emptyParty('applicant'), emptyParty('respondent')] }}
        data-testid="dispute-register-form"
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card title={t('d.reg.facts')} size="small">
              <Row gutter={12}>
                <Col xs={24} md={16}>
                  <Form.Item name="title" label={t('d.title')} rules={[{ required: true, whitespace: true, message: t('d.reg.required') }]}>
                    <Input maxLength={50} showCount data-testid="dispute-title" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="typeCode" label={t('d.type')} rules={[{ required: true, message: t('d.reg.required') }]}>
                    <Select options={disputeTypes.map((d) => ({ value: d.code, label: label(d) }))} data-testid="dispute-type" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="occurredOn" label={t('d.reg.occurredOn')} rules={[{ required: true, message: t('d.reg.required') }]}>
                    <Input type="date" max={chinaDate()} data-testid="dispute-occurred-on" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={16}>
                  <Form.Item name="placeCode" label={t('d.reg.placeCode')} rules={[{ required: true, message: t('d.reg.placeOutside') }]}>
                    <OrgTreeSelect value={undefined} onChange={() => undefined} testId="dispute-place" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item name="address" label={t('d.reg.address')}>
                    <Input maxLength={100} data-testid="dispute-address" />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item name="summary" label={t('d.reg.summary')} rules={[{ required: true, whitespace: true, message: t('d.reg.required') }]}>
                    <Input.TextArea rows={4} maxLength={2000} showCount data-testid="dispute-summary" />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item name="claims" label={t('d.reg.claims')}>
                    <Input.TextArea rows={2} maxLength={1000} data-testid="dispute-claims" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item
                    name="peopleInvolved"
                    label={t('d.reg.people')}
                    rules={[{ required: true, message: t('d.reg.required') }]}
                    extra={people ? t('d.reg.scaleHint', { scale: label(disputeScaleLabels[scaleOf(people)]) }) : undefined}
                  >
                    <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} data-testid="dispute-people" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="amountYuan" label={t('d.reg.amount')}>
                    <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="dispute-amount" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="unitsInvolved" label={t('d.reg.units')}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card title={t('d.reg.sourceCard')} size="small" style={{ marginBottom: 16 }}>
              <Form.Item name="source" style={{ marginBottom: source === 'referral' ? 12 : 0 }}>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  options={[
                    { value: 'window', label: t('d.reg.source.window') },
                    { value: 'referral', label: <span data-testid="dispute-source-referral">{t('d.reg.source.referral')}</span> },
                  ]}
                />
              </Form.Item>
              {source === 'referral' ? (
                <Row gutter={12}>
                  <Col xs={24} md={10}>
                    <Form.Item name="referralBody" label={t('d.reg.referralBody')} rules={[{ required: true, message: t('d.reg.required') }]}>
                      <Select options={referralBodies.map((b) => ({ value: b, label: label(referralBodyLabels[b]) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={14}>
                    <Form.Item name="referralName" label={t('d.reg.referralName')} rules={[{ required: true, whitespace: true, message: t('d.reg.required') }]}>
                      <Input maxLength={60} />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item name="referralReference" label={t('d.reg.referralRef')} style={{ marginBottom: 0 }}>
                      <Input maxLength={60} />
                    </Form.Item>
                  </Col>
                </Row>
              ) : null}
            </Card>
            <Card title={t('d.reg.parties')} size="small">
              <DisputePartyFields />
            </Card>
          </Col>
        </Row>
        <div className="dp-submit-bar">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('d.party.wholeLogged')}
          </Typography.Text>
          <Button type="primary" htmlType="submit" size="large" loading={register.isPending} data-testid="dispute-register-submit">
            {t('d.reg.submit')}
          </Button>
        </div>
      </Form>
    </div>
  );
}
