import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useT } from '../i18n/index.ts';

export interface PurposeModalProps {
  title: string;
  /** What will happen and that it is logged. */
  hint: string;
  okText: string;
  /** Resolves when done; a rejection's message shows in the dialog. */
  onSubmit: (purpose: string) => Promise<void>;
  onClose: () => void;
  testId?: string;
}

/**
 * Asks why before whole personal data is shown or exported (查看完整 / 导出完整证件号): the API
 * writes the purpose into the audit log with the read.
 */
export function PurposeModal({ title, hint, okText, onSubmit, onClose, testId = 'purpose-modal' }: PurposeModalProps) {
  const t = useT();
  const [form] = Form.useForm<{ purpose: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const { purpose } = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(purpose.trim());
      onClose();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': `${testId}-ok` }}
    >
      <div data-testid={testId}>
      <Alert type="info" showIcon title={hint} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item
          name="purpose"
          label={t('r.reveal.purpose')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('r.reveal.purposeRequired') }]}
        >
          <Input.TextArea
            autoFocus
            rows={2}
            maxLength={100}
            showCount
            placeholder={t('r.reveal.purposePlaceholder')}
            data-testid={`${testId}-purpose`}
          />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={error} /> : null}
      </div>
    </Modal>
  );
}
