import { Image } from 'antd';
import type { EventDetail } from '@shizhi/domain';
import { useFormatDateTime, useT } from '../i18n/index.ts';
import { useTimelineActionLabel } from './event-timeline.tsx';
import './event-ui.css';

type Attachment = EventDetail['attachments'][number];

/** The photos of a case, grouped by the step that added them (the report, a feedback …), oldest first. */
export function EventPhotos({ attachments, size = 104, testId = 'event-photos' }: { attachments: readonly Attachment[]; size?: number; testId?: string }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const actionLabel = useTimelineActionLabel();
  const groups: { key: string; step: string; at: string; items: Attachment[] }[] = [];
  for (const attachment of attachments) {
    const last = groups.at(-1);
    if (last && last.step === attachment.step && last.at === attachment.addedAt) last.items.push(attachment);
    else groups.push({ key: `${attachment.step}-${attachment.addedAt}`, step: attachment.step, at: attachment.addedAt, items: [attachment] });
  }
  return (
    <div className="ev-photos" data-testid={testId} data-count={attachments.length}>
      <Image.PreviewGroup>
        {groups.map((group) => (
          <div className="ev-photo-group" key={group.key}>
            <div className="ev-photo-caption">
              {actionLabel(group.step)} · <span className="tabular">{formatDateTime(group.at)}</span>
            </div>
            <div className="ev-photo-row">
              {group.items.map((attachment, index) => (
                <Image
                  key={attachment.id}
                  src={attachment.url}
                  width={size}
                  height={size}
                  alt={t('events.photoAlt', { step: actionLabel(group.step), n: index + 1 })}
                  loading="lazy"
                  data-testid="event-photo"
                  data-step={group.step}
                  styles={{ image: { objectFit: 'cover', borderRadius: 8 }, root: { borderRadius: 8, overflow: 'hidden' } }}
                />
              ))}
            </div>
          </div>
        ))}
      </Image.PreviewGroup>
    </div>
  );
}
