import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Row, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { eventWorkflow, type EventAction, type EventDetail, type TimeLimit } from '@shizhi/domain';
import { DeadlineText, type Warning } from '../../components/deadline-text.tsx';
import { EventDisputeCard } from '../../components/event-dispute-card.tsx';
import { EventLocationMap } from '../../components/event-location-map.tsx';
import { EventPhotos } from '../../components/event-photos.tsx';
import { EventStateTag } from '../../components/event-state-tag.tsx';
import { EventTimeline } from '../../components/event-timeline.tsx';
import { Icon } from '../../components/icon.tsx';
import { ErrorBlock, LoadingBlock, NotFoundResult } from '../../components/page-states.tsx';
import { useFormatDateTime, useLabel, useT, type MessageKey, type Translate } from '../../i18n/index.ts';
import { isApiError } from '../../lib/api-client.ts';
import { ratingLabel, sourceLabels } from '../../lib/event-labels.ts';
import { useEventDetail } from '../../lib/events-api.ts';
import { useGridCollection } from '../../lib/org-queries.ts';
import { useNow } from '../../lib/use-now.ts';
import { usePublicConfig } from '../../lib/session.ts';
import { EventActionModal, confirmedActions } from './event-action-modal.tsx';
import { RelatedCases } from './related-cases.tsx';
import { SupervisionCard } from './supervision-card.tsx';
import './events.css';

/** The step that moves the case forward is the primary button; the ones that turn it back are red. */
const primaryActions: ReadonlySet<EventAction> = new Set([
  'accept',
  'dispatch',
  'sign',
  'feedback',
  'verify_pass',
  'resume',
  'approve_extension',
  'rate',
  'revisit',
]);
const dangerActions: ReadonlySet<EventAction> = new Set([...confirmedActions, 'verify_fail', 'deny_extension']);

const taskStateLabels: Record<EventDetail['tasks'][number]['state'], MessageKey> = {
  open: 'events.task.open',
  signed: 'events.task.signed',
  answered: 'events.task.answered',
  closed: 'events.task.closed',
};

const clockLabels: Record<EventDetail['clocks'][number]['kind'], MessageKey> = {
  accept: 'events.clock.accept',
  handle: 'events.clock.handle',
  verify: 'events.clock.verify',
};

function limitText(limit: TimeLimit, t: Translate): string {
  const keys: Record<TimeLimit['unit'], MessageKey> = {
    hours: 'limit.hours',
    workingHours: 'limit.workingHours',
    workingDays: 'limit.workingDays',
    naturalDays: 'limit.naturalDays',
  };
  return t(keys[limit.unit], { n: limit.value });
}

export function EventDetailPage() {
  const t = useT();
  const { id } = useParams();
  const detail = useEventDetail(id);

  if (detail.isPending) return <LoadingBlock />;
  if (detail.isError) {
    if (isApiError(detail.error) && (detail.error.status === 404 || detail.error.status === 400)) {
      return (
        <NotFoundResult
          detail={detail.error.message}
          extra={
            <Link to="/events">
              <Button type="primary">{t('events.backToList')}</Button>
            </Link>
          }
        />
      );
    }
    return <ErrorBlock error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  return <EventDetailView detail={detail.data} refreshing={detail.isFetching} onRefresh={() => void detail.refetch()} />;
}

function EventDetailView({ detail, refreshing, onRefresh }: { detail: EventDetail; refreshing: boolean; onRefresh: () => void }) {
  const t = useT();
  const label = useLabel();
  const formatDateTime = useFormatDateTime();
  const [action, setAction] = useState<EventAction | null>(null);
  const ev = detail.event;

  return (
    <div data-testid="event-detail" data-state={ev.state} data-number={ev.number}>
      <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
        <Link to="/events">
          <Button type="link" icon={<Icon name="left" />} style={{ paddingInline: 0 }}>
            {t('events.backToList')}
          </Button>
        </Link>
      </Flex>

      <Card className="ev-head" style={{ marginBottom: 16 }}>
        <Flex justify="space-between" gap={16} wrap align="flex-start">
          <div style={{ minWidth: 0, flex: '1 1 420px' }}>
            <Flex gap={8} align="center" wrap>
              <span className="ev-number tabular" data-testid="event-number">
                {ev.number}
              </span>
              <EventStateTag state={ev.state} large />
              <Tag variant="outlined" style={{ marginInlineEnd: 0 }}>
                {ev.categoryName}
              </Tag>
              {ev.warning !== 'none' ? (
                <Tag color={ev.warning === 'red' ? 'red' : 'gold'} variant="solid" data-testid="event-warning" data-warning={ev.warning}>
                  {t(ev.warning === 'red' ? 'events.warning.red' : 'events.warning.yellow')}
                </Tag>
              ) : null}
              {detail.related.mergedInto ? (
                <Tag color="default" data-testid="event-merged-tag">
                  {t('related.mergedTag')}
                </Tag>
              ) : null}
              {ev.reworkCount > 0 ? <Tag color="volcano">{t('events.reworkTimes', { n: ev.reworkCount })}</Tag> : null}
            </Flex>
            <Typography.Title level={4} className="ev-title">
              {ev.title}
            </Typography.Title>
            <Flex gap={16} wrap className="ev-head-meta">
              <span>{t('common.labelValue', { label: t('events.owner'), value: ev.ownerOrgName })}</span>
              <span className="tabular">
                {t('common.labelValue', { label: t('events.reportedAt'), value: formatDateTime(ev.reportedAt) })}
              </span>
              {ev.dueAt ? (
                <span>
                  {t('common.labelValue', { label: t('events.currentDeadline'), value: '' })}
                  <DeadlineText dueAt={ev.dueAt} warning={ev.warning} compact />
                </span>
              ) : null}
            </Flex>
          </div>
          <Flex vertical gap={8} className="ev-actions">
            <Flex gap={8} wrap className="ev-actions-buttons" data-testid="event-actions">
              {detail.allowedActions.map((a) => (
                <Button
                  key={a}
                  data-testid={`event-action-${a}`}
                  type={primaryActions.has(a) ? 'primary' : 'default'}
                  danger={dangerActions.has(a)}
                  onClick={() => setAction(a)}
                >
                  {label(eventWorkflow[a].label)}
                </Button>
              ))}
              <Button icon={<Icon name="reload" />} onClick={onRefresh} loading={refreshing} aria-label={t('events.refresh')} />
            </Flex>
            {detail.allowedActions.length === 0 ? (
              <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="event-no-actions">
                {t('events.noActions')}
              </Typography.Text>
            ) : null}
          </Flex>
        </Flex>
        {ev.pendingExtensionDays !== null && ev.state === 'in_progress' ? (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            title={t('events.extension.pending', { n: ev.pendingExtensionDays })}
          />
        ) : null}
        <RelatedCases detail={detail} />
        <EventDisputeCard detail={detail} />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <SupervisionCard detail={detail} />
            <Card title={t('events.info')} size="small">
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2 }}
                items={[
                  { key: 'number', label: t('events.number'), children: <span className="tabular">{ev.number}</span> },
                  { key: 'category', label: t('events.category'), children: ev.categoryName },
                  { key: 'source', label: t('events.source'), children: t(sourceLabels[ev.source]) },
                  { key: 'owner', label: t('events.owner'), children: ev.ownerOrgName },
                  { key: 'address', label: t('common.address'), children: ev.address ?? t('common.none'), span: 'filled' },
                  { key: 'reporter', label: t('events.reporter'), children: ev.reporterName ?? t('common.none') },
                  {
                    key: 'phone',
                    label: t('events.reporterPhone'),
                    children: <span className="tabular">{ev.reporterPhone ?? t('common.none')}</span>,
                  },
                  {
                    key: 'tracking',
                    label: t('events.trackingCode'),
                    children: (
                      <Typography.Text copyable className="tabular">
                        {ev.trackingCode}
                      </Typography.Text>
                    ),
                  },
                  {
                    key: 'rating',
                    label: t('events.rating'),
                    children: t(ratingLabel(ev.rating) ?? 'common.none'),
                  },
                ]}
              />
              <div className="ev-desc-label">{t('events.description')}</div>
              <div className="ev-desc" data-testid="event-description">
                {ev.description}
              </div>
            </Card>

            {detail.attachments.length > 0 ? (
              <Card
                title={t('events.photos')}
                size="small"
                extra={<span className="ev-muted">{t('events.photoCount', { n: detail.attachments.length })}</span>}
              >
                <EventPhotos attachments={detail.attachments} />
              </Card>
            ) : null}

            <Card title={t('events.tasks')} size="small" data-testid="event-tasks">
              {detail.tasks.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('events.noTasks')} />
              ) : (
                <Flex vertical gap={10}>
                  {detail.tasks.map((task) => (
                    <div key={task.id} className={task.state === 'closed' ? 'ev-task is-closed' : 'ev-task'}>
                      <Flex gap={8} align="center" wrap>
                        <Tag color={task.kind === 'lead' ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
                          {task.kind === 'lead' ? t('events.task.lead') : t('events.task.co')}
                        </Tag>
                        <span className="ev-task-org">{task.assigneeOrgName}</span>
                        <Tag
                          style={{ marginInlineStart: 'auto', marginInlineEnd: 0 }}
                          color={task.state === 'answered' ? 'success' : task.state === 'signed' ? 'processing' : 'default'}
                        >
                          {t(taskStateLabels[task.state])}
                        </Tag>
                      </Flex>
                      {task.answer ? <div className="et-text">{task.answer}</div> : null}
                    </div>
                  ))}
                </Flex>
              )}
            </Card>

            <Card title={t('events.timeline')} size="small">
              <EventTimeline entries={detail.timeline} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16}>
            <Card title={t('events.location')} size="small">
              <EventMapCard detail={detail} />
            </Card>
            <Card title={t('events.clocks')} size="small" data-testid="event-clocks">
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 8 }}>
                {t('events.limits', {
                  accept: limitText(ev.rules.limits.accept, t),
                  handle: limitText(ev.rules.limits.handle, t),
                  verify: limitText(ev.rules.limits.verify, t),
                })}
              </Typography.Text>
              <Clocks clocks={detail.clocks} />
            </Card>
          </Flex>
        </Col>
      </Row>

      {action ? <EventActionModal key={action} detail={detail} action={action} onClose={() => setAction(null)} /> : null}
    </div>
  );
}

function EventMapCard({ detail }: { detail: EventDetail }) {
  const t = useT();
  const config = usePublicConfig();
  const ev = detail.event;
  const grid = useGridCollection(ev.gridCode ?? undefined);
  const point = ev.lng !== null && ev.lat !== null ? { lng: ev.lng, lat: ev.lat } : null;
  const feature = grid.data?.features.find((f) => f.properties.code === ev.gridCode);
  if (!point && !ev.gridCode) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('events.noLocation')} />;
  }
  if (ev.gridCode && grid.isPending) return <LoadingBlock minHeight={240} />;
  return (
    <>
      <EventLocationMap
        point={point}
        collection={grid.data ?? null}
        highlightCode={ev.gridCode}
        tileUrl={config.data?.mapTileUrl ?? null}
        height={260}
      />
      <div className="ev-map-caption">
        {feature ? <span>{feature.properties.name}</span> : null}
        {point ? (
          <span className="tabular">
            {point.lng.toFixed(6)}, {point.lat.toFixed(6)}
          </span>
        ) : null}
      </div>
    </>
  );
}

function Clocks({ clocks }: { clocks: EventDetail['clocks'] }) {
  const t = useT();
  const now = useNow();
  const formatDateTime = useFormatDateTime();
  if (clocks.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Flex vertical gap={10}>
      {clocks.map((clock, index) => {
        const running = clock.stoppedAt === null;
        const warning: Warning =
          now >= new Date(clock.dueAt).getTime() ? 'red' : now >= new Date(clock.yellowAt).getTime() ? 'yellow' : 'none';
        return (
          <div key={`${clock.kind}-${index}`} className="ev-clock" data-testid={`event-clock-${clock.kind}`}>
            <Flex justify="space-between" align="center" gap={8}>
              <span className="ev-clock-kind">{t(clockLabels[clock.kind])}</span>
              {running ? (
                <DeadlineText dueAt={clock.dueAt} warning={warning} compact />
              ) : clock.met ? (
                <Tag color="success" style={{ marginInlineEnd: 0 }}>
                  {t('events.clock.met')}
                </Tag>
              ) : (
                <Tag color="error" style={{ marginInlineEnd: 0 }}>
                  {t('events.clock.overdue')}
                </Tag>
              )}
            </Flex>
            <div className="ev-clock-times tabular">
              <span>
                {t('events.clock.started')} {formatDateTime(clock.startedAt)}
              </span>
              <span>
                {t('events.clock.due')} {formatDateTime(clock.dueAt)}
              </span>
              {clock.stoppedAt ? (
                <span>
                  {t('events.clock.stopped')} {formatDateTime(clock.stoppedAt)}
                </span>
              ) : null}
            </div>
          </div>
        );
      })}
    </Flex>
  );
}
