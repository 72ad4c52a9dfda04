import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { deregisterReasonLabels, deregisterReasons, type DeregisterReason } from '@shizhi/domain';
import { useLabel, useT, type MessageKey } from '../../i18n/index.ts';
import { isApiError } from '../../lib/api-client.ts';
import { chinaDate } from '../../lib/periods.ts';
import { useRecordLifecycle, type LifecycleAction, type RegisterEntity } from '../../lib/registers-api.ts';

/** 注销 reasons of the domain (deregisterReasons); 死亡 and 出国（境）定居 are a person's only. */
const deregisterReasonsOf: Record<RegisterEntity, readonly DeregisterReason[]> = {
  people: deregisterReasons,
  houses: deregisterReasons.filter((r) => r !== 'death' && r !== 'moved_abroad'),
  organisations: deregisterReasons.filter((r) => r !== 'death' && r !== 'moved_abroad'),
};

const actionLabels: Record<LifecycleAction, MessageKey> = {
  'move-out': 'r.act.moveOut',
  deregister: 'r.act.deregister',
  reactivate: 'r.act.reactivate',
};

const titles: Record<LifecycleAction, MessageKey> = {
  'move-out': 'r.act.moveOutTitle',
  deregister: 'r.act.deregisterTitle',
  reactivate: 'r.act.reactivateTitle',
};

interface LifecycleForm {
  reason?: string;
  date?: string;
  destination?: string;
  note?: string;
}

const opt = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/**
 * 迁出 / 注销 / 恢复 with the reason asked for; 注销 is asked twice and red. The version the page was
 * read at goes along, so a change someone else made in between is not overwritten.
 */
export function LifecycleModal({
  entity,
  id,
  name,
  version,
  action,
  onClose,
}: {
  entity: RegisterEntity;
  id: string;
  name: string;
  version: number;
  action: LifecycleAction;
  onClose: () => void;
}) {
  const t = useT();
  const codeName = useLabel();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<LifecycleForm>();
  const mutation = useRecordLifecycle(entity, id);
  const [error, setError] = useState<string | null>(null);
  const label = t(actionLabels[action]);

  const send = async (v: LifecycleForm) => {
    setError(null);
    const body =
      action === 'move-out'
        ? { version, reason: v.reason!.trim(), date: v.date!, ...(opt(v.destination) ? { destination: opt(v.destination) } : {}) }
        : action === 'deregister'
          ? { version, reason: v.reason!, ...(opt(v.note) ? { note: opt(v.note) } : {}) }
          : { version, ...(opt(v.note) ? { note: opt(v.note) } : {}) };
    try {
      await mutation.mutateAsync({ action, body });
      message.success(t('r.act.done', { action: label }));
      onClose();
    } catch (cause) {
      if (isApiError(cause) && cause.status === 409) setError(t('r.form.stale'));
      else setError(cause instanceof Error ? cause.message : String(cause));
    }
  };

  const submit = async () => {
    const values = await form.validateFields();
    if (action !== 'deregister') return send(values);
    modal.confirm({
      title: t('r.act.confirm', { action: label }),
      content: t('r.act.deregisterWarn'),
      okText: label,
      okButtonProps: { danger: true, 'data-testid': 'lifecycle-confirm' },
      cancelText: t('common.cancel'),
      onOk: () => send(values),
    });
  };

  return (
    <Modal
      open
      title={t(titles[action], { name })}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={label}
      okButtonProps={{ loading: mutation.isPending, danger: action === 'deregister', 'data-testid': 'lifecycle-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <div data-testid="lifecycle-modal" data-action={action}>
        <Alert
          type={action === 'deregister' ? 'warning' : 'info'}
          showIcon
          title={t(action === 'deregister' ? 'r.act.deregisterWarn' : action === 'move-out' ? 'r.act.moveOutHint' : 'r.act.reactivateHint')}
          style={{ marginBottom: 16 }}
        />
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="lifecycle-error" /> : null}
        <Form<LifecycleForm> form={form} layout="vertical" requiredMark initialValues={{ date: chinaDate() }}>
          {action === 'move-out' ? (
            <>
              <Form.Item name="reason" label={t('r.act.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('r.act.reasonRequired') }]}>
                <Input maxLength={200} data-testid="lifecycle-reason" />
              </Form.Item>
              <Form.Item name="date" label={t('r.act.date')} rules={[{ required: true, message: t('r.required') }]}>
                <Input type="date" max={chinaDate()} data-testid="lifecycle-date" />
              </Form.Item>
              <Form.Item name="destination" label={t('r.act.destination')}>
                <Input maxLength={200} />
              </Form.Item>
            </>
          ) : action === 'deregister' ? (
            <>
              <Form.Item name="reason" label={t('r.act.reason')} rules={[{ required: true, message: t('r.required') }]}>
                <Select
                  data-testid="lifecycle-reason"
                  options={deregisterReasonsOf[entity].map((r) => ({ value: r, label: codeName(deregisterReasonLabels[r]) }))}
                />
              </Form.Item>
              <Form.Item name="note" label={t('r.act.note')}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="note" label={t('r.act.note')} rules={[{ required: true, whitespace: true, message: t('r.required') }]}>
              <Input.TextArea rows={2} maxLength={500} data-testid="lifecycle-note" />
            </Form.Item>
          )}
        </Form>
      </div>
    </Modal>
  );
}
