import { useState } from 'react';
import { Alert, App, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { eventWorkflow, type EventAction, type EventActionRequest, type EventDetail } from '@shizhi/domain';
import { useLabel, useT } from '../../i18n/index.ts';
import { isApiError } from '../../lib/api-client.ts';
import { actionTextLabels, ratingLabels, ratings, type Rating } from '../../lib/event-labels.ts';
import { isStaleActionError, useEventAction } from '../../lib/events-api.ts';
import { DispatchTargetSelect, HandDownTargetSelect } from './dispatch-target-select.tsx';

/** Steps that end or move the case away from this desk: asked twice. */
export const confirmedActions: ReadonlySet<EventAction> = new Set(['reject', 'escalate']);


interface ActionForm {
  text?: string;
  lead?: string;
  co?: string[];
  target?: string;
  extensionDays?: number;
  rating?: Rating;
}

/** A field the API named in a 400, when the form has it. */
const formFields = new Set(['text', 'lead', 'co', 'target', 'extensionDays', 'rating']);

export function EventActionModal({
  detail,
  action,
  onClose,
}: {
  detail: EventDetail;
  action: EventAction;
  onClose: () => void;
}) {
  const t = useT();
  const label = useLabel();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<ActionForm>();
  const mutation = useEventAction(detail.event.id);
  const [error, setError] = useState<string | null>(null);
  const rule = eventWorkflow[action];
  const actionLabel = label(rule.label);
  const lead = Form.useWatch('lead', form);
  const ev = detail.event;
  // District staff dispatch to member departments too; a street or community has none below it.
  // A county's code has 6 digits (GB/T 2260), a street's 9, a community's 12.
  const ownerIsCounty = ev.ownerOrgCode.length === 6;

  const send = async (values: ActionForm) => {
    setError(null);
    const request: EventActionRequest = {
      action,
      revision: ev.revision,
      ...(values.text?.trim() ? { text: values.text.trim() } : {}),
      ...(action === 'dispatch' ? { lead: values.lead, co: (values.co ?? []).filter((c) => c !== values.lead) } : {}),
      ...(action === 'hand_down' ? { target: values.target } : {}),
      ...(action === 'request_extension' ? { extensionDays: values.extensionDays } : {}),
      ...(action === 'rate' ? { rating: values.rating } : {}),
    };
    try {
      await mutation.mutateAsync(request);
      message.success(t('events.actionDone', { action: actionLabel }));
      onClose();
    } catch (cause) {
      if (isStaleActionError(cause)) {
        message.warning(t('events.staleAction'));
        onClose();
        return;
      }
      if (isApiError(cause) && cause.field && formFields.has(cause.field)) {
        form.setFields([{ name: cause.field as keyof ActionForm, errors: [cause.message] }]);
        return;
      }
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };

  const submit = async () => {
    const values = await form.validateFields();
    if (!confirmedActions.has(action)) {
      await send(values);
      return;
    }
    modal.confirm({
      title: t('events.confirmTitle', { action: actionLabel }),
      content: t(action === 'reject' ? 'events.confirmReject' : 'events.confirmEscalate'),
      okText: actionLabel,
      okButtonProps: { danger: true, 'data-testid': 'event-action-confirm' },
      cancelText: t('common.cancel'),
      onOk: () => send(values),
    });
  };

  const textKey = actionTextLabels[action];

  return (
    <Modal
      open
      title={t('events.actionTitle', { action: actionLabel, number: ev.number })}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={actionLabel}
      okButtonProps={{
        loading: mutation.isPending,
        danger: confirmedActions.has(action) || action === 'verify_fail',
        'data-testid': 'event-action-submit',
      }}
      cancelText={t('common.cancel')}
      destroyOnHidden
      mask={{ closable: false }}
      width={560}
    >
      <div data-testid="event-action-modal" data-action={action}>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
        <Form<ActionForm> form={form} layout="vertical" requiredMark initialValues={{ extensionDays: 3, co: [] }}>
          {action === 'dispatch' ? (
            <>
              <Form.Item
                name="lead"
                label={t('events.dispatch.lead')}
                rules={[{ required: true, message: t('events.dispatch.leadRequired') }]}
                extra={ev.rules.department ? t('events.dispatch.suggest', { department: ev.rules.department }) : undefined}
              >
                <DispatchTargetSelect
                  ownerCode={ev.ownerOrgCode}
                  departments={ownerIsCounty}
                  suggest={ev.rules.department}
                  placeholder={t('events.dispatch.leadPlaceholder')}
                  testId="dispatch-lead"
                />
              </Form.Item>
              <Form.Item name="co" label={t('events.dispatch.co')}>
                <DispatchTargetSelect
                  multiple
                  ownerCode={ev.ownerOrgCode}
                  departments={ownerIsCounty}
                  suggest={ev.rules.department}
                  exclude={lead ? [lead] : []}
                  placeholder={t('events.dispatch.coPlaceholder')}
                  testId="dispatch-co"
                />
              </Form.Item>
            </>
          ) : null}
          {action === 'hand_down' ? (
            <Form.Item
              name="target"
              label={t('events.handDown.target')}
              rules={[{ required: true, message: t('events.handDown.required') }]}
            >
              <HandDownTargetSelect event={ev} testId="hand-down-target" />
            </Form.Item>
          ) : null}
          {action === 'request_extension' ? (
            <Form.Item
              name="extensionDays"
              label={t('events.extension.days')}
              rules={[{ required: true, message: t('events.extension.daysRequired') }]}
            >
              <InputNumber min={1} max={30} precision={0} suffix={t('events.extension.unit')} style={{ width: 180 }} data-testid="extension-days" />
            </Form.Item>
          ) : null}
          {action === 'approve_extension' || action === 'deny_extension' ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('events.extension.pending', { n: ev.pendingExtensionDays ?? 0 })}
            />
          ) : null}
          {action === 'rate' ? (
            <Form.Item name="rating" label={t('events.rating')} rules={[{ required: true, message: t('events.ratingRequired') }]}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={ratings.map((r) => ({ value: r, label: t(ratingLabels[r]) }))}
              />
            </Form.Item>
          ) : null}
          {rule.needsText || action === 'dispatch' || action === 'accept' || action === 'verify_pass' || action === 'rate' ? (
            <Form.Item
              name="text"
              label={t(textKey ?? 'events.text.note')}
              rules={rule.needsText ? [{ required: true, whitespace: true, message: t('events.textRequired') }] : []}
            >
              <Input.TextArea
                data-testid="event-action-text"
                rows={4}
                maxLength={4000}
                showCount
                placeholder={rule.needsText ? t('events.textPlaceholder') : t('events.textOptional')}
              />
            </Form.Item>
          ) : null}
          {!rule.needsText && action !== 'dispatch' && action !== 'rate' && action !== 'accept' && action !== 'verify_pass' ? (
            <div>{t('events.confirmPlain', { action: actionLabel, number: ev.number })}</div>
          ) : null}
        </Form>
      </div>
    </Modal>
  );
}
