import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ActOnEscalation, EscalationFlag, EscalationFlagState, EscalationGrade } from '@shizhi/domain';
import { RiskTag } from '../../components/dispute-tags.tsx';
import { useFormatDateTime, useT, type MessageKey } from '../../i18n/index.ts';
import { apiGet, apiRequest } from '../../lib/api-client.ts';

/** One evaluation of the 民转刑 rules on a case, as the oversight API lists it. */
interface FlagRecord {
  id: string;
  disputeId: string;
  evaluatedAt: string;
  score: number;
  grade: EscalationGrade;
  routeToPolice: boolean;
  flags: EscalationFlag[];
  state: EscalationFlagState;
  current: boolean;
  handledAt: string | null;
  handledBy: string | null;
  note: string | null;
  policeUnit: string | null;
  allowedActions: ActOnEscalation['action'][];
}

const key = (disputeId: string) => ['dispute-escalation', disputeId] as const;

const actionLabels: Record<ActOnEscalation['action'], MessageKey> = {
  acknowledge: 'd.esc.acknowledge',
  route_to_police: 'd.esc.route',
  clear: 'd.esc.clear',
};

/** 民转刑预警: the rules' flags on this case with their explanations, and what the centre did about them. */
export function EscalationCard({ disputeId, orgCode }: { disputeId: string; orgCode: string }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const [acting, setActing] = useState<{ flag: FlagRecord; action: ActOnEscalation['action'] } | null>(null);
  const flags = useQuery({
    queryKey: key(disputeId),
    queryFn: ({ signal }) => apiGet<{ items: FlagRecord[] }>('/dispute-oversight/escalation/flags', { orgCode, disputeId }, signal),
    retry: false,
  });
  // Someone outside the centre's area (or a deployment without the rules) sees no card rather than an error.
  if (flags.isError || !flags.data) return null;
  const current = flags.data.items.filter((f) => f.current);
  if (current.length === 0) return null;

  return (
    <Card title={t('d.esc.title')} size="small" data-testid="dispute-escalation">
      {current.map((f) => (
        <div key={f.id} className="dp-box" data-testid="escalation-flag" data-state={f.state} data-grade={f.grade}>
          <div className="dp-box-head">
            <RiskTag grade={f.grade} />
            <Tag color={f.state === 'open' ? 'red' : f.state === 'routed' ? 'purple' : 'default'} style={{ marginInlineEnd: 0 }}>
              {t(`d.esc.state.${f.state}` as MessageKey)}
            </Tag>
            {f.routeToPolice ? <Tag color="volcano">{t('d.esc.police')}</Tag> : null}
            <span className="dp-muted tabular">{formatDateTime(f.evaluatedAt)}</span>
          </div>
          {f.flags.map((x) => (
            <div key={x.ruleCode} className="dp-reason">
              <b style={{ whiteSpace: 'nowrap' }}>{x.ruleName}</b>
              <span>{x.explanation}</span>
            </div>
          ))}
          {f.policeUnit || f.note ? (
            <div className="dp-text">
              {f.policeUnit ? `${t('d.esc.policeUnit')}：${f.policeUnit}\n` : ''}
              {f.note ?? ''}
            </div>
          ) : null}
          {f.allowedActions.length > 0 ? (
            <Flex gap={8} wrap style={{ marginTop: 8 }}>
              {f.allowedActions.map((a) => (
                <Button
                  key={a}
                  size="small"
                  type={a === 'route_to_police' ? 'primary' : 'default'}
                  danger={a === 'clear'}
                  onClick={() => setActing({ flag: f, action: a })}
                  data-testid={`escalation-${a}`}
                >
                  {t(actionLabels[a])}
                </Button>
              ))}
            </Flex>
          ) : null}
        </div>
      ))}
      {acting ? <EscalationActionModal disputeId={disputeId} flag={acting.flag} action={acting.action} onClose={() => setActing(null)} /> : null}
    </Card>
  );
}

function EscalationActionModal({ disputeId, flag, action, onClose }: { disputeId: string; flag: FlagRecord; action: ActOnEscalation['action']; onClose: () => void }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ policeUnit?: string; note?: string }>();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (body: ActOnEscalation) => apiRequest(`/dispute-oversight/escalation/flags/${encodeURIComponent(flag.id)}/actions`, { method: 'POST', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key(disputeId) }),
  });
  const send = async (v: { policeUnit?: string; note?: string }) => {
    const note = v.note?.trim();
    const body: ActOnEscalation =
      action === 'route_to_police'
        ? { action, policeUnit: v.policeUnit!.trim(), note: note! }
        : action === 'clear'
          ? { action, note: note! }
          : { action, ...(note ? { note } : {}) };
    try {
      await mutation.mutateAsync(body);
      message.success(t('d.act.done', { action: t(actionLabels[action]) }));
      onClose();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };
  const submit = async () => {
    const v = await form.validateFields();
    if (action !== 'clear') return send(v);
    modal.confirm({
      title: t('d.act.confirmTitle', { action: t('d.esc.clear') }),
      content: t('d.esc.clearConfirm'),
      okButtonProps: { danger: true, 'data-testid': 'escalation-confirm' },
      cancelText: t('common.cancel'),
      onOk: () => send(v),
    });
  };
  const need = [{ required: true, whitespace: true, message: t('d.act.textRequired') }];
  return (
    <Modal
      open
      title={t(actionLabels[action])}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t(actionLabels[action])}
      okButtonProps={{ loading: mutation.isPending, danger: action === 'clear', 'data-testid': 'escalation-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <div data-testid="escalation-modal" data-action={action}>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical">
          {action === 'route_to_police' ? (
            <Form.Item name="policeUnit" label={t('d.esc.policeUnit')} rules={need}>
              <Input maxLength={100} data-testid="escalation-police-unit" />
            </Form.Item>
          ) : null}
          <Form.Item name="note" label={t('d.act.text')} rules={action === 'acknowledge' ? [] : need}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="escalation-note" />
          </Form.Item>
        </Form>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('d.esc.hint')}
        </Typography.Text>
      </div>
    </Modal>
  );
}
