import { useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Result, Select, Tag, Timeline } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { disputeOutcomeLabels, disputeStateLabels, disputeTypes, type DisputeTypeCode, type OnlineDisputeApplication } from '@shizhi/domain';
import { H5Card, H5Page } from '../../components/h5-layout.tsx';
import { LoadingBlock } from '../../components/page-states.tsx';
import { useFormatDateTime, useLabel, useT, type MessageKey } from '../../i18n/index.ts';
import { apiGet, isApiError } from '../../lib/api-client.ts';
import { copyText } from '../../lib/copy-text.ts';
import { useApplyOnline, usePublicDispute } from '../../lib/disputes-api.ts';
import { newIdempotencyKey } from '../../lib/idempotency-key.ts';
import { chinaDate } from '../../lib/periods.ts';
import './disputes.css';

interface PublicPlace {
  code: string;
  name: string;
  communities: { code: string; name: string }[];
}

interface ApplyForm {
  title: string;
  typeCode: DisputeTypeCode;
  occurredOn: string;
  street?: string;
  placeCode?: string;
  address?: string;
  summary: string;
  claims?: string;
  peopleInvolved: number;
  amountYuan?: number | null;
  name: string;
  phone: string;
  idNumber?: string;
  respondentName?: string;
  respondentPhone?: string;
}

const opt = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** 网上申请调解: a party applies without an account and gets a code to follow the case. */
export function DisputeApplyPage() {
  const t = useT();
  const label = useLabel();
  const [form] = Form.useForm<ApplyForm>();
  const apply = useApplyOnline();
  const [key] = useState(newIdempotencyKey);
  const [done, setDone] = useState<{ number: string; trackingCode: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const places = useQuery({
    queryKey: ['public', 'places'],
    queryFn: ({ signal }) => apiGet<{ items: PublicPlace[] }>('/public/places', undefined, signal),
    staleTime: 10 * 60_000,
  });
  const street = Form.useWatch('street', form);
  const communities = places.data?.items.find((p) => p.code === street)?.communities ?? [];

  const submit = async (v: ApplyForm) => {
    setError(null);
    const body: OnlineDisputeApplication = {
      title: v.title.trim(),
      typeCode: v.typeCode,
      occurredOn: v.occurredOn,
      placeCode: v.placeCode!,
      ...(opt(v.address) ? { address: opt(v.address)! } : {}),
      summary: v.summary.trim(),
      ...(opt(v.claims) ? { claims: opt(v.claims)! } : {}),
      peopleInvolved: v.peopleInvolved,
      amountYuan: v.amountYuan ?? null,
      applicant: { name: v.name.trim(), phone: v.phone.trim(), ...(opt(v.idNumber) ? { idNumber: opt(v.idNumber)!.toUpperCase() } : {}) },
      respondents: opt(v.respondentName) ? [{ name: opt(v.respondentName)!, ...(opt(v.respondentPhone) ? { phone: opt(v.respondentPhone)! } : {}) }] : [],
    };
    try {
      setDone(await apply.mutateAsync({ body, key }));
      window.scrollTo(0, 0);
    } catch (cause) {
      if (isApiError(cause) && cause.field) {
        const field = cause.field.startsWith('applicant.') ? cause.field.slice('applicant.'.length) : cause.field;
        if (['title', 'typeCode', 'occurredOn', 'placeCode', 'summary', 'peopleInvolved', 'name', 'phone', 'idNumber'].includes(field)) {
          form.setFields([{ name: field as keyof ApplyForm, errors: [cause.message] }]);
        }
      }
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };

  if (done) {
    return (
      <H5Page title={t('d.apply.title')} testId="d-apply-page">
        <H5Card testId="d-apply-done">
          <Result
            status="success"
            title={t('d.apply.done')}
            subTitle={t('d.apply.number', { number: done.number })}
            extra={
              <div>
                <div className="dp-code-label">{t('d.track.code')}</div>
                <div className="dp-code tabular" data-testid="d-apply-code" onClick={() => void copyText(done.trackingCode)}>
                  {done.trackingCode}
                </div>
                <p className="dp-muted">{t('d.apply.doneHint')}</p>
                <Link to={`/c/mediation/track?code=${done.trackingCode}`}>
                  <Button type="primary" size="large" block data-testid="d-apply-track">
                    {t('d.apply.track')}
                  </Button>
                </Link>
              </div>
            }
          />
        </H5Card>
      </H5Page>
    );
  }

  const need = [{ required: true, whitespace: true, message: t('d.reg.required') }];
  // Selects and numbers: required, but not a string to trim.
  const pick = [{ required: true, message: t('d.reg.required') }];
  return (
    <H5Page
      title={t('d.apply.title')}
      testId="d-apply-page"
      actions={
        <Link to="/c/mediation/track" className="dp-bar-link">
          {t('d.apply.trackShort')}
        </Link>
      }
    >
      <p className="dp-intro">{t('d.apply.intro')}</p>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<ApplyForm> form={form} layout="vertical" requiredMark onFinish={(v) => void submit(v)} initialValues={{ occurredOn: chinaDate(), peopleInvolved: 2 }} data-testid="d-apply-form">
        <H5Card title={t('d.apply.facts')} icon="form">
          <Form.Item name="typeCode" label={t('d.type')} rules={pick}>
            <Select options={disputeTypes.map((d) => ({ value: d.code, label: label(d) }))} size="large" data-testid="d-apply-type" />
          </Form.Item>
          <Form.Item name="title" label={t('d.title')} rules={need}>
            <Input maxLength={50} size="large" data-testid="d-apply-title" />
          </Form.Item>
          <Form.Item name="occurredOn" label={t('d.reg.occurredOn')} rules={need}>
            <Input type="date" max={chinaDate()} size="large" />
          </Form.Item>
          <Form.Item name="street" label={t('d.apply.street')} rules={pick}>
            <Select
              size="large"
              loading={places.isLoading}
              options={(places.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))}
              onChange={() => form.setFieldValue('placeCode', undefined)}
              data-testid="d-apply-street"
            />
          </Form.Item>
          <Form.Item name="placeCode" label={t('d.apply.community')} rules={pick}>
            <Select size="large" disabled={!street} options={communities.map((c) => ({ value: c.code, label: c.name }))} data-testid="d-apply-community" />
          </Form.Item>
          <Form.Item name="address" label={t('d.reg.address')}>
            <Input maxLength={100} size="large" />
          </Form.Item>
          <Form.Item name="summary" label={t('d.reg.summary')} rules={need}>
            <Input.TextArea rows={4} maxLength={2000} data-testid="d-apply-summary" />
          </Form.Item>
          <Form.Item name="claims" label={t('d.reg.claims')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <div className="dp-two">
            <Form.Item name="peopleInvolved" label={t('d.reg.people')} rules={pick}>
              <InputNumber min={1} max={100000} precision={0} size="large" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="amountYuan" label={t('d.reg.amount')}>
              <InputNumber min={0} precision={0} size="large" style={{ width: '100%' }} />
            </Form.Item>
          </div>
        </H5Card>
        <H5Card title={t('d.apply.me')} icon="user">
          <Form.Item name="name" label={t('d.party.name')} rules={need}>
            <Input maxLength={60} size="large" data-testid="d-apply-name" />
          </Form.Item>
          <Form.Item name="phone" label={t('d.party.phone')} rules={[...need, { pattern: /^1\d{10}$/, message: '请填写11位手机号码 / an 11-digit mobile number' }]}>
            <Input maxLength={11} inputMode="tel" size="large" data-testid="d-apply-phone" />
          </Form.Item>
          <Form.Item name="idNumber" label={t('d.party.idNumber')}>
            <Input maxLength={18} size="large" />
          </Form.Item>
        </H5Card>
        <H5Card title={t('d.apply.other')} icon="team">
          <Form.Item name="respondentName" label={t('d.party.name')}>
            <Input maxLength={60} size="large" data-testid="d-apply-respondent" />
          </Form.Item>
          <Form.Item name="respondentPhone" label={t('d.party.phone')} rules={[{ pattern: /^1\d{10}$/, message: '请填写11位手机号码 / an 11-digit mobile number' }]}>
            <Input maxLength={11} inputMode="tel" size="large" />
          </Form.Item>
        </H5Card>
        <Button type="primary" htmlType="submit" size="large" block loading={apply.isPending} data-testid="d-apply-submit" style={{ marginBottom: 24 }}>
          {t('d.apply.submit')}
        </Button>
      </Form>
    </H5Page>
  );
}

const normalise = (v: string) => v.toUpperCase().replace(/[\s-]/g, '');

/** 调解进度: the applicant sees their own case by the tracking code, nobody else's data. */
export function DisputeTrackPage() {
  const t = useT();
  const label = useLabel();
  const formatDateTime = useFormatDateTime();
  const [params, setParams] = useSearchParams();
  const code = params.get('code') ? normalise(params.get('code') ?? '') : null;
  const [input, setInput] = useState(code ?? '');
  const track = usePublicDispute(code);
  const s = track.data;

  return (
    <H5Page
      title={t('d.track.title')}
      testId="d-track-page"
      actions={
        <Link to="/c/mediation" className="dp-bar-link">
          {t('d.track.applyShort')}
        </Link>
      }
    >
      <H5Card title={t('d.track.code')} icon="fileSearch">
        <form
          className="dp-track-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (normalise(input)) setParams({ code: normalise(input) }, { replace: true });
          }}
        >
          <Input size="large" value={input} onChange={(e) => setInput(e.target.value)} placeholder={t('d.track.placeholder')} maxLength={40} data-testid="d-track-input" allowClear />
          <Button size="large" type="primary" htmlType="submit" loading={track.isFetching} data-testid="d-track-submit">
            {t('d.track.search')}
          </Button>
        </form>
      </H5Card>
      {track.isPending && code ? <LoadingBlock minHeight={160} /> : null}
      {track.isError ? (
        <Alert type="warning" showIcon title={isApiError(track.error) && track.error.status === 404 ? t('d.track.notFound') : track.error.message} data-testid="d-track-error" />
      ) : null}
      {s ? (
        <>
          <H5Card testId="d-track-result">
            <div className="dp-box-head">
              <Tag color="blue" data-testid="d-track-state" data-state={s.state}>
                {label(disputeStateLabels[s.state])}
              </Tag>
              <span className="tabular dp-muted">{s.number}</span>
            </div>
            <div className="dp-track-title">{s.title}</div>
            <div className="dp-muted">{label(disputeTypes.find((x) => x.code === s.typeCode)!)}</div>
            {s.mediatorName ? <div style={{ marginTop: 6 }}>{t('common.labelValue', { label: t('d.mediator'), value: `${s.mediationOrgName ?? ''} ${s.mediatorName}` })}</div> : null}
            {s.outcome ? <div style={{ marginTop: 6 }}>{t('common.labelValue', { label: t('d.detail.outcome'), value: label(disputeOutcomeLabels[s.outcome]) })}</div> : null}
            {s.refusalReason ? <Alert type="warning" style={{ marginTop: 8 }} title={t('d.track.refused', { reason: s.refusalReason })} /> : null}
          </H5Card>
          {s.sessions.length > 0 ? (
            <H5Card title={t('d.track.sessions')} icon="clockCircle">
              {s.sessions.map((x, i) => (
                <div key={i} className="dp-box">
                  <div className="dp-box-head">
                    <Tag color={x.mode === 'video' ? 'purple' : 'cyan'}>{t(x.mode === 'video' ? 'd.session.video' : 'd.session.on_site')}</Tag>
                    <span className="tabular">{formatDateTime(x.scheduledAt)}</span>
                  </div>
                  {x.place ? <div className="dp-muted">{x.place}</div> : null}
                  {x.videoLink ? (
                    <a href={x.videoLink} target="_blank" rel="noreferrer">
                      {t('d.session.join')}
                    </a>
                  ) : null}
                </div>
              ))}
            </H5Card>
          ) : null}
          <H5Card title={t('d.track.steps')} icon="unorderedList">
            <Timeline
              items={[...s.steps].reverse().map((step, i) => ({
                key: i,
                color: i === 0 ? 'blue' : 'gray',
                content: (
                  <div>
                    <b>{t(`d.step.${step.action}` as MessageKey) ?? step.action}</b>
                    <div className="dp-muted tabular">{formatDateTime(step.at)}</div>
                  </div>
                ),
              }))}
            />
          </H5Card>
        </>
      ) : null}
    </H5Page>
  );
}
