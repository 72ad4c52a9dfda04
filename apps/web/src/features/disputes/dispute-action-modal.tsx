import { useState } from 'react';
import { Alert, App, Form, Input, InputNumber, Modal, Radio, Select, Tag } from 'antd';
import {
  disputeOutcomeLabels,
  disputeWorkflow,
  judicialStates,
  mediationMethodLabels,
  nextRouteLabels,
  nextRoutes,
  performanceLabels,
  performanceStates,
  riskGradeLabels,
  riskGrades,
  type DisputeAction,
  type DisputeActionRequest,
  type DisputeDetail,
  type JudicialState,
  type NextRoute,
  type PerformanceState,
  type RiskGrade,
} from '@shizhi/domain';
import { useFormatDateTime, useLabel, useT, type MessageKey } from '../../i18n/index.ts';
import { isApiError } from '../../lib/api-client.ts';
import { useDisputeAction, useMediationBodies } from '../../lib/disputes-api.ts';
import { chinaDate } from '../../lib/periods.ts';
import { localInputToIso, parseAttendees } from './attendees.ts';

/** Steps that end the case or turn it back: asked twice. */
export const confirmedDisputeActions: ReadonlySet<DisputeAction> = new Set(['refuse', 'record_failure', 'close', 'reopen']);

const confirmText: Partial<Record<DisputeAction, MessageKey>> = {
  refuse: 'd.act.confirmRefuse',
  record_failure: 'd.act.confirmFailure',
  close: 'd.act.confirmClose',
  reopen: 'd.act.confirmReopen',
};

const textLabel: Partial<Record<DisputeAction, MessageKey>> = {
  refuse: 'd.act.reason',
  reopen: 'd.act.reason',
  record_session: 'd.act.recordText',
  record_agreement: 'd.act.agreementText',
  record_follow_up: 'd.act.followNote',
  evaluate: 'd.act.evalText',
};

interface ActionForm {
  text?: string;
  riskGrade?: RiskGrade;
  mediationOrgId?: string;
  mediatorId?: string;
  mode?: 'on_site' | 'video';
  scheduledAt?: string;
  place?: string;
  videoLink?: string;
  sessionId?: string;
  attendees?: string;
  days?: number;
  outcome?: 'agreement' | 'oral_agreement';
  performBy?: string;
  nextRoute?: NextRoute;
  stabilityMeasure?: string;
  followUpId?: string;
  method?: 'phone' | 'visit';
  performance?: PerformanceState;
  judicialState?: JudicialState;
  court?: string;
  caseNumber?: string;
  on?: string;
  score?: 'excellent' | 'good' | 'fair' | 'poor';
}

const opt = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** The request of one action from the form; each action carries the items its schema names. */
export function requestOf(action: DisputeAction, revision: number, v: ActionForm): DisputeActionRequest {
  const text = opt(v.text);
  const base = { revision, ...(text ? { text } : {}) };
  switch (action) {
    case 'triage':
      return { action, ...base, ...(v.riskGrade ? { riskGrade: v.riskGrade } : {}) };
    case 'assign':
      return { action, ...base, mediationOrgId: v.mediationOrgId!, mediatorId: v.mediatorId! };
    case 'schedule_session':
      return {
        action,
        ...base,
        mode: v.mode!,
        scheduledAt: localInputToIso(v.scheduledAt ?? '')!,
        ...(v.mode === 'on_site' && opt(v.place) ? { place: opt(v.place)! } : {}),
        ...(v.mode === 'video' && opt(v.videoLink) ? { videoLink: opt(v.videoLink)! } : {}),
      };
    case 'record_session':
      return { action, ...base, sessionId: v.sessionId!, attendees: parseAttendees(v.attendees ?? '') };
    case 'extend':
      return { action, ...base, days: v.days! };
    case 'record_agreement':
      return { action, ...base, outcome: v.outcome!, ...(v.performBy ? { performBy: v.performBy } : {}) };
    case 'record_failure':
      return { action, ...base, nextRoute: v.nextRoute!, stabilityMeasure: v.stabilityMeasure!.trim() };
    case 'record_follow_up':
      return { action, ...base, ...(v.followUpId ? { followUpId: v.followUpId } : {}), method: v.method!, performance: v.performance! };
    case 'record_judicial':
      return { action, ...base, judicialState: v.judicialState!, court: v.court!.trim(), ...(opt(v.caseNumber) ? { caseNumber: opt(v.caseNumber)! } : {}), on: v.on! };
    case 'record_signing':
      return { action, ...base, signedOn: v.on! };
    case 'evaluate':
      return { action, ...base, score: v.score! };
    default:
      return { action, ...base } as DisputeActionRequest;
  }
}

const required = (message: string) => [{ required: true, message }];

export function DisputeActionModal({ detail, action, onClose }: { detail: DisputeDetail; action: DisputeAction; onClose: () => void }) {
  const t = useT();
  const label = useLabel();
  const formatDateTime = useFormatDateTime();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<ActionForm>();
  const mutation = useDisputeAction(detail.dispute.id);
  const [error, setError] = useState<string | null>(null);
  const rule = disputeWorkflow[action];
  const actionLabel = label(rule.label);
  const d = detail.dispute;
  const mode = Form.useWatch('mode', form);
  const bodyId = Form.useWatch('mediationOrgId', form);
  const grade = Form.useWatch('riskGrade', form);
  const bodies = useMediationBodies(d.typeCode, { enabled: action === 'assign' });
  const sortedBodies = [...(bodies.data?.items ?? [])].sort((a, b) => Number(b.suggested) - Number(a.suggested));
  const body = sortedBodies.find((b) => b.id === bodyId);
  const scheduled = detail.sessions.filter((s) => s.state === 'scheduled');
  const pendingVisits = detail.followUps.filter((f) => f.doneAt === null);
  const pick = t('d.reg.required');

  const send = async (values: ActionForm) => {
    setError(null);
    try {
      await mutation.mutateAsync(requestOf(action, d.revision, values));
      message.success(t('d.act.done', { action: actionLabel }));
      onClose();
    } catch (cause) {
      if (isApiError(cause) && cause.status === 409) {
        message.warning(t('d.act.stale'));
        onClose();
        return;
      }
      if (isApiError(cause) && cause.field && cause.field in values) {
        form.setFields([{ name: cause.field as keyof ActionForm, errors: [cause.message] }]);
        return;
      }
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };

  const submit = async () => {
    const values = await form.validateFields();
    const text = confirmText[action];
    if (!text) {
      await send(values);
      return;
    }
    modal.confirm({
      title: t('d.act.confirmTitle', { action: actionLabel }),
      content: t(text),
      okText: actionLabel,
      okButtonProps: { danger: true, 'data-testid': 'dispute-action-confirm' },
      cancelText: t('common.cancel'),
      onOk: () => send(values),
    });
  };

  const textRequired = rule.needsText || (action === 'triage' && Boolean(grade));
  const showText = rule.needsText || ['accept', 'triage', 'assign', 'schedule_session', 'record_judicial'].includes(action);

  return (
    <Modal
      open
      title={t('d.act.title', { action: actionLabel, number: d.number })}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={actionLabel}
      okButtonProps={{ loading: mutation.isPending, danger: confirmedDisputeActions.has(action), 'data-testid': 'dispute-action-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
      mask={{ closable: false }}
      width={600}
    >
      <div data-testid="dispute-action-modal" data-action={action}>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="dispute-action-error" /> : null}
        <Form<ActionForm>
          form={form}
          layout="vertical"
          requiredMark
          initialValues={{
            mode: 'on_site',
            days: 15,
            outcome: 'agreement',
            method: 'phone',
            performance: 'performed',
            judicialState: 'confirmed',
            on: chinaDate(),
            sessionId: scheduled[0]?.id,
            followUpId: pendingVisits[0]?.id,
          }}
        >
          {action === 'triage' ? (
            <Form.Item name="riskGrade" label={t('d.act.riskGrade')}>
              <Radio.Group
                optionType="button"
                options={riskGrades.map((g) => ({ value: g, label: <span data-testid={`triage-grade-${g}`}>{label(riskGradeLabels[g])}</span> }))}
              />
            </Form.Item>
          ) : null}

          {action === 'assign' ? (
            <>
              <Form.Item name="mediationOrgId" label={t('d.act.body')} rules={required(t('d.act.pickBody'))}>
                <Select
                  showSearch={{ optionFilterProp: 'title' }}
                  loading={bodies.isLoading}
                  placeholder={t('d.act.pickBody')}
                  onChange={() => form.setFieldValue('mediatorId', undefined)}
                  data-testid="assign-body"
                  options={sortedBodies.map((b) => ({
                    value: b.id,
                    title: b.name,
                    label: (
                      <span className="dp-mediator-option">
                        <span>{b.name}</span>
                        <span>
                          {b.suggested ? <Tag color="green">{t('d.act.bodySuggested')}</Tag> : null}
                          <span className="dp-muted">{label(mediationMethodLabels[b.method])}</span>
                        </span>
                      </span>
                    ),
                  }))}
                />
              </Form.Item>
              <Form.Item name="mediatorId" label={t('d.mediator')} rules={required(t('d.act.pickMediator'))}>
                <Select
                  disabled={!body}
                  placeholder={t('d.act.pickMediator')}
                  data-testid="assign-mediator"
                  options={(body?.mediators ?? []).map((m) => ({
                    value: m.id,
                    title: m.name,
                    label: (
                      <span className="dp-mediator-option" data-testid={`mediator-option-${m.name}`}>
                        <span>
                          {m.name}
                          {m.specialty ? <span className="dp-muted"> · {m.specialty}</span> : null}
                        </span>
                        <span className="dp-muted">{t('d.act.mediatorLoad', { n: m.openCases })}</span>
                      </span>
                    ),
                  }))}
                />
              </Form.Item>
            </>
          ) : null}

          {action === 'schedule_session' ? (
            <>
              <Form.Item name="mode" label={t('d.act.mode')}>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  options={[
                    { value: 'on_site', label: t('d.session.on_site') },
                    { value: 'video', label: <span data-testid="session-mode-video">{t('d.session.video')}</span> },
                  ]}
                />
              </Form.Item>
              <Form.Item
                name="scheduledAt"
                label={t('d.act.scheduledAt')}
                rules={[{ required: true, message: pick }, { validator: async (_, v: string) => { if (v && !localInputToIso(v)) throw new Error(pick); } }]}
              >
                <Input type="datetime-local" data-testid="session-at" />
              </Form.Item>
              {mode === 'video' ? (
                <Form.Item name="videoLink" label={t('d.act.videoLink')} rules={[{ required: true, message: pick }, { type: 'url', message: 'URL' }]}>
                  <Input placeholder="https://" data-testid="session-video-link" />
                </Form.Item>
              ) : (
                <Form.Item name="place" label={t('d.act.place')}>
                  <Input maxLength={100} data-testid="session-place" />
                </Form.Item>
              )}
            </>
          ) : null}

          {action === 'record_session' ? (
            <>
              <Form.Item name="sessionId" label={t('d.act.session')} rules={required(pick)}>
                <Select
                  data-testid="record-session-id"
                  options={scheduled.map((s) => ({
                    value: s.id,
                    label: `${t('d.session.seq', { n: s.seq })} · ${t(s.mode === 'video' ? 'd.session.video' : 'd.session.on_site')} · ${formatDateTime(s.scheduledAt)}`,
                  }))}
                />
              </Form.Item>
              <Form.Item
                name="attendees"
                label={t('d.act.attendees')}
                rules={[{ validator: async (_, v: string | undefined) => { if (parseAttendees(v ?? '').length === 0) throw new Error(t('d.act.attendeesRequired')); } }]}
              >
                <Input.TextArea rows={3} data-testid="record-attendees" />
              </Form.Item>
            </>
          ) : null}

          {action === 'extend' ? (
            <>
              <Alert type="info" showIcon title={t('d.act.extendHint')} style={{ marginBottom: 12 }} />
              <Form.Item name="days" label={t('d.act.days')} rules={required(pick)}>
                <InputNumber min={1} max={60} precision={0} suffix={t('d.act.daysUnit')} style={{ width: 160 }} data-testid="extend-days" />
              </Form.Item>
            </>
          ) : null}

          {action === 'record_agreement' ? (
            <>
              <Form.Item name="outcome" label={t('d.act.outcome')}>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  options={[
                    { value: 'agreement', label: label(disputeOutcomeLabels.agreement) },
                    { value: 'oral_agreement', label: label(disputeOutcomeLabels.oral_agreement) },
                  ]}
                />
              </Form.Item>
              <Form.Item name="performBy" label={t('d.act.performBy')}>
                <Input type="date" min={chinaDate()} style={{ width: 200 }} data-testid="agreement-perform-by" />
              </Form.Item>
            </>
          ) : null}

          {action === 'record_failure' ? (
            <>
              <Form.Item name="nextRoute" label={t('d.act.nextRoute')} rules={required(pick)}>
                <Radio.Group optionType="button" options={nextRoutes.map((r) => ({ value: r, label: label(nextRouteLabels[r]) }))} />
              </Form.Item>
              <Form.Item name="stabilityMeasure" label={t('d.act.stability')} rules={[{ required: true, whitespace: true, message: pick }]}>
                <Input.TextArea rows={2} maxLength={500} data-testid="failure-stability" />
              </Form.Item>
            </>
          ) : null}

          {action === 'record_follow_up' ? (
            <>
              {pendingVisits.length > 0 ? (
                <Form.Item name="followUpId" label={t('d.act.followUp')}>
                  <Select options={pendingVisits.map((f) => ({ value: f.id, label: t('d.follow.due', { date: f.dueOn }) }))} data-testid="follow-up-id" />
                </Form.Item>
              ) : null}
              <Form.Item name="method" label={t('d.act.method')}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'phone', label: t('d.follow.phone') },
                    { value: 'visit', label: t('d.follow.visit') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="performance" label={t('d.act.performance')}>
                <Radio.Group optionType="button" options={performanceStates.map((p) => ({ value: p, label: label(performanceLabels[p]) }))} />
              </Form.Item>
            </>
          ) : null}

          {action === 'record_judicial' ? (
            <>
              <Form.Item name="judicialState" label={t('d.act.judicialState')}>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  options={judicialStates.map((s) => ({ value: s, label: t(`d.judicial.${s}` as MessageKey) }))}
                />
              </Form.Item>
              <Form.Item name="court" label={t('d.act.court')} rules={[{ required: true, whitespace: true, message: pick }]}>
                <Input maxLength={60} data-testid="judicial-court" />
              </Form.Item>
              <Form.Item name="caseNumber" label={t('d.act.caseNumber')}>
                <Input maxLength={60} placeholder="（2026）蒙0602民特1号" data-testid="judicial-case-number" />
              </Form.Item>
              <Form.Item name="on" label={t('d.act.judicialOn')} rules={required(pick)}>
                <Input type="date" max={chinaDate()} style={{ width: 200 }} data-testid="judicial-on" />
              </Form.Item>
            </>
          ) : null}

          {action === 'record_signing' ? (
            <Form.Item name="on" label={t('d.doc.signedOn')} rules={required(pick)}>
              <Input type="date" max={chinaDate()} style={{ width: 200 }} data-testid="signed-on" />
            </Form.Item>
          ) : null}

          {action === 'evaluate' ? (
            <Form.Item name="score" label={t('d.act.score')} rules={required(pick)}>
              <Radio.Group
                optionType="button"
                options={(['excellent', 'good', 'fair', 'poor'] as const).map((s) => ({ value: s, label: t(`d.score.${s}`) }))}
              />
            </Form.Item>
          ) : null}

          {showText ? (
            <Form.Item
              name="text"
              label={t(textLabel[action] ?? 'd.act.text')}
              rules={textRequired ? [{ required: true, whitespace: true, message: t('d.act.textRequired') }] : []}
            >
              <Input.TextArea
                rows={action === 'record_session' || action === 'record_agreement' ? 6 : 3}
                maxLength={5000}
                placeholder={textRequired ? undefined : t('d.act.textOptional')}
                data-testid="dispute-action-text"
              />
            </Form.Item>
          ) : (
            <div>{t('d.act.plain', { action: actionLabel, number: d.number })}</div>
          )}
        </Form>
      </div>
    </Modal>
  );
}
