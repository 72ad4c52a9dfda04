import { Empty, Timeline } from 'antd';
import { eventWorkflow, type EventAction, type EventState } from '@shizhi/domain';
import { useFormatDateTime, useLabel, useT, type MessageKey } from '../i18n/index.ts';
import { EventStateTag } from './event-state-tag.tsx';
import './event-ui.css';

export interface TimelineEntry {
  at: string;
  action: string;
  toState: EventState;
  actorName?: string | null;
  text?: string | null;
}

function isWorkflowAction(action: string): action is EventAction {
  return action in eventWorkflow;
}

const redActions = new Set<string>(['reject', 'verify_fail', 'escalate', 'deny_extension', 'warning_red', 'supervise']);
const greenActions = new Set<string>(['verify_pass', 'rate', 'revisit', 'self_handle', 'feedback', 'supervision_answered', 'close_with_parent']);
const grayActions = new Set<string>(['merge']);
const goldActions = new Set<string>(['warning_yellow']);

/** Steps that are not workflow actions: the filing, and what the system and the centres above do. */
const otherActionLabels: Record<string, MessageKey> = {
  report: 'events.action.report',
  warning_yellow: 'events.action.warningYellow',
  warning_red: 'events.action.warningRed',
  supervise: 'events.action.supervise',
  supervision_answered: 'events.action.supervisionAnswered',
  merge: 'events.action.merge',
  close_with_parent: 'events.action.closeWithParent',
  to_dispute: 'd.timeline.to_dispute',
};

/** The name the API writes for steps nobody took by hand (deadline warnings, automatic escalation). */
const systemActorName = '系统';

/** The label of a timeline step: the workflow's own, or one of the steps around the workflow. */
export function useTimelineActionLabel(): (action: string, actorName?: string | null) => string {
  const t = useT();
  const label = useLabel();
  return (action, actorName) => {
    // A red card of an "escalate" category moves the case up by itself (超期自动上报).
    if (action === 'escalate' && actorName === systemActorName) return t('events.action.autoEscalate');
    if (isWorkflowAction(action)) return label(eventWorkflow[action].label);
    const key = otherActionLabels[action];
    return key ? t(key) : action;
  };
}

function dotColor(action: string): string {
  if (redActions.has(action)) return 'red';
  if (greenActions.has(action)) return 'green';
  if (grayActions.has(action)) return 'gray';
  if (goldActions.has(action)) return '#faad14';
  return 'blue';
}

/** The case history, oldest first, so the newest step is at the bottom like a conversation. */
export function EventTimeline({ entries, testId = 'event-timeline' }: { entries: readonly TimelineEntry[]; testId?: string }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const actionLabel = useTimelineActionLabel();
  if (entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('events.timelineEmpty')} />;
  return (
    <div data-testid={testId}>
      <Timeline
        items={entries.map((entry, index) => ({
          key: `${entry.at}-${index}`,
          color: dotColor(entry.action),
          content: (
            <div data-testid="event-timeline-item" data-action={entry.action}>
              <div className="et-head">
                <span className="et-action">{actionLabel(entry.action, entry.actorName)}</span>
                <EventStateTag state={entry.toState} />
              </div>
              <div className="et-meta">
                {formatDateTime(entry.at)}
                {entry.actorName ? ` · ${entry.actorName}` : ''}
              </div>
              {entry.text ? <div className="et-text">{entry.text}</div> : null}
            </div>
          ),
        }))}
      />
    </div>
  );
}
