import { Tag } from 'antd';
import { eventStateLabels, type EventState } from '@shizhi/domain';
import { useLabel } from '../i18n/index.ts';

const stateColors: Record<EventState, string> = {
  reported: 'gold',
  rejected: 'default',
  accepted: 'orange',
  dispatched: 'cyan',
  in_progress: 'processing',
  suspended: 'purple',
  feedback: 'geekblue',
  closed: 'success',
  evaluated: 'green',
};

export function EventStateTag({ state, large = false }: { state: EventState; large?: boolean }) {
  const label = useLabel();
  return (
    <Tag
      color={stateColors[state]}
      data-state={state}
      style={{ marginInlineEnd: 0, ...(large ? { fontSize: 14, lineHeight: '24px', paddingInline: 10 } : {}) }}
    >
      {label(eventStateLabels[state])}
    </Tag>
  );
}
