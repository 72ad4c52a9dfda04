import { Empty, Timeline } from 'antd';
import { eventWorkflow, type EventAction, type EventState } from '@shizhi/domain';
import { useFormatDateTime, useLabel, useT } from '../i18n/index.ts';
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

const redActions = new Set<string>(['reject', 'verify_fail', 'escalate', 'deny_extension']);
const greenActions = new Set<string>(['verify_pass', 'rate', 'revisit', 'self_handle', 'feedback']);

/** The label of a timeline step: the workflow's own, or 上报 for the filing that opens every case. */
export function useTimelineActionLabel(): (action: string) => string {
  const t = useT();
  const label = useLabel();
  return (action) => {
    if (isWorkflowAction(action)) return label(eventWorkflow[action].label);
    if (action === 'report') return t('events.action.report');
    return action;
  };
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
          color: redActions.has(entry.action) ? 'red' : greenActions.has(entry.action) ? 'green' : 'blue',
          content: (
            <div data-testid="event-timeline-item" data-action={entry.action}>
              <div className="et-head">
                <span className="et-action">{actionLabel(entry.action)}</span>
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
