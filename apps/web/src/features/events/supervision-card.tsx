import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Modal, Tag } from 'antd';
import type { EventDetail, Me } from '@shizhi/domain';
import { DeadlineText } from '../../components/deadline-text.tsx';
import { Icon } from '../../components/icon.tsx';
import { useFormatDateTime, useT, type MessageKey } from '../../i18n/index.ts';
import { isApiError } from '../../lib/api-client.ts';
import { useAnswerSupervision, useSuperviseEvent, type Supervision } from '../../lib/events-api.ts';
import { useMe } from '../../lib/session.ts';

const stateLabels: Record<Supervision['state'], MessageKey> = {
  open: 'supervision.state.open',
  answered: 'supervision.state.answered',
  closed: 'supervision.state.closed',
};
const stateColors: Record<Supervision['state'], string> = { open: 'volcano', answered: 'success', closed: 'default' };

/** Whether the user is staff of the centre the order is addressed to: only they answer it. */
function answersFor(me: Me, order: Supervision): boolean {
  return order.state === 'open' && me.assignments.some((a) => a.role === 'center_staff' && a.orgCode === order.toOrgCode);
}

/**
 * 督办: the supervision orders on this case (from the centre above, by hand or on a red card), the
 * 督办 button for a centre above the owner, and 回复督办 for the owner centre.
 */
export function SupervisionCard({ detail }: { detail: EventDetail }) {
  const t = useT();
  const me = useMe().data;
  const [supervising, setSupervising] = useState(false);
  const [answering, setAnswering] = useState<Supervision | null>(null);
  if (!me || (detail.supervisions.length === 0 && !detail.canSupervise)) return null;
  const open = detail.supervisions.filter((o) => o.state === 'open').length;

  return (
    <Card
      size="small"
      data-testid="event-supervisions"
      className={open > 0 ? 'ev-supervision-card is-open' : 'ev-supervision-card'}
      title={
        <Flex gap={8} align="center">
          <Icon name="flag" style={{ color: open > 0 ? '#d4380d' : undefined }} />
          <span>{t('supervision.title')}</span>
          {open > 0 ? <Tag color="volcano">{t('supervision.openCount', { n: open })}</Tag> : null}
        </Flex>
      }
      extra={
        detail.canSupervise ? (
          <Button danger size="small" icon={<Icon name="flag" />} data-testid="event-supervise" onClick={() => setSupervising(true)}>
            {t('supervision.issue')}
          </Button>
        ) : null
      }
    >
      {detail.supervisions.length === 0 ? (
        <div className="ev-muted">{t('supervision.none')}</div>
      ) : (
        <Flex vertical gap={10}>
          {detail.supervisions.map((order) => (
            <SupervisionItem
              key={order.id}
              order={order}
              me={me}
              onAnswer={() => setAnswering(order)}
            />
          ))}
        </Flex>
      )}
      {supervising ? <SuperviseModal detail={detail} onClose={() => setSupervising(false)} /> : null}
      {answering ? <AnswerModal order={answering} number={detail.event.number} onClose={() => setAnswering(null)} /> : null}
    </Card>
  );
}

/** The API names both centres (from the org tree, which everyone may read upwards); the code if it cannot. */
function orgName(name: string | null | undefined, code: string): string {
  return name?.trim() ? name : code;
}

function SupervisionItem({
  order,
  me,
  onAnswer,
}: {
  order: Supervision;
  me: Me;
  onAnswer: () => void;
}) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const from = orgName(order.fromOrgName, order.fromOrgCode);
  const to = orgName(order.toOrgName, order.toOrgCode);
  return (
    <div className="ev-supervision" data-testid="supervision-item" data-state={order.state}>
      <Flex gap={8} align="center" wrap>
        <Tag color={stateColors[order.state]} style={{ marginInlineEnd: 0 }}>
          {t(stateLabels[order.state])}
        </Tag>
        <span className="ev-task-org">
          {from} <Icon name="arrowRight" style={{ fontSize: 11, color: '#8491a5' }} /> {to}
        </span>
        <span style={{ marginInlineStart: 'auto' }}>
          {order.state === 'open' ? (
            <DeadlineText dueAt={order.dueAt} warning="none" compact />
          ) : (
            <span className="ev-muted tabular">{t('supervision.dueAt', { time: formatDateTime(order.dueAt) })}</span>
          )}
        </span>
      </Flex>
      <div className="et-text">{order.reason}</div>
      <div className="ev-muted tabular" style={{ marginTop: 4 }}>
        {t('supervision.issuedBy', { name: order.createdBy, time: formatDateTime(order.createdAt) })}
      </div>
      {order.answer ? (
        <div className="ev-supervision-answer" data-testid="supervision-answer">
          <span className="ev-muted">
            {t('supervision.answer')}
            {order.answeredAt ? <span className="tabular"> · {t('supervision.answeredAt', { time: formatDateTime(order.answeredAt) })}</span> : null}
          </span>
          <div>{order.answer}</div>
        </div>
      ) : null}
      {answersFor(me, order) ? (
        <Button type="primary" size="small" style={{ marginTop: 8 }} data-testid="supervision-answer-open" onClick={onAnswer}>
          {t('supervision.answerButton')}
        </Button>
      ) : null}
    </div>
  );
}

function SuperviseModal({ detail, onClose }: { detail: EventDetail; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string; dueDays: number }>();
  const mutation = useSuperviseEvent(detail.event.id);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const values = await form.validateFields();
    setError(null);
    try {
      await mutation.mutateAsync({ reason: values.reason.trim(), dueDays: values.dueDays });
      message.success(t('supervision.issued'));
      onClose();
    } catch (cause) {
      if (isApiError(cause) && (cause.field === 'reason' || cause.field === 'dueDays')) {
        form.setFields([{ name: cause.field, errors: [cause.message] }]);
      } else {
        setError(cause instanceof Error ? cause.message : String(cause));
      }
    }
  };

  return (
    <Modal
      open
      title={t('supervision.issueTitle', { number: detail.event.number })}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t('supervision.issue')}
      okButtonProps={{ danger: true, loading: mutation.isPending, 'data-testid': 'supervise-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <div data-testid="supervise-modal">
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('supervision.issueHint', { owner: detail.event.ownerOrgName })} />
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
        <Form form={form} layout="vertical" initialValues={{ dueDays: 1 }}>
          <Form.Item
            name="reason"
            label={t('supervision.reason')}
            rules={[
              { required: true, whitespace: true, message: t('supervision.reasonRequired') },
              { min: 2, message: t('supervision.reasonRequired') },
            ]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount data-testid="supervise-reason" placeholder={t('supervision.reasonPlaceholder')} />
          </Form.Item>
          <Form.Item name="dueDays" label={t('supervision.dueDays')} rules={[{ required: true, message: t('supervision.dueDaysRequired') }]}>
            <InputNumber min={1} max={15} precision={0} suffix={t('events.extension.unit')} style={{ width: 180 }} data-testid="supervise-days" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

function AnswerModal({ order, number, onClose }: { order: Supervision; number: string; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ answer: string }>();
  const mutation = useAnswerSupervision();
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const values = await form.validateFields();
    setError(null);
    try {
      await mutation.mutateAsync({ orderId: order.id, answer: values.answer.trim() });
      message.success(t('supervision.answered'));
      onClose();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };

  return (
    <Modal
      open
      title={t('supervision.answerTitle', { number })}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t('supervision.answerButton')}
      okButtonProps={{ loading: mutation.isPending, 'data-testid': 'supervision-answer-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <div data-testid="supervision-answer-modal">
        <div className="ev-desc" style={{ marginBottom: 16 }}>
          {order.reason}
        </div>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
        <Form form={form} layout="vertical">
          <Form.Item
            name="answer"
            label={t('supervision.answer')}
            rules={[
              { required: true, whitespace: true, message: t('supervision.answerRequired') },
              { min: 2, message: t('supervision.answerRequired') },
            ]}
          >
            <Input.TextArea rows={4} maxLength={4000} showCount data-testid="supervision-answer-text" placeholder={t('supervision.answerPlaceholder')} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
