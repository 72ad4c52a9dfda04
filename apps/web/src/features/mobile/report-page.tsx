import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Empty, Form, Input, Progress, Segmented, Select, Tag } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { GridCollection, Me, ReportEvent } from '@shizhi/domain';
import { CategoryPicker } from '../../components/category-picker.tsx';
import { EventLocationMap } from '../../components/event-location-map.tsx';
import { H5Card, H5Page } from '../../components/h5-layout.tsx';
import { Icon } from '../../components/icon.tsx';
import { ErrorBlock, LoadingBlock } from '../../components/page-states.tsx';
import { useFormatDateTime, useT, type MessageKey } from '../../i18n/index.ts';
import { useEventCategories } from '../../lib/events-api.ts';
import { maxReportPhotos } from '../../lib/photos.ts';
import { pointInGrid } from '../../lib/geo.ts';
import { readDevicePoint, GeolocationError, type DevicePoint, type GeolocationFailure } from '../../lib/geolocation.ts';
import { gridCollectionQuery, useOrgRoots } from '../../lib/org-queries.ts';
import { useMe, usePublicConfig } from '../../lib/session.ts';
import { useOnline } from '../../lib/use-online.ts';
import {
  outboxFor,
  useOutboxItems,
  useOutboxLoaded,
  useOutboxProgress,
  type OutboxItem,
  type OutboxProgress,
  type OutboxStatus,
} from './outbox.ts';
import { PhotoPicker, releasePhotos, type PickedPhoto } from '../../components/photo-picker.tsx';

type Position =
  | { status: 'locating' }
  | { status: 'ok'; point: DevicePoint }
  | { status: 'failed'; reason: GeolocationFailure };

type LocationMode = 'gps' | 'grid';

interface MobileReportForm {
  categoryCode: string;
  description: string;
  address?: string;
}

const failureText: Record<GeolocationFailure, MessageKey> = {
  unsupported: 'm.loc.unsupported',
  denied: 'm.loc.denied',
  unavailable: 'm.loc.unavailable',
  timeout: 'm.loc.timeout',
};

/** 上报事件 from the phone: the device's point (or the worker's grid), queued so nothing is lost offline. */
export function MobileReportPage() {
  const me = useMe().data;
  if (!me) return null;
  return <MobileReport me={me} />;
}

function MobileReport({ me }: { me: Me }) {
  const t = useT();
  const { message } = App.useApp();
  const online = useOnline();
  const config = usePublicConfig();
  const categories = useEventCategories();
  const roots = useOrgRoots();
  const grids = useMemo(() => roots.data?.roots.filter((u) => u.level === 'grid') ?? [], [roots.data]);
  const collections = useQueries({
    queries: grids.map((g) => gridCollectionQuery(g.code)),
    combine: (results) => results.map((r) => r.data).filter((c): c is GridCollection => Boolean(c)),
  });
  const features = useMemo(() => collections.flatMap((c) => c.features), [collections]);
  const outbox = outboxFor(me.user.id);
  const outboxItems = useOutboxItems(outbox);
  const outboxProgress = useOutboxProgress(outbox);
  const outboxLoaded = useOutboxLoaded(outbox);
  const [form] = Form.useForm<MobileReportForm>();
  const [photos, setPhotos] = useState<readonly PickedPhoto[]>([]);
  const [photosBusy, setPhotosBusy] = useState(false);
  const [saving, setSaving] = useState(false);
  const [durable, setDurable] = useState(true);
  const photosRef = useRef(photos);
  photosRef.current = photos;
  // Leaving the page frees the thumbnails; the queued copies live in the outbox.
  useEffect(() => () => releasePhotos(photosRef.current), []);
  useEffect(() => {
    let live = true;
    void outbox.durable().then((value) => {
      if (live) setDurable(value);
    });
    return () => {
      live = false;
    };
  }, [outbox]);
  const [position, setPosition] = useState<Position>({ status: 'locating' });
  const [mode, setMode] = useState<LocationMode>('gps');
  const [gridChoice, setGridChoice] = useState<string | undefined>(undefined);

  const locate = useCallback(() => {
    setPosition({ status: 'locating' });
    readDevicePoint()
      .then((point) => {
        setPosition({ status: 'ok', point });
        setMode('gps');
      })
      .catch((cause: unknown) => {
        setPosition({ status: 'failed', reason: cause instanceof GeolocationError ? cause.reason : 'unavailable' });
        setMode('grid');
      });
  }, []);
  useEffect(locate, [locate]);

  const point = position.status === 'ok' ? position.point : null;
  const pointGrid = point ? features.find((f) => pointInGrid(point.lng, point.lat, f)) : undefined;
  // A point outside the worker's grids would be refused: their grid stands in for it.
  const pointUsable = Boolean(point && (features.length === 0 || pointGrid));
  const effectiveMode: LocationMode = mode === 'gps' && pointUsable ? 'gps' : 'grid';
  const gridCode = gridChoice ?? pointGrid?.properties.code ?? grids[0]?.code;
  const categoryName = (code: string) => categories.data?.items.find((c) => c.code === code)?.name ?? code;

  const submit = async (values: MobileReportForm) => {
    if (!gridCode && !(effectiveMode === 'gps' && point)) {
      message.error(t('m.loc.none'));
      return;
    }
    const location: ReportEvent['location'] =
      effectiveMode === 'gps' && point
        ? { lng: point.lng, lat: point.lat, ...(gridCode ? { orgCode: pointGrid?.properties.code ?? gridCode } : {}) }
        : { orgCode: gridCode };
    if (values.address?.trim()) location.address = values.address.trim();
    const body: ReportEvent = {
      categoryCode: values.categoryCode,
      description: values.description.trim(),
      location,
    };
    setSaving(true);
    try {
      await outbox.add(
        body,
        `${categoryName(values.categoryCode)}：${body.description.slice(0, 40)}`,
        photos.map((p) => p.blob),
      );
    } catch (cause) {
      // Nothing was queued (the phone's storage is full): the form keeps what was written.
      message.error(t('m.saveFailed', { message: cause instanceof Error ? cause.message : String(cause) }));
      return;
    } finally {
      setSaving(false);
    }
    message.success(online ? t('m.sending') : t('m.savedOffline'));
    form.resetFields();
    releasePhotos(photos);
    setPhotos([]);
  };

  return (
    <H5Page title={t('m.report')} backTo="/m" testId="m-report-page">
      {!online ? (
        <div className="m-offline" data-testid="m-offline">
          <Icon name="disconnect" style={{ fontSize: 18, marginTop: 2 }} />
          <span>{t('m.offlineHint')}</span>
        </div>
      ) : null}
      {!durable ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('m.notDurable')} data-testid="m-not-durable" /> : null}
      <Form<MobileReportForm> form={form} layout="vertical" onFinish={(values) => void submit(values)} data-testid="m-report-form" requiredMark={false}>
        <H5Card title={t('report.category')} icon="alert">
          {categories.isPending ? (
            <LoadingBlock minHeight={120} />
          ) : categories.isError ? (
            <ErrorBlock error={categories.error} onRetry={() => void categories.refetch()} />
          ) : (
            <Form.Item name="categoryCode" rules={[{ required: true, message: t('report.categoryRequired') }]} style={{ marginBottom: 0 }}>
              <CategoryPicker items={categories.data.items} testId="m-category" />
            </Form.Item>
          )}
        </H5Card>

        <div style={{ height: 12 }} />
        <H5Card title={t('report.description')} icon="edit">
          <Form.Item
            name="description"
            rules={[
              { required: true, whitespace: true, message: t('report.descriptionRequired') },
              { min: 2, message: t('report.descriptionRequired') },
            ]}
            style={{ marginBottom: 0 }}
          >
            <Input.TextArea
              rows={4}
              maxLength={4000}
              placeholder={t('report.descriptionPlaceholder')}
              data-testid="m-report-description"
            />
          </Form.Item>
        </H5Card>

        <div style={{ height: 12 }} />
        <H5Card title={t('m.photos.title')} icon="camera" extra={`${photos.length}/${maxReportPhotos}`}>
          <PhotoPicker photos={photos} onChange={setPhotos} onBusyChange={setPhotosBusy} />
        </H5Card>

        <div style={{ height: 12 }} />
        <H5Card title={t('report.location')} icon="environment">
          <div className="m-loc" data-testid="m-location" data-mode={effectiveMode}>
            <Icon name="aim" className="m-loc-icon" />
            <div className="m-loc-text">
              {position.status === 'locating' ? (
                <div>{t('m.loc.locating')}</div>
              ) : position.status === 'ok' ? (
                <>
                  <div>{pointUsable ? t('m.loc.ok') : t('m.loc.outside')}</div>
                  <div className="m-loc-sub">
                    {position.point.lng.toFixed(6)}, {position.point.lat.toFixed(6)} · ±{position.point.accuracy} m
                    {pointGrid ? ` · ${pointGrid.properties.name}` : ''}
                  </div>
                </>
              ) : (
                <>
                  <div>{t(failureText[position.reason])}</div>
                  <div className="m-loc-sub">{t('m.loc.fallback')}</div>
                </>
              )}
            </div>
            <Button onClick={locate} loading={position.status === 'locating'} data-testid="m-relocate">
              {t('m.loc.retry')}
            </Button>
          </div>
          <Segmented<LocationMode>
            block
            value={effectiveMode}
            onChange={setMode}
            data-testid="m-location-mode"
            options={[
              { value: 'gps', label: t('m.loc.useGps'), disabled: !pointUsable },
              { value: 'grid', label: t('m.loc.useGrid') },
            ]}
            style={{ marginBottom: 10 }}
          />
          {effectiveMode === 'grid' && grids.length > 1 ? (
            <Select<string>
              value={gridCode}
              onChange={setGridChoice}
              options={grids.map((g) => ({ value: g.code, label: g.name }))}
              style={{ width: '100%', marginBottom: 10 }}
              size="large"
            />
          ) : null}
          {collections.length > 0 ? (
            <EventLocationMap
              collection={{ type: 'FeatureCollection', features, bbox: null }}
              highlightCode={effectiveMode === 'grid' ? gridCode : pointGrid?.properties.code}
              point={effectiveMode === 'gps' ? point : null}
              tileUrl={config.data?.mapTileUrl ?? null}
              height={180}
              testId="m-report-map"
            />
          ) : null}
          {effectiveMode === 'grid' && gridCode ? (
            <div className="h5-muted" style={{ marginTop: 6 }}>
              {t('m.loc.gridUsed', { name: grids.find((g) => g.code === gridCode)?.name ?? gridCode })}
            </div>
          ) : null}
          <Form.Item name="address" label={t('common.address')} style={{ marginTop: 12, marginBottom: 0 }}>
            <Input maxLength={200} placeholder={t('report.addressPlaceholder')} data-testid="m-report-address" size="large" />
          </Form.Item>
        </H5Card>

        <div style={{ height: 12 }} />
        <Button
          type="primary"
          htmlType="submit"
          block
          className="h5-big-button"
          icon={<Icon name="send" />}
          data-testid="m-report-submit"
          loading={saving}
          disabled={(position.status === 'locating' && grids.length === 0) || photosBusy}
        >
          {photosBusy ? t('m.photos.preparing') : online ? t('m.submit') : t('m.submitOffline')}
        </Button>
      </Form>

      <OutboxCard
        items={outboxItems}
        loaded={outboxLoaded}
        progress={outboxProgress}
        onRetry={(key) => void outbox.retry(key)}
        onRemove={(key) => void outbox.remove(key)}
      />
    </H5Page>
  );
}

const statusLabels: Record<OutboxStatus, MessageKey> = {
  pending: 'm.outbox.pending',
  sending: 'm.outbox.sending',
  sent: 'm.outbox.sent',
  failed: 'm.outbox.failed',
};
const statusColors: Record<OutboxStatus, string> = { pending: 'gold', sending: 'processing', sent: 'success', failed: 'error' };

function OutboxCard({
  items,
  loaded,
  progress,
  onRetry,
  onRemove,
}: {
  items: readonly OutboxItem[];
  loaded: boolean;
  progress: ReadonlyMap<string, OutboxProgress>;
  onRetry: (key: string) => void;
  onRemove: (key: string) => void;
}) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  return (
    <H5Card title={t('m.outbox.title')} icon="cloudUpload" testId="m-outbox">
      {!loaded ? (
        <LoadingBlock minHeight={80} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('m.outbox.empty')} />
      ) : (
        items.map((item) => (
          <div className="m-outbox-item" key={item.key} data-testid="m-outbox-item" data-status={item.status} data-key={item.key}>
            <div className="m-outbox-main">
              <div className="m-outbox-summary">{item.summary}</div>
              <div className="m-outbox-meta">
                {formatDateTime(item.createdAt)}
                {item.number ? (
                  <>
                    {' · '}
                    <span data-testid="m-outbox-number">{item.number}</span>
                  </>
                ) : null}
                {item.photoCount > 0 ? (
                  <span className="m-outbox-photos" data-testid="m-outbox-photos">
                    <Icon name="camera" />
                    {t('m.outbox.photos', { n: item.photoCount })}
                  </span>
                ) : null}
              </div>
              <SendingProgress progress={progress.get(item.key)} />
              {item.status === 'failed' && item.error ? <div className="m-outbox-error">{item.error}</div> : null}
              {item.status === 'pending' && item.attempts > 0 ? (
                <div className="m-outbox-meta">{t('m.outbox.willRetry', { n: item.attempts })}</div>
              ) : null}
              {item.status === 'sent' && item.eventId ? (
                <Link to={`/m/tasks/${item.eventId}`} className="m-outbox-meta">
                  {t('m.outbox.open')}
                </Link>
              ) : null}
            </div>
            <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-end', gap: 6 }}>
              <Tag color={statusColors[item.status]} style={{ marginInlineEnd: 0 }}>
                {t(statusLabels[item.status])}
              </Tag>
              {item.status === 'failed' ? (
                <div style={{ display: 'flex', gap: 4 }}>
                  <Button size="small" onClick={() => onRetry(item.key)}>
                    {t('common.retry')}
                  </Button>
                  <Button size="small" danger onClick={() => onRemove(item.key)} aria-label={t('m.outbox.remove')} icon={<Icon name="delete" />} />
                </div>
              ) : null}
            </div>
          </div>
        ))
      )}
    </H5Card>
  );
}

/** How far the report being sent has got: its photos by bytes, then the report itself. */
function SendingProgress({ progress }: { progress: OutboxProgress | undefined }) {
  const t = useT();
  if (!progress) return null;
  const uploading = progress.stage === 'photos';
  return (
    <div className="m-outbox-progress" data-testid="m-outbox-progress" data-stage={progress.stage}>
      <Progress
        percent={Math.round(progress.fraction * 100)}
        size="small"
        status="active"
        showInfo={uploading}
        strokeColor="#1554b0"
      />
      <div className="m-outbox-meta">
        {uploading
          ? t('m.outbox.uploading', { done: Math.min(progress.photosDone + 1, progress.photosTotal), total: progress.photosTotal })
          : t('m.outbox.filing')}
      </div>
    </div>
  );
}
