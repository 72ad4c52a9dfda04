import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { DesignateHardCase } from '@shizhi/domain';
import { useT } from '../../i18n/index.ts';
import { apiGet, apiRequest } from '../../lib/api-client.ts';
import { chinaDate } from '../../lib/periods.ts';

interface HardCaseOfDispute {
  id: string;
  disputeId: string;
  leadOfficial: string;
  leadOfficialTitle: string | null;
  handler: string;
  measures: string;
  deadline: string;
  state: 'open' | 'closed';
  overdue: boolean;
  daysOverdue: number;
}

const key = (orgCode: string, disputeId: string) => ['dispute-oversight', '/hard-cases', { orgCode, disputeId }] as const;

/**
 * 四定四包 on the case page: whether the case is a hard case (lead official, handler, measures,
 * deadline) and, for the centre, the button that makes it one.
 */
export function HardCaseCard({ disputeId, orgCode, open }: { disputeId: string; orgCode: string; open: boolean }) {
  const t = useT();
  const [designating, setDesignating] = useState(false);
  const list = useQuery({
    queryKey: key(orgCode, disputeId),
    queryFn: ({ signal }) => apiGet<{ items: HardCaseOfDispute[] }>('/dispute-oversight/hard-cases', { orgCode, disputeId }, signal),
    retry: false,
  });
  // Someone who may not see the oversight views (a mediator outside the centre) sees no card.
  if (list.isError || !list.data) return null;
  const hard = list.data.items.find((h) => h.disputeId === disputeId);
  if (!hard && !open) return null;
  return (
    <Card title={t('d.hard.title')} size="small" data-testid="dispute-hard-case" data-hard={hard ? hard.state : 'none'}>
      {hard ? (
        <Flex vertical gap={4} style={{ fontSize: 13 }}>
          <Flex gap={6} wrap>
            <Tag color={hard.state === 'open' ? 'gold' : 'green'}>{t(hard.state === 'open' ? 'd.hard.open' : 'd.hard.closed')}</Tag>
            {hard.overdue ? <Tag color="red">{t('ov.hard.daysOverdue', { n: hard.daysOverdue })}</Tag> : null}
          </Flex>
          <span>{t('common.labelValue', { label: t('ov.hard.lead'), value: `${hard.leadOfficial}${hard.leadOfficialTitle ? `（${hard.leadOfficialTitle}）` : ''}` })}</span>
          <span>{t('common.labelValue', { label: t('ov.hard.handler'), value: hard.handler })}</span>
          <span>{t('common.labelValue', { label: t('ov.hard.deadline'), value: hard.deadline })}</span>
          <div className="dp-text">{hard.measures}</div>
          <Link to="/oversight/hard-cases">{t('d.hard.toList')}</Link>
        </Flex>
      ) : (
        <Flex vertical gap={8} align="flex-start">
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('d.hard.hint')}
          </Typography.Text>
          <Button size="small" onClick={() => setDesignating(true)} data-testid="designate-hard-case">
            {t('d.hard.designate')}
          </Button>
        </Flex>
      )}
      {designating ? <DesignateModal disputeId={disputeId} orgCode={orgCode} onClose={() => setDesignating(false)} /> : null}
    </Card>
  );
}

function DesignateModal({ disputeId, orgCode, onClose }: { disputeId: string; orgCode: string; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Omit<DesignateHardCase, 'disputeId'>>();
  const [error, setError] = useState<string | null>(null);
  const designate = useMutation({
    mutationFn: (body: DesignateHardCase) => apiRequest<{ id: string }>('/dispute-oversight/hard-cases', { method: 'POST', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key(orgCode, disputeId) }),
  });
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await designate.mutateAsync({
        disputeId,
        leadOfficial: v.leadOfficial.trim(),
        ...(v.leadOfficialTitle?.trim() ? { leadOfficialTitle: v.leadOfficialTitle.trim() } : {}),
        handler: v.handler.trim(),
        measures: v.measures.trim(),
        deadline: v.deadline,
      });
      message.success(t('d.hard.done'));
      onClose();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };
  const need = [{ required: true, whitespace: true, message: t('ov.required') }];
  return (
    <Modal
      open
      title={t('d.hard.designate')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okButtonProps={{ loading: designate.isPending, 'data-testid': 'designate-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <div data-testid="designate-modal">
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical">
          <Flex gap={12} wrap>
            <Form.Item name="leadOfficial" label={t('ov.hard.lead')} rules={need}>
              <Input maxLength={50} data-testid="designate-lead" />
            </Form.Item>
            <Form.Item name="leadOfficialTitle" label={t('d.hard.leadTitle')}>
              <Input maxLength={50} data-testid="designate-lead-title" />
            </Form.Item>
          </Flex>
          <Flex gap={12} wrap>
            <Form.Item name="handler" label={t('ov.hard.handler')} rules={need}>
              <Input maxLength={50} data-testid="designate-handler" />
            </Form.Item>
            <Form.Item name="deadline" label={t('ov.hard.deadline')} rules={need}>
              <Input type="date" min={chinaDate()} data-testid="designate-deadline" />
            </Form.Item>
          </Flex>
          <Form.Item name="measures" label={t('ov.hard.measures')} rules={need}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="designate-measures" />
          </Form.Item>
        </Form>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('d.hard.fourBao')}
        </Typography.Text>
      </div>
    </Modal>
  );
}
