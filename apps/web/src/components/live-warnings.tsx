import { useCallback } from 'react';
import { App, Button } from 'antd';
import { useNavigate } from 'react-router';
import { useT, type MessageKey } from '../i18n/index.ts';
import { useLiveStream, type LiveWarning } from '../lib/live-stream.ts';
import { can, useMe } from '../lib/session.ts';
import { Icon } from './icon.tsx';

const clockLabels: Record<LiveWarning['kind'], MessageKey> = {
  accept: 'events.clock.accept',
  handle: 'events.clock.handle',
  verify: 'events.clock.verify',
};

const actionLabels: Record<LiveWarning['action'], MessageKey | null> = {
  none: null,
  supervise: 'live.supervised',
  escalate: 'live.escalated',
};

/**
 * 实时预警: while a signed-in user has the workbench or the phone pages open, each 黄牌/红牌 the
 * deadline engine fires in their scope pops up with the case number and a link to it.
 */
export function useLiveWarnings({
  eventPath,
  placement = 'bottomRight',
}: {
  eventPath: (eventId: string) => string;
  /** Phones show it across the top; the workbench in the lower corner, clear of the page's own buttons. */
  placement?: 'top' | 'bottomRight';
}): void {
  const t = useT();
  const me = useMe().data;
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const enabled = Boolean(me && can(me, 'events.view'));

  const show = useCallback(
    (warning: LiveWarning) => {
      const key = `live-${warning.eventId}-${warning.kind}-${warning.level}`;
      const red = warning.level === 'red';
      const action = actionLabels[warning.action];
      notification.open({
        key,
        type: red ? 'error' : 'warning',
        placement,
        title: t(red ? 'live.red' : 'live.yellow', { number: warning.number }),
        description: [t(red ? 'live.redText' : 'live.yellowText', { clock: t(clockLabels[warning.kind]) }), action ? t(action) : null]
          .filter(Boolean)
          .join(' '),
        // A red card waits until it is read; a yellow one goes by itself.
        duration: red ? 0 : 10,
        actions: (
          <Button
            type="primary"
            size="small"
            icon={<Icon name="arrowRight" />}
            data-testid="live-warning-open"
            onClick={() => {
              notification.destroy(key);
              void navigate(eventPath(warning.eventId));
            }}
          >
            {t('live.open')}
          </Button>
        ),
        props: { 'data-testid': 'live-warning' },
      });
    },
    [notification, navigate, eventPath, placement, t],
  );

  useLiveStream(enabled, show);
}
