import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Row, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import {
  disputeOutcomeLabels,
  disputeScaleLabels,
  disputeSourceLabels,
  disputeStateLabels,
  disputeTypes,
  disputeWorkflow,
  mediationMethodLabels,
  mediationOrgKindLabels,
  nextRouteLabels,
  partyRoleLabels,
  performanceLabels,
  referralBodyLabels,
  type DisputeAction,
  type DisputeDetail,
} from '@shizhi/domain';
import { DeadlineText } from '../../components/deadline-text.tsx';
import { DisputeStateTag, RiskTag } from '../../components/dispute-tags.tsx';
import { Icon } from '../../components/icon.tsx';
import { ErrorBlock, LoadingBlock, NotFoundResult } from '../../components/page-states.tsx';
import { useFormatDateTime, useFormatNumber, useLabel, useT, type MessageKey } from '../../i18n/index.ts';
import { isApiError } from '../../lib/api-client.ts';
import { useDisputeDetail, usePartyPersonalData } from '../../lib/disputes-api.ts';
import { useNow } from '../../lib/use-now.ts';
import { DisputeActionModal, confirmedDisputeActions } from './dispute-action-modal.tsx';
import { DocumentsCard } from './dispute-documents-card.tsx';
import { EscalationCard } from './escalation-card.tsx';
import { HardCaseCard } from './hard-case-card.tsx';
import './disputes.css';

/** The step that moves the case on is the primary button; those that end or turn it back are red. */
const primaryActions: ReadonlySet<DisputeAction> = new Set(['accept', 'assign', 'schedule_session', 'record_session', 'record_agreement', 'record_follow_up']);

export function DisputeDetailPage() {
  const t = useT();
  const { id } = useParams();
  const detail = useDisputeDetail(id);
  if (detail.isPending) return <LoadingBlock />;
  if (detail.isError) {
    if (isApiError(detail.error) && (detail.error.status === 404 || detail.error.status === 400)) {
      return (
        <NotFoundResult
          detail={detail.error.message}
          extra={
            <Link to="/disputes">
              <Button type="primary">{t('d.backToList')}</Button>
            </Link>
          }
        />
      );
    }
    return <ErrorBlock error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  return <DisputeDetailView detail={detail.data} refreshing={detail.isFetching} onRefresh={() => void detail.refetch()} />;
}

function DisputeDetailView({ detail, refreshing, onRefresh }: { detail: DisputeDetail; refreshing: boolean; onRefresh: () => void }) {
  const t = useT();
  const label = useLabel();
  const formatDateTime = useFormatDateTime();
  const formatNumber = useFormatNumber();
  const [action, setAction] = useState<DisputeAction | null>(null);
  const d = detail.dispute;
  const type = disputeTypes.find((x) => x.code === d.typeCode)!;

  return (
    <div data-testid="dispute-detail" data-state={d.state} data-number={d.number} data-risk={d.riskGrade}>
      <Link to="/disputes">
        <Button type="link" icon={<Icon name="left" />} style={{ paddingInline: 0, marginBottom: 8 }}>
          {t('d.backToList')}
        </Button>
      </Link>

      <Card className="dp-head" style={{ marginBottom: 16 }}>
        <Flex justify="space-between" gap={16} wrap align="flex-start">
          <div style={{ minWidth: 0, flex: '1 1 420px' }}>
            <Flex gap={8} align="center" wrap>
              <span className="dp-number tabular" data-testid="dispute-number">
                {d.number}
              </span>
              <DisputeStateTag state={d.state} />
              <RiskTag grade={d.riskGrade} />
              <Tag variant="outlined" style={{ marginInlineEnd: 0 }}>
                {label(type)}
              </Tag>
              {d.overdue ? <Tag color="red">{t('d.overdue')}</Tag> : null}
              {d.repeat ? <Tag color="volcano">{t('d.detail.repeat')}</Tag> : null}
              {d.reopenCount > 0 ? <Tag color="purple">{t('d.detail.reopened', { n: d.reopenCount })}</Tag> : null}
            </Flex>
            <Typography.Title level={4} className="dp-title">
              {d.title}
            </Typography.Title>
            <Flex gap={16} wrap className="dp-head-meta">
              <span>{t('common.labelValue', { label: t('d.place'), value: d.placeName ?? d.placeCode })}</span>
              <span className="tabular">{t('common.labelValue', { label: t('d.registeredAt'), value: formatDateTime(d.registeredAt) })}</span>
              {d.mediatorName ? <span>{t('common.labelValue', { label: t('d.mediator'), value: `${d.mediationOrgName ?? ''} ${d.mediatorName}` })}</span> : null}
              {d.dueAt && ['accepted', 'assigned', 'mediating'].includes(d.state) ? (
                <span>
                  {t('common.labelValue', { label: t('d.deadline'), value: '' })}
                  <DeadlineText dueAt={d.dueAt} warning={d.overdue ? 'red' : 'none'} compact />
                </span>
              ) : null}
            </Flex>
          </div>
          <Flex vertical gap={8} className="dp-actions">
            <Flex gap={8} wrap className="dp-actions-buttons" data-testid="dispute-actions">
              {detail.allowedActions.map((a) => (
                <Button
                  key={a}
                  data-testid={`dispute-action-${a}`}
                  type={primaryActions.has(a) ? 'primary' : 'default'}
                  danger={confirmedDisputeActions.has(a)}
                  onClick={() => setAction(a)}
                >
                  {label(disputeWorkflow[a].label)}
                </Button>
              ))}
              <Button icon={<Icon name="reload" />} onClick={onRefresh} loading={refreshing} aria-label={t('d.refresh')} />
            </Flex>
            {detail.allowedActions.length === 0 ? (
              <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="dispute-no-actions">
                {t('d.detail.noActions')}
              </Typography.Text>
            ) : null}
          </Flex>
        </Flex>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <Card title={t('d.detail.info')} size="small">
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2 }}
                items={[
                  { key: 'source', label: t('d.source'), children: label(disputeSourceLabels[d.source]) },
                  { key: 'scale', label: t('d.scale'), children: label(disputeScaleLabels[d.scale]) },
                  { key: 'occurred', label: t('d.reg.occurredOn'), children: <span className="tabular">{d.occurredOn}</span> },
                  { key: 'people', label: t('d.reg.people'), children: formatNumber(d.peopleInvolved) },
                  {
                    key: 'amount',
                    label: t('d.reg.amount'),
                    children: d.amountYuan !== null ? t('d.detail.amountValue', { n: formatNumber(d.amountYuan) }) : t('common.none'),
                  },
                  { key: 'units', label: t('d.reg.units'), children: d.unitsInvolved ?? t('common.none') },
                  { key: 'address', label: t('common.address'), children: d.address ?? t('common.none'), span: 'filled' },
                  ...(d.referral
                    ? [{ key: 'referral', label: t('d.detail.referral'), children: `${label(referralBodyLabels[d.referral.body])} · ${d.referral.name}${d.referral.reference ? ` · ${d.referral.reference}` : ''}`, span: 'filled' as const }]
                    : []),
                  ...(d.eventId
                    ? [{ key: 'event', label: t('d.detail.event'), children: <Link to={`/events/${d.eventId}`} data-testid="dispute-event-link">{t('d.detail.event')}</Link> }]
                    : []),
                ]}
              />
              <div className="dp-desc-label">{t('d.detail.summary')}</div>
              <div className="dp-desc" data-testid="dispute-summary-text">
                {d.summary}
              </div>
              {d.claims ? (
                <>
                  <div className="dp-desc-label">{t('d.detail.claims')}</div>
                  <div className="dp-desc">{d.claims}</div>
                </>
              ) : null}
            </Card>

            <PartiesCard detail={detail} />
            <OutcomeCard detail={detail} />
            <SessionsCard detail={detail} onRecord={detail.allowedActions.includes('record_session') ? () => setAction('record_session') : null} />
            <Card title={t('d.detail.timeline')} size="small">
              <DisputeTimeline detail={detail} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16}>
            <EscalationCard disputeId={d.id} orgCode={d.ownerOrgCode} />
            <HardCaseCard disputeId={d.id} orgCode={d.ownerOrgCode} open={!['refused', 'closed'].includes(d.state)} />
            <Card title={t('d.detail.triage')} size="small" data-testid="dispute-triage">
              <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
                <RiskTag grade={d.riskGrade} />
              </Flex>
              {d.riskReasons.length === 0 ? (
                <Typography.Text type="secondary">{t('d.detail.noReasons')}</Typography.Text>
              ) : (
                d.riskReasons.map((r) => (
                  <div key={r.code + r.zh} className="dp-reason" data-testid={`risk-reason-${r.code}`}>
                    <RiskTag grade={r.grade} />
                    <span>{label(r)}</span>
                  </div>
                ))
              )}
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 13 }}>
                {t('d.detail.suggested', {
                  body: label(mediationOrgKindLabels[d.suggested.body]),
                  method: label(mediationMethodLabels[d.suggested.method]),
                })}
              </Typography.Paragraph>
            </Card>
            <ClocksCard detail={detail} />
            <FollowUpsCard detail={detail} />
            <DocumentsCard detail={detail} onAction={setAction} />
          </Flex>
        </Col>
      </Row>

      {action ? <DisputeActionModal key={action} detail={detail} action={action} onClose={() => setAction(null)} /> : null}
    </div>
  );
}

function PartiesCard({ detail }: { detail: DisputeDetail }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const whole = usePartyPersonalData(detail.dispute.id);
  const [shown, setShown] = useState<Record<string, { idNumber: string | null; phone: string | null }>>({});
  const reveal = async (partyId: string) => {
    try {
      const data = await whole.mutateAsync(partyId);
      setShown((s) => ({ ...s, [partyId]: { idNumber: data.idNumber, phone: data.phone } }));
    } catch (cause) {
      message.error(cause instanceof Error ? cause.message : String(cause));
    }
  };
  return (
    <Card
      title={t('d.detail.parties')}
      size="small"
      data-testid="dispute-parties"
      extra={detail.canReadPersonalData ? <span className="dp-muted">{t('d.party.wholeLogged')}</span> : null}
    >
      <Flex vertical gap={8}>
        {detail.parties.map((p) => {
          const w = shown[p.id];
          return (
            <div key={p.id} className="dp-box" data-testid={`dispute-party-${p.name}`}>
              <div className="dp-box-head">
                <Tag color={p.role === 'applicant' ? 'blue' : p.role === 'respondent' ? 'orange' : 'default'} style={{ marginInlineEnd: 0 }}>
                  {label(partyRoleLabels[p.role])}
                </Tag>
                <span className="dp-box-title">{p.name}</span>
                {p.kind === 'organisation' ? <Tag>{t('d.party.organisation')}</Tag> : null}
                {detail.canReadPersonalData && !w && (p.idNumber || p.phone) ? (
                  <Button size="small" type="link" onClick={() => void reveal(p.id)} data-testid={`party-reveal-${p.name}`} style={{ marginInlineStart: 'auto' }}>
                    {t('d.party.showWhole')}
                  </Button>
                ) : null}
              </div>
              <Flex gap={16} wrap className="dp-head-meta" style={{ marginTop: 4 }}>
                <span className="tabular" data-testid="party-id">
                  {t('common.labelValue', { label: t('d.party.idNumber'), value: (w ? w.idNumber : p.idNumber) ?? t('common.none') })}
                </span>
                <span className="tabular" data-testid="party-phone">
                  {t('common.labelValue', { label: t('d.party.phone'), value: (w ? w.phone : p.phone) ?? t('common.none') })}
                </span>
                {p.address ? <span>{t('common.labelValue', { label: t('d.party.address'), value: p.address })}</span> : null}
              </Flex>
            </div>
          );
        })}
      </Flex>
    </Card>
  );
}

function OutcomeCard({ detail }: { detail: DisputeDetail }) {
  const t = useT();
  const label = useLabel();
  const d = detail.dispute;
  if (!d.outcome && !d.evaluation) return null;
  const items = [
    ...(d.outcome ? [{ key: 'outcome', label: t('d.detail.outcome'), children: <Tag color={d.outcome === 'failed' ? 'volcano' : 'green'}>{label(disputeOutcomeLabels[d.outcome])}</Tag> }] : []),
    ...(d.performBy ? [{ key: 'performBy', label: t('d.detail.performBy'), children: <span className="tabular">{d.performBy}</span> }] : []),
    ...(d.performance ? [{ key: 'performance', label: t('d.detail.performance'), children: label(performanceLabels[d.performance]) }] : []),
    ...(d.judicialState
      ? [
          {
            key: 'judicial',
            label: t('d.detail.judicial'),
            children: (
              <span data-testid="dispute-judicial" data-judicial={d.judicialState}>
                {t(`d.judicial.${d.judicialState}` as MessageKey)}
                {d.judicialCaseNumber ? ` · ${d.judicialCaseNumber}` : ''}
              </span>
            ),
          },
        ]
      : []),
    ...(d.nextRoute ? [{ key: 'route', label: t('d.detail.nextRoute'), children: label(nextRouteLabels[d.nextRoute]) }] : []),
    ...(d.stabilityMeasure ? [{ key: 'stability', label: t('d.detail.stability'), children: d.stabilityMeasure, span: 'filled' as const }] : []),
    ...(d.resolution ? [{ key: 'resolution', label: t('d.detail.resolution'), children: <div className="dp-text">{d.resolution}</div>, span: 'filled' as const }] : []),
    ...(d.evaluation ? [{ key: 'evaluation', label: t('d.detail.evaluation'), children: d.evaluation, span: 'filled' as const }] : []),
  ];
  return (
    <Card title={t('d.detail.outcome')} size="small" data-testid="dispute-outcome">
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={items} />
    </Card>
  );
}

function SessionsCard({ detail, onRecord }: { detail: DisputeDetail; onRecord: (() => void) | null }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  return (
    <Card title={t('d.detail.sessions')} size="small" data-testid="dispute-sessions">
      {detail.sessions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('d.detail.noSessions')} />
      ) : (
        detail.sessions.map((s) => (
          <div key={s.id} className="dp-box" data-testid={`dispute-session-${s.seq}`} data-session-state={s.state}>
            <div className="dp-box-head">
              <span className="dp-box-title">{t('d.session.seq', { n: s.seq })}</span>
              <Tag color={s.mode === 'video' ? 'purple' : 'cyan'} style={{ marginInlineEnd: 0 }}>
                {t(s.mode === 'video' ? 'd.session.video' : 'd.session.on_site')}
              </Tag>
              <Tag color={s.state === 'held' ? 'success' : 'processing'} style={{ marginInlineEnd: 0 }}>
                {t(s.state === 'held' ? 'd.session.held' : 'd.session.scheduled')}
              </Tag>
              <span className="tabular dp-muted">{formatDateTime(s.heldAt ?? s.scheduledAt)}</span>
              {s.state === 'scheduled' && onRecord ? (
                <Button size="small" type="link" onClick={onRecord} style={{ marginInlineStart: 'auto' }}>
                  {t('d.session.recordThis')}
                </Button>
              ) : null}
            </div>
            {s.place ? <div className="dp-head-meta" style={{ marginTop: 4 }}>{t('common.labelValue', { label: t('d.act.place'), value: s.place })}</div> : null}
            {s.videoLink ? (
              <div style={{ marginTop: 4 }}>
                <a href={s.videoLink} target="_blank" rel="noreferrer" data-testid="session-video-link-open">
                  <Icon name="desktop" /> {t('d.session.join')}
                </a>{' '}
                <Typography.Text type="secondary" copyable={{ text: s.videoLink }} style={{ fontSize: 12, wordBreak: 'break-all' }}>
                  {s.videoLink}
                </Typography.Text>
              </div>
            ) : null}
            {s.attendees.length > 0 ? (
              <div className="dp-head-meta" style={{ marginTop: 4 }} data-testid="session-attendees">
                {t('d.session.attendees')}：{s.attendees.map((a) => `${a.name}（${t(`d.attendee.${a.role}` as MessageKey)}）`).join('、')}
              </div>
            ) : null}
            {s.record ? <div className="dp-text">{s.record}</div> : null}
          </div>
        ))
      )}
    </Card>
  );
}

function FollowUpsCard({ detail }: { detail: DisputeDetail }) {
  const t = useT();
  const label = useLabel();
  const formatDateTime = useFormatDateTime();
  return (
    <Card title={t('d.detail.followUps')} size="small" data-testid="dispute-follow-ups">
      {detail.followUps.length === 0 ? (
        <Typography.Text type="secondary">{t('d.detail.noFollowUps')}</Typography.Text>
      ) : (
        detail.followUps.map((f) => (
          <div key={f.id} className="dp-box" data-testid="follow-up" data-done={f.doneAt ? 'true' : 'false'}>
            <div className="dp-box-head">
              <Icon name={f.doneAt ? 'checkCircle' : 'clockCircle'} style={{ color: f.doneAt ? '#52c41a' : '#faad14' }} />
              <span className="tabular">{f.doneAt ? t('d.follow.done', { at: formatDateTime(f.doneAt) }) : t('d.follow.due', { date: f.dueOn })}</span>
              {f.method ? <Tag style={{ marginInlineEnd: 0 }}>{t(f.method === 'phone' ? 'd.follow.phone' : 'd.follow.visit')}</Tag> : null}
              {f.performance ? <Tag color={f.performance === 'performed' ? 'green' : 'orange'}>{label(performanceLabels[f.performance])}</Tag> : null}
            </div>
            {f.note ? <div className="dp-text">{f.note}</div> : null}
          </div>
        ))
      )}
    </Card>
  );
}

function ClocksCard({ detail }: { detail: DisputeDetail }) {
  const t = useT();
  const now = useNow();
  const formatDateTime = useFormatDateTime();
  return (
    <Card title={t('d.detail.clocks')} size="small" data-testid="dispute-clocks">
      {detail.clocks.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Flex vertical gap={10}>
          {detail.clocks.map((c) => (
            <div key={c.round} className="dp-clock">
              <Flex justify="space-between" align="center" gap={8}>
                <span className="dp-clock-kind">{t('d.detail.round', { n: c.round })}</span>
                {c.stoppedAt === null ? (
                  <DeadlineText
                    dueAt={c.dueAt}
                    warning={now >= new Date(c.dueAt).getTime() ? 'red' : now >= new Date(c.yellowAt).getTime() ? 'yellow' : 'none'}
                    compact
                  />
                ) : (
                  <Tag color={c.met ? 'success' : 'error'} style={{ marginInlineEnd: 0 }}>
                    {t(c.met ? 'd.detail.met' : 'd.detail.late')}
                  </Tag>
                )}
              </Flex>
              <div className="dp-clock-times tabular">
                <span>
                  {t('events.clock.started')} {formatDateTime(c.startedAt)}
                </span>
                <span>
                  {t('events.clock.due')} {formatDateTime(c.dueAt)}
                </span>
              </div>
            </div>
          ))}
        </Flex>
      )}
    </Card>
  );
}

function DisputeTimeline({ detail }: { detail: DisputeDetail }) {
  const t = useT();
  const label = useLabel();
  const formatDateTime = useFormatDateTime();
  const actionLabel = (action: string) => {
    if (action in disputeWorkflow) return label(disputeWorkflow[action as DisputeAction].label);
    return safeT(t, `d.timeline.${action}`, action);
  };
  return (
    <Timeline
      data-testid="dispute-timeline"
      items={[...detail.timeline].reverse().map((e, i) => ({
        key: `${e.at}-${i}`,
        color: e.action === 'refuse' || e.action === 'record_failure' || e.action === 'reopen' ? 'red' : e.toState === 'settled' || e.toState === 'closed' ? 'green' : 'blue',
        content: (
          <div data-testid="dispute-timeline-entry" data-action={e.action}>
            <Flex gap={8} wrap align="center">
              <b>{actionLabel(e.action)}</b>
              <span className="dp-muted">{e.actorName}</span>
              <span className="dp-muted tabular">{formatDateTime(e.at)}</span>
              {e.fromState !== e.toState ? <Tag style={{ marginInlineEnd: 0 }}>{label(disputeStateLabels[e.toState])}</Tag> : null}
            </Flex>
            {e.text ? <div className="dp-text">{e.text}</div> : null}
          </div>
        ),
      }))}
    />
  );
}

/** A timeline step outside the workflow (registration, warnings): its label when the dictionary has one. */
function safeT(t: (key: MessageKey) => string, key: string, fallback: string): string {
  // The dictionary answers undefined for a key it does not have.
  const text = t(key as MessageKey) as string | undefined;
  return text ?? fallback;
}
