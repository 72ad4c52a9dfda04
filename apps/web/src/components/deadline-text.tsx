import { Tooltip } from 'antd';
import { useFormatDateTime, useT, type Translate } from '../i18n/index.ts';
import { useNow } from '../lib/use-now.ts';
import { Icon } from './icon.tsx';
import './event-ui.css';

export type Warning = 'none' | 'yellow' | 'red';

/** "2天3小时", "3小时20分", "12分钟" (rounded down to the minute, never below one minute). */
export function formatSpan(ms: number, t: Translate): string {
  const minutes = Math.max(1, Math.floor(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return t('deadline.dayHour', { d: days, h: hours });
  if (hours > 0) return t('deadline.hourMinute', { h: hours, m: rest });
  return t('deadline.minute', { m: rest });
}

/** A running deadline: the time left (or past), coloured by the warning the API computed. */
export function DeadlineText({ dueAt, warning, compact = false }: { dueAt: string | null; warning: Warning; compact?: boolean }) {
  const t = useT();
  const now = useNow();
  const formatDateTime = useFormatDateTime();
  if (!dueAt) return <span className="deadline deadline-empty">{t('deadline.none')}</span>;
  const left = new Date(dueAt).getTime() - now;
  // The API's warning is the rule; the clock only decides the wording between refreshes.
  const level: Warning = left <= 0 ? 'red' : warning;
  const text = left <= 0 ? t('deadline.overdue', { time: formatSpan(left, t) }) : t('deadline.left', { time: formatSpan(left, t) });
  return (
    <Tooltip title={t('deadline.dueAt', { time: formatDateTime(dueAt) })}>
      <span className={`deadline deadline-${level}`} data-warning={level}>
        {level !== 'none' ? <Icon name={level === 'red' ? 'warning' : 'clockCircle'} /> : null}
        <span>{text}</span>
        {compact ? null : <span className="deadline-due">{formatDateTime(dueAt)}</span>}
      </span>
    </Tooltip>
  );
}
