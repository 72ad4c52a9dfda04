import type { ReactElement, ReactNode } from 'react';
import { Alert, App, Button, Flex } from 'antd';
import { Link } from 'react-router';
import type { EventDetail, EventState } from '@shizhi/domain';
import { Icon } from '../../components/icon.tsx';
import { useT } from '../../i18n/index.ts';
import { isStaleActionError, useMergeEvent } from '../../lib/events-api.ts';
import { useMe } from '../../lib/session.ts';

/** A report can join another case only before it is dispatched (the API's rule). */
const mergeableStates: ReadonlySet<EventState> = new Set(['reported', 'accepted']);

/**
 * Duplicates: the case this report looks like (with 合并到该案 for the owner centre), the case it
 * was merged into, and the reports merged into this one — whose reporters get this case's answer.
 */
export function RelatedCases({ detail }: { detail: EventDetail }) {
  const t = useT();
  const me = useMe().data;
  const { modal, message } = App.useApp();
  const merge = useMergeEvent(detail.event.id);
  const { suspectedDuplicateOf, mergedInto, merged } = detail.related;
  const ev = detail.event;
  const isOwner = Boolean(me?.assignments.some((a) => a.role === 'center_staff' && a.orgCode === ev.ownerOrgCode));

  const confirmMerge = (parent: { id: string; number: string }) =>
    modal.confirm({
      title: t('related.mergeConfirmTitle', { number: parent.number }),
      content: t('related.mergeConfirm', { child: ev.number, parent: parent.number }),
      okText: t('related.merge'),
      okButtonProps: { 'data-testid': 'event-merge-confirm' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await merge.mutateAsync({ parentId: parent.id, revision: ev.revision });
          message.success(t('related.merged', { number: parent.number }));
        } catch (cause) {
          if (isStaleActionError(cause)) message.warning(t('events.staleAction'));
          else message.error(cause instanceof Error ? cause.message : String(cause));
        }
      },
    });

  const alerts: ReactElement[] = [];
  if (mergedInto) {
    alerts.push(
      <Alert
        key="merged-into"
        type="info"
        showIcon
        data-testid="event-merged-into"
        title={withCase(t('related.mergedInto'), <CaseLink item={mergedInto} />)}
        description={t('related.mergedIntoHint')}
      />,
    );
  } else if (suspectedDuplicateOf) {
    const canMerge = isOwner && mergeableStates.has(ev.state);
    alerts.push(
      <Alert
        key="duplicate"
        type="warning"
        showIcon
        data-testid="event-duplicate"
        title={withCase(t('related.duplicateOf'), <CaseLink item={suspectedDuplicateOf} />)}
        description={t('related.duplicateHint')}
        action={
          canMerge ? (
            <Button
              size="small"
              icon={<Icon name="branches" />}
              loading={merge.isPending}
              data-testid="event-merge"
              onClick={() => confirmMerge(suspectedDuplicateOf)}
            >
              {t('related.mergeInto')}
            </Button>
          ) : undefined
        }
      />,
    );
  }
  if (merged.length > 0) {
    alerts.push(
      <Alert
        key="merged"
        type="info"
        showIcon
        data-testid="event-merged-list"
        title={t('related.mergedHere', { n: merged.length })}
        description={
          <Flex gap={12} wrap>
            {merged.map((item) => (
              <CaseLink key={item.id} item={item} />
            ))}
          </Flex>
        }
      />,
    );
  }
  if (alerts.length === 0) return null;
  return (
    <Flex vertical gap={8} style={{ marginTop: 12 }}>
      {alerts}
    </Flex>
  );
}

/** A sentence with the case number as a link where it says `{number}`. */
function withCase(text: string, link: ReactNode): ReactNode {
  const [before = '', after = ''] = text.split('{number}');
  return (
    <>
      {before}
      {link}
      {after}
    </>
  );
}

function CaseLink({ item }: { item: { id: string; number: string } }) {
  return (
    <Link to={`/events/${item.id}`} className="tabular" data-testid={`related-${item.number}`}>
      {item.number}
    </Link>
  );
}
