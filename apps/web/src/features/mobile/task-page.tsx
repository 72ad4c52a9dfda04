import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Tag } from 'antd';
import { useParams } from 'react-router';
import { eventWorkflow, type EventAction, type EventActionRequest, type EventDetail } from '@shizhi/domain';
import { DeadlineText } from '../../components/deadline-text.tsx';
import { EventLocationMap } from '../../components/event-location-map.tsx';
import { EventPhotos } from '../../components/event-photos.tsx';
import { EventStateTag } from '../../components/event-state-tag.tsx';
import { EventTimeline } from '../../components/event-timeline.tsx';
import { H5Card, H5Page } from '../../components/h5-layout.tsx';
import { ErrorBlock, LoadingBlock } from '../../components/page-states.tsx';
import { PhotoPicker, PhotoUploadBar, releasePhotos, type PickedPhoto } from '../../components/photo-picker.tsx';
import { useFormatDateTime, useLabel, useT } from '../../i18n/index.ts';
import { isApiError } from '../../lib/api-client.ts';
import { actionTextLabels } from '../../lib/event-labels.ts';
import { isStaleActionError, useEventAction, useEventDetail } from '../../lib/events-api.ts';
import { useGridCollection } from '../../lib/org-queries.ts';
import { uploadPhoto, uploadPhotos, type PhotoUploadProgress } from '../../lib/photos.ts';
import { usePublicConfig } from '../../lib/session.ts';

/** What a grid worker does from the phone; anything else (dispatch, verify …) belongs to the workbench. */
const phoneActions: readonly EventAction[] = [
  'sign',
  'self_handle',
  'progress',
  'feedback',
  'answer_co_task',
  'request_extension',
  'escalate',
];
const primaryPhoneActions: ReadonlySet<EventAction> = new Set(['sign', 'feedback', 'self_handle']);
/** Steps that say what was done on the spot, so a photo of it belongs with them. */
const photoActions: ReadonlySet<EventAction> = new Set(['feedback', 'self_handle', 'progress', 'answer_co_task']);

export function MobileTaskPage() {
  const t = useT();
  const { id } = useParams();
  const detail = useEventDetail(id);
  return (
    <H5Page title={t('m.taskTitle')} backTo="/m/tasks" testId="m-task-page">
      {detail.isPending ? (
        <H5Card>
          <LoadingBlock minHeight={240} />
        </H5Card>
      ) : detail.isError ? (
        <ErrorBlock error={detail.error} onRetry={() => void detail.refetch()} />
      ) : (
        <MobileTask detail={detail.data} />
      )}
    </H5Page>
  );
}

function MobileTask({ detail }: { detail: EventDetail }) {
  const t = useT();
  const label = useLabel();
  const formatDateTime = useFormatDateTime();
  const config = usePublicConfig();
  const ev = detail.event;
  const grid = useGridCollection(ev.gridCode ?? undefined);
  const [action, setAction] = useState<EventAction | null>(null);
  const actions = phoneActions.filter((a) => detail.allowedActions.includes(a));
  const point = ev.lng !== null && ev.lat !== null ? { lng: ev.lng, lat: ev.lat } : null;

  return (
    <div data-testid="m-event-detail" data-state={ev.state} data-number={ev.number} style={{ display: 'contents' }}>
      <H5Card>
        <div className="m-task-top">
          <EventStateTag state={ev.state} large />
          <Tag style={{ marginInlineEnd: 0 }}>{ev.categoryName}</Tag>
        </div>
        <div className="m-task-title" style={{ fontSize: 18 }}>
          {ev.title}
        </div>
        <div className="h5-row">
          <span>{t('events.number')}</span>
          <span className="tabular">{ev.number}</span>
        </div>
        <div className="h5-row">
          <span>{t('events.deadline')}</span>
          <span>
            <DeadlineText dueAt={ev.dueAt} warning={ev.warning} compact />
          </span>
        </div>
        <div className="h5-row">
          <span>{t('events.reportedAt')}</span>
          <span className="tabular">{formatDateTime(ev.reportedAt)}</span>
        </div>
        <div className="h5-row">
          <span>{t('events.owner')}</span>
          <span>{ev.ownerOrgName}</span>
        </div>
        {ev.address ? (
          <div className="h5-row">
            <span>{t('common.address')}</span>
            <span>{ev.address}</span>
          </div>
        ) : null}
        {ev.reporterName ? (
          <div className="h5-row">
            <span>{t('events.reporter')}</span>
            <span>
              {ev.reporterName} {ev.reporterPhone ?? ''}
            </span>
          </div>
        ) : null}
      </H5Card>

      <H5Card title={t('events.description')} icon="edit">
        <div className="m-desc">{ev.description}</div>
      </H5Card>

      {detail.attachments.length > 0 ? (
        <H5Card title={t('events.photos')} icon="camera" extra={t('events.photoCount', { n: detail.attachments.length })}>
          <EventPhotos attachments={detail.attachments} size={96} testId="m-event-photos" />
        </H5Card>
      ) : null}

      {point || ev.gridCode ? (
        <H5Card title={t('events.location')} icon="environment">
          <EventLocationMap
            point={point}
            collection={grid.data ?? null}
            highlightCode={ev.gridCode}
            tileUrl={config.data?.mapTileUrl ?? null}
            height={200}
          />
        </H5Card>
      ) : null}

      <H5Card title={t('events.timeline')} icon="fieldTime">
        <EventTimeline entries={detail.timeline} />
      </H5Card>

      {actions.length > 0 ? (
        <div className="m-action-bar" data-testid="m-actions">
          {actions.map((a) => (
            <Button
              key={a}
              type={primaryPhoneActions.has(a) ? 'primary' : 'default'}
              danger={a === 'escalate'}
              data-testid={`event-action-${a}`}
              onClick={() => setAction(a)}
            >
              {label(eventWorkflow[a].label)}
            </Button>
          ))}
        </div>
      ) : (
        <div className="h5-muted" style={{ textAlign: 'center' }} data-testid="event-no-actions">
          {detail.allowedActions.length > 0 ? t('m.onDesktop') : t('events.noActions')}
        </div>
      )}

      {action ? <ActionSheet detail={detail} action={action} onClose={() => setAction(null)} /> : null}
    </div>
  );
}

/**
 * A bottom sheet for one step: the note it needs, photos where they belong, and one big button. The
 * photos go up first (POST /api/files, with progress), then the step names them; this needs the
 * network (unlike a new report, a step is not queued). A failed upload sends nothing and says so;
 * pressing again sends only the photos not yet uploaded.
 */
function ActionSheet({ detail, action, onClose }: { detail: EventDetail; action: EventAction; onClose: () => void }) {
  const t = useT();
  const label = useLabel();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ text?: string; extensionDays?: number }>();
  const mutation = useEventAction(detail.event.id);
  const rule = eventWorkflow[action];
  const actionLabel = label(rule.label);
  const withPhotos = photoActions.has(action);
  const [photos, setPhotos] = useState<readonly PickedPhoto[]>([]);
  const [photosBusy, setPhotosBusy] = useState(false);
  const [upload, setUpload] = useState<PhotoUploadProgress | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const uploaded = useRef(new Map<string, string>());
  const photosRef = useRef(photos);
  photosRef.current = photos;
  useEffect(() => () => releasePhotos(photosRef.current), []);
  const sending = upload !== null || mutation.isPending;

  const send = async (values: { text?: string; extensionDays?: number }) => {
    setFailure(null);
    let photoIds: string[] = [];
    if (withPhotos && photos.length > 0) {
      try {
        photoIds = await uploadPhotos(photos, uploadPhoto, uploaded.current, setUpload);
      } catch (cause) {
        setFailure(t('m.action.photoFailed', { message: cause instanceof Error ? cause.message : String(cause) }));
        return;
      } finally {
        setUpload(null);
      }
    }
    const request: EventActionRequest = {
      action,
      revision: detail.event.revision,
      ...(values.text?.trim() ? { text: values.text.trim() } : {}),
      ...(action === 'request_extension' ? { extensionDays: values.extensionDays ?? 1 } : {}),
      ...(photoIds.length > 0 ? { photos: photoIds } : {}),
    };
    try {
      await mutation.mutateAsync(request);
      message.success(t('events.actionDone', { action: actionLabel }));
      onClose();
    } catch (cause) {
      if (isStaleActionError(cause)) {
        message.warning(t('events.staleAction'));
        onClose();
      } else if (isApiError(cause) && cause.field === 'text') {
        form.setFields([{ name: 'text', errors: [cause.message] }]);
      } else {
        setFailure(cause instanceof Error ? cause.message : String(cause));
      }
    }
  };

  const submit = async () => {
    const values = await form.validateFields();
    if (action !== 'escalate') return send(values);
    modal.confirm({
      title: t('events.confirmTitle', { action: actionLabel }),
      content: t('events.confirmEscalate'),
      okText: actionLabel,
      okButtonProps: { danger: true, 'data-testid': 'event-action-confirm' },
      cancelText: t('common.cancel'),
      onOk: () => send(values),
    });
  };

  return (
    <Drawer
      open
      placement="bottom"
      size="auto"
      title={actionLabel}
      onClose={onClose}
      closable={!sending}
      maskClosable={!sending}
      keyboard={!sending}
      destroyOnHidden
      styles={{ body: { paddingBottom: 'calc(16px + env(safe-area-inset-bottom))' } }}
    >
      <Form form={form} layout="vertical" initialValues={{ extensionDays: 3 }} data-testid="event-action-modal" data-action={action}>
        {action === 'request_extension' ? (
          <Form.Item name="extensionDays" label={t('events.extension.days')} rules={[{ required: true }]}>
            <InputNumber min={1} max={30} precision={0} size="large" suffix={t('events.extension.unit')} style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        {rule.needsText ? (
          <Form.Item
            name="text"
            label={t(actionTextLabels[action] ?? 'events.text.note')}
            rules={[{ required: true, whitespace: true, message: t('events.textRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={4000} placeholder={t('events.textPlaceholder')} data-testid="event-action-text" />
          </Form.Item>
        ) : (
          <p style={{ fontSize: 16 }}>{t('events.confirmPlain', { action: actionLabel, number: detail.event.number })}</p>
        )}
        {withPhotos ? (
          <div className="m-action-photos" data-testid="event-action-photos">
            <div className="m-action-photos-label">
              {t('m.photos.title')} <span className="h5-muted">{t('m.action.photosHint')}</span>
            </div>
            <PhotoPicker photos={photos} onChange={setPhotos} onBusyChange={setPhotosBusy} disabled={sending} />
            {upload ? <PhotoUploadBar progress={upload} testId="event-action-upload" /> : null}
          </div>
        ) : null}
        {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} data-testid="event-action-error" /> : null}
        <Button
          type="primary"
          block
          danger={action === 'escalate'}
          className="h5-big-button"
          loading={sending}
          disabled={photosBusy}
          onClick={() => void submit().catch(() => undefined)}
          data-testid="event-action-submit"
        >
          {photosBusy ? t('m.photos.preparing') : actionLabel}
        </Button>
      </Form>
    </Drawer>
  );
}
