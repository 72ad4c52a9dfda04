import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Cascader, Form, Input, Result, Segmented, Switch } from 'antd';
import { Link } from 'react-router';
import { CategoryPicker } from '../../components/category-picker.tsx';
import { H5Card, H5Page } from '../../components/h5-layout.tsx';
import { Icon } from '../../components/icon.tsx';
import { LoadingBlock } from '../../components/page-states.tsx';
import { PhotoPicker, PhotoUploadBar, releasePhotos, type PickedPhoto } from '../../components/photo-picker.tsx';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { isApiError } from '../../lib/api-client.ts';
import { copyText } from '../../lib/copy-text.ts';
import { readDevicePoint, GeolocationError, type DevicePoint, type GeolocationFailure } from '../../lib/geolocation.ts';
import { newIdempotencyKey } from '../../lib/idempotency-key.ts';
import { maxReportPhotos, uploadPhotos, type PhotoUploadProgress } from '../../lib/photos.ts';
import {
  isServiceMissing,
  uploadCitizenPhoto,
  usePublicCategories,
  usePublicPlaces,
  useSubmitPublicReport,
  type PublicReport,
} from './citizen-api.ts';
import './citizen.css';

type LocationMode = 'gps' | 'place';

interface CitizenForm {
  categoryCode: string;
  description: string;
  place?: string[];
  address?: string;
  anonymous: boolean;
  name?: string;
  phone?: string;
}

type Gps = { status: 'idle' } | { status: 'locating' } | { status: 'ok'; point: DevicePoint } | { status: 'failed'; reason: GeolocationFailure };

const failureText: Record<GeolocationFailure, MessageKey> = {
  unsupported: 'm.loc.unsupported',
  denied: 'm.loc.denied',
  unavailable: 'm.loc.unavailable',
  timeout: 'm.loc.timeout',
};

/** 群众随手拍: anyone reports a matter without signing in and gets a code to follow it. */
export function CitizenReportPage() {
  const t = useT();
  const { message } = App.useApp();
  const categories = usePublicCategories();
  const places = usePublicPlaces();
  const submitReport = useSubmitPublicReport();
  const [form] = Form.useForm<CitizenForm>();
  const anonymous = Form.useWatch('anonymous', form);
  const [mode, setMode] = useState<LocationMode>('gps');
  const [gps, setGps] = useState<Gps>({ status: 'idle' });
  // Kept until the report is filed, so pressing submit again after a lost answer files nothing new.
  const [key, setKey] = useState(newIdempotencyKey);
  const [done, setDone] = useState<{ number: string; trackingCode: string; photos: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [photos, setPhotos] = useState<readonly PickedPhoto[]>([]);
  const [photosBusy, setPhotosBusy] = useState(false);
  const [upload, setUpload] = useState<PhotoUploadProgress | null>(null);
  // Photos already uploaded by an earlier press of submit: a retry sends only the rest.
  const uploaded = useRef(new Map<string, string>());
  const photosRef = useRef(photos);
  photosRef.current = photos;
  // Leaving the page frees the thumbnails.
  useEffect(() => () => releasePhotos(photosRef.current), []);
  // The button is at the bottom of a long page and the error at the top: bring the error into view.
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) errorRef.current?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  }, [error]);

  const locate = () => {
    setGps({ status: 'locating' });
    readDevicePoint()
      .then((point) => setGps({ status: 'ok', point }))
      .catch((cause: unknown) => {
        setGps({ status: 'failed', reason: cause instanceof GeolocationError ? cause.reason : 'unavailable' });
        setMode('place');
      });
  };
  // Ask for the point once when the page opens; a refusal just switches to choosing the community.
  useEffect(locate, []);

  const submit = async (values: CitizenForm) => {
    setError(null);
    const village = values.place?.at(-1);
    if (mode === 'gps' && gps.status !== 'ok') {
      setError(t('c.locationNeeded'));
      return;
    }
    const location: PublicReport['location'] =
      mode === 'gps' && gps.status === 'ok' ? { lng: gps.point.lng, lat: gps.point.lat } : { orgCode: village };
    if (values.address?.trim()) location.address = values.address.trim();
    const body: PublicReport = {
      categoryCode: values.categoryCode,
      description: values.description.trim(),
      location,
      anonymous: values.anonymous,
      ...(!values.anonymous && (values.name?.trim() || values.phone?.trim())
        ? {
            reporter: {
              ...(values.name?.trim() ? { name: values.name.trim() } : {}),
              ...(values.phone?.trim() ? { phone: values.phone.trim() } : {}),
            },
          }
        : {}),
    };
    // Photos go up first (each answered with its id); the report then names them, with the same
    // Idempotency-Key on every press until it is filed.
    let photoIds: string[];
    try {
      photoIds = photos.length > 0 ? await uploadPhotos(photos, uploadCitizenPhoto, uploaded.current, setUpload) : [];
    } catch (cause) {
      setUpload(null);
      setError(isServiceMissing(cause) ? t('c.serviceMissing') : t('c.photoUploadFailed', { message: messageOf(cause) }));
      return;
    }
    submitReport.mutate(
      { body: photoIds.length > 0 ? { ...body, photos: photoIds } : body, key },
      {
        onSuccess: (result) => {
          setDone({ ...result, photos: photoIds.length });
          setKey(newIdempotencyKey());
          releasePhotos(photos);
          setPhotos([]);
          uploaded.current.clear();
        },
        onError: (cause) => {
          if (isServiceMissing(cause)) setError(t('c.serviceMissing'));
          else if (isApiError(cause) && cause.field === 'location' && mode === 'gps') {
            // The point is outside every grid of this deployment: let the citizen name the community.
            setMode('place');
            setError(t('c.outsideArea'));
          } else setError(cause.message);
        },
        onSettled: () => setUpload(null),
      },
    );
  };
  const sending = upload !== null || submitReport.isPending;

  if (done) {
    return (
      <H5Page title={t('c.reportTitle')} testId="c-report-page" actions={<TrackLink />}>
        <H5Card testId="c-report-done">
          <Result
            status="success"
            title={t('c.doneTitle')}
            subTitle={t('c.doneHint')}
            style={{ padding: '16px 0 8px' }}
          />
          <div className="c-code-label">{t('events.trackingCode')}</div>
          <div className="c-code" data-testid="c-tracking-code">
            {done.trackingCode}
          </div>
          <Button
            block
            size="large"
            icon={<Icon name="copy" />}
            data-testid="c-copy"
            onClick={() =>
              void copyText(done.trackingCode).then((ok) => (ok ? message.success(t('c.copied')) : message.error(t('c.copyFailed'))))
            }
          >
            {t('c.copy')}
          </Button>
          <div className="h5-muted" style={{ textAlign: 'center', margin: '12px 0' }}>
            {t('c.numberIs', { number: done.number })}
            {done.photos > 0 ? (
              <div data-testid="c-photos-sent">{t('c.photosSent', { n: done.photos })}</div>
            ) : null}
          </div>
          <Link to={`/c/track?code=${encodeURIComponent(done.trackingCode)}`}>
            <Button type="primary" block className="h5-big-button" data-testid="c-go-track">
              {t('c.trackNow')}
            </Button>
          </Link>
          <Button
            type="link"
            block
            style={{ marginTop: 8 }}
            onClick={() => {
              form.resetFields();
              setDone(null);
            }}
          >
            {t('c.another')}
          </Button>
        </H5Card>
      </H5Page>
    );
  }

  const unavailable = isServiceMissing(categories.error) || isServiceMissing(places.error);

  return (
    <H5Page title={t('c.reportTitle')} testId="c-report-page" actions={<TrackLink />}>
      <div className="c-intro">{t('c.intro')}</div>
      {unavailable ? (
        <Alert type="warning" showIcon title={t('c.serviceMissing')} data-testid="c-unavailable" />
      ) : null}
      {error ? (
        <div ref={errorRef}>
          <Alert type="error" showIcon title={error} data-testid="c-error" />
        </div>
      ) : null}
      <Form<CitizenForm>
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        initialValues={{ anonymous: false }}
        data-testid="c-report-form"
        requiredMark={false}
        className="c-form"
      >
        <H5Card title={t('report.category')} icon="alert">
          {categories.isPending ? (
            <LoadingBlock minHeight={120} />
          ) : categories.isError ? (
            <div className="h5-muted">{unavailable ? t('c.categoriesUnavailable') : categories.error.message}</div>
          ) : (
            <Form.Item name="categoryCode" rules={[{ required: true, message: t('report.categoryRequired') }]} style={{ marginBottom: 0 }}>
              <CategoryPicker items={categories.data.items} testId="c-category" />
            </Form.Item>
          )}
        </H5Card>

        <H5Card title={t('report.description')} icon="edit">
          <Form.Item
            name="description"
            rules={[
              { required: true, whitespace: true, message: t('report.descriptionRequired') },
              { min: 2, message: t('report.descriptionRequired') },
            ]}
            style={{ marginBottom: 0 }}
          >
            <Input.TextArea rows={4} maxLength={2000} placeholder={t('c.descriptionPlaceholder')} data-testid="c-description" />
          </Form.Item>
        </H5Card>

        <H5Card title={t('m.photos.title')} icon="camera" extra={`${photos.length}/${maxReportPhotos}`} testId="c-photos-card">
          <div className="h5-muted c-photos-hint">{t('c.photosHint')}</div>
          <PhotoPicker photos={photos} onChange={setPhotos} onBusyChange={setPhotosBusy} disabled={sending} testId="c-photos" />
          {upload ? <PhotoUploadBar progress={upload} testId="c-photo-progress" /> : null}
        </H5Card>

        <H5Card title={t('report.location')} icon="environment">
          <Segmented<LocationMode>
            block
            value={mode}
            onChange={(next) => {
              setMode(next);
              if (next === 'gps' && gps.status !== 'ok') locate();
            }}
            options={[
              { value: 'gps', label: t('c.useGps') },
              { value: 'place', label: t('c.usePlace') },
            ]}
            style={{ marginBottom: 12 }}
            data-testid="c-location-mode"
          />
          {mode === 'gps' ? (
            <div className="c-gps" data-testid="c-gps">
              <Icon name="aim" style={{ fontSize: 20, color: '#1554b0' }} />
              <div style={{ flex: 1, minWidth: 0 }}>
                {gps.status === 'ok' ? (
                  <>
                    <div>{t('m.loc.ok')}</div>
                    <div className="h5-muted tabular">
                      {gps.point.lng.toFixed(6)}, {gps.point.lat.toFixed(6)} · ±{gps.point.accuracy} m
                    </div>
                  </>
                ) : gps.status === 'failed' ? (
                  <div>{t(failureText[gps.reason])}</div>
                ) : gps.status === 'locating' ? (
                  <div>{t('m.loc.locating')}</div>
                ) : (
                  <div className="h5-muted">{t('c.gpsIdle')}</div>
                )}
              </div>
              <Button onClick={locate} loading={gps.status === 'locating'} data-testid="c-locate">
                {gps.status === 'ok' ? t('m.loc.retry') : t('c.locate')}
              </Button>
            </div>
          ) : (
            <Form.Item
              name="place"
              rules={[{ required: true, message: t('c.placeRequired') }]}
              style={{ marginBottom: 0 }}
            >
              <Cascader
                size="large"
                data-testid="c-place"
                placeholder={t('c.placePlaceholder')}
                loading={places.isLoading}
                showSearch
                options={(places.data?.items ?? []).map((p) => ({
                  value: p.code,
                  label: p.name,
                  children: p.communities.map((v) => ({ value: v.code, label: v.name })),
                }))}
                notFoundContent={places.isError ? t('c.serviceMissing') : undefined}
                style={{ width: '100%' }}
              />
            </Form.Item>
          )}
          <Form.Item name="address" label={t('common.address')} style={{ marginTop: 12, marginBottom: 0 }}>
            <Input size="large" maxLength={200} placeholder={t('report.addressPlaceholder')} data-testid="c-address" />
          </Form.Item>
        </H5Card>

        <H5Card title={t('c.contact')} icon="user">
          <div className="c-anon">
            <div>
              <div style={{ fontSize: 15 }}>{t('c.anonymous')}</div>
              <div className="h5-muted">{t('c.anonymousHint')}</div>
            </div>
            <Form.Item name="anonymous" valuePropName="checked" style={{ marginBottom: 0 }}>
              <Switch data-testid="c-anonymous" />
            </Form.Item>
          </div>
          {anonymous ? null : (
            <>
              <Form.Item name="name" label={t('c.name')} style={{ marginTop: 12 }}>
                <Input size="large" maxLength={50} data-testid="c-name" />
              </Form.Item>
              <Form.Item
                name="phone"
                label={t('c.phone')}
                rules={[{ pattern: /^1\d{10}$/, message: t('report.phoneInvalid') }]}
                extra={t('c.phoneHint')}
                style={{ marginBottom: 0 }}
              >
                <Input size="large" maxLength={11} inputMode="tel" data-testid="c-phone" />
              </Form.Item>
            </>
          )}
        </H5Card>

        <Button
          type="primary"
          htmlType="submit"
          block
          className="h5-big-button"
          icon={<Icon name="send" />}
          loading={sending}
          disabled={photosBusy}
          data-testid="c-report-submit"
        >
          {photosBusy ? t('m.photos.preparing') : upload ? t('c.uploadingPhotos') : t('c.submit')}
        </Button>
      </Form>
      <div className="h5-footer">
        <Link to="/login">
          <Button type="link">{t('c.staffLogin')}</Button>
        </Link>
      </div>
    </H5Page>
  );
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

function TrackLink() {
  const t = useT();
  return (
    <Link to="/c/track" data-testid="c-to-track" className="c-bar-link">
      {t('c.trackShort')}
    </Link>
  );
}
