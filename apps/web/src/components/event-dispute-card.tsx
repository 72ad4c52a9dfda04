import { useState } from 'react';
import { Alert, App, Button, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { Link, useNavigate } from 'react-router';
import { disputeTypes, type DisputeTypeCode, type EventDetail } from '@shizhi/domain';
import { useLabel, useT } from '../i18n/index.ts';
import { disputeNumberFromEventText, useDisputeFromEvent, useDisputeList } from '../lib/disputes-api.ts';
import { useMe } from '../lib/session.ts';
import { DisputePartyFields, emptyParty, partiesForApi, type PartyFormValue } from './dispute-party-fields.tsx';
import { Icon } from './icon.tsx';

/** The event catalogue's top category of 矛盾纠纷 kinds (the API checks the same). */
const disputeCategoryTop = '01';

/**
 * On a 矛盾纠纷 event: the dispute case it became (a link), or, for the centre holding it, the step
 * that takes it into mediation as a case.
 */
export function EventDisputeCard({ detail }: { detail: EventDetail }) {
  const t = useT();
  const me = useMe().data;
  const [open, setOpen] = useState(false);
  const ev = detail.event;
  const number = disputeNumberFromEventText(detail.timeline.find((e) => e.action === 'to_dispute')?.text);
  const linked = useDisputeList({ q: number ?? '', page: 1, pageSize: 1 }, { enabled: Boolean(number) });
  if (!ev.categoryCode.startsWith(disputeCategoryTop)) return null;
  if (number) {
    const id = linked.data?.items.find((d) => d.number === number)?.id;
    return (
      <Alert
        style={{ marginTop: 12 }}
        type="success"
        showIcon
        data-testid="event-dispute-link"
        title={t('d.fromEvent.link', { number })}
        action={
          id ? (
            <Link to={`/disputes/${id}`} data-testid="event-dispute-open">
              {t('d.fromEvent.open')}
            </Link>
          ) : null
        }
      />
    );
  }
  const holdsIt = me?.assignments.some((a) => a.role === 'center_staff' && a.orgCode === ev.ownerOrgCode) ?? false;
  if (!holdsIt) return null;
  return (
    <>
      <Button style={{ marginTop: 12 }} icon={<Icon name="solution" />} onClick={() => setOpen(true)} data-testid="event-to-dispute">
        {t('d.fromEvent.action')}
      </Button>
      {open ? <DisputeFromEventModal detail={detail} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

interface FromEventForm {
  typeCode: DisputeTypeCode;
  title?: string;
  peopleInvolved: number;
  amountYuan?: number | null;
  claims?: string;
  parties: PartyFormValue[];
}

function DisputeFromEventModal({ detail, onClose }: { detail: EventDetail; onClose: () => void }) {
  const t = useT();
  const label = useLabel();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<FromEventForm>();
  const mutation = useDisputeFromEvent(detail.event.id);
  const [error, setError] = useState<string | null>(null);
  const ev = detail.event;

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      const receipt = await mutation.mutateAsync({
        typeCode: v.typeCode,
        ...(v.title?.trim() ? { title: v.title.trim() } : {}),
        peopleInvolved: v.peopleInvolved,
        amountYuan: v.amountYuan ?? null,
        ...(v.claims?.trim() ? { claims: v.claims.trim() } : {}),
        parties: partiesForApi(v.parties),
      });
      message.success(t('d.fromEvent.done', { number: receipt.number }));
      onClose();
      void navigate(`/disputes/${receipt.id}`);
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };

  return (
    <Modal
      open
      title={t('d.fromEvent.title', { number: ev.number })}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t('d.fromEvent.action')}
      okButtonProps={{ loading: mutation.isPending, 'data-testid': 'event-to-dispute-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
      mask={{ closable: false }}
      width={720}
    >
      <div data-testid="event-to-dispute-modal">
        <Alert type="info" showIcon title={t('d.fromEvent.hint')} style={{ marginBottom: 12 }} />
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        <Form<FromEventForm>
          form={form}
          layout="vertical"
          requiredMark
          initialValues={{ title: ev.title.slice(0, 50), peopleInvolved: 2, parties: [emptyParty('applicant'), emptyParty('respondent')] }}
        >
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="typeCode" label={t('d.type')} rules={[{ required: true, message: t('d.reg.required') }]}>
                <Select options={disputeTypes.map((d) => ({ value: d.code, label: label(d) }))} data-testid="to-dispute-type" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="peopleInvolved" label={t('d.reg.people')} rules={[{ required: true, message: t('d.reg.required') }]}>
                <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="amountYuan" label={t('d.reg.amount')}>
                <InputNumber min={0} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="title" label={t('d.title')}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="claims" label={t('d.reg.claims')}>
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
            </Col>
          </Row>
          <DisputePartyFields />
        </Form>
      </div>
    </Modal>
  );
}
