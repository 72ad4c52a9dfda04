import { useEffect, useRef, useState } from 'react';
import { App, Button, Progress, Spin } from 'antd';
import { useT } from '../i18n/index.ts';
import { maxReportPhotos, preparePhoto, type PhotoUploadProgress } from '../lib/photos.ts';
import { Icon } from './icon.tsx';
import './photo-picker.css';

export interface PickedPhoto {
  id: string;
  blob: Blob;
  /** An object URL for the thumbnail; revoked when the photo is removed or the page left. */
  url: string;
}

let nextPhotoId = 0;

/** antd's reset makes `input[type=file]` display:block, which beats both `hidden` and a class. */
const hiddenInput = { display: 'none' } as const;

/**
 * 现场照片: take photos with the camera (or pick them from the gallery), see them as thumbnails and
 * remove any. Each is made smaller on the phone before it is kept, so the queue (or the upload) stays
 * small. Used by the grid worker's report and action sheet and by the citizen's report; `disabled`
 * holds the photos still while they are being sent.
 */
export function PhotoPicker({
  photos,
  onChange,
  onBusyChange,
  disabled = false,
  max = maxReportPhotos,
  testId = 'm-photos',
}: {
  photos: readonly PickedPhoto[];
  onChange: (photos: readonly PickedPhoto[]) => void;
  onBusyChange?: (busy: boolean) => void;
  disabled?: boolean;
  max?: number;
  testId?: string;
}) {
  const t = useT();
  const { message } = App.useApp();
  const cameraInput = useRef<HTMLInputElement>(null);
  const galleryInput = useRef<HTMLInputElement>(null);
  const [preparing, setPreparing] = useState(0);
  const latest = useRef(photos);
  latest.current = photos;
  const room = disabled ? 0 : max - photos.length - preparing;

  useEffect(() => onBusyChange?.(preparing > 0), [preparing, onBusyChange]);

  const addFiles = async (input: HTMLInputElement) => {
    const files = Array.from(input.files ?? []);
    // Let the same photo be chosen again after it was removed.
    input.value = '';
    if (files.length === 0) return;
    const taken = files.slice(0, Math.max(0, room));
    if (taken.length < files.length) message.warning(t('m.photos.tooMany', { max }));
    if (taken.length === 0) return;
    setPreparing((n) => n + taken.length);
    for (const file of taken) {
      try {
        const blob = await preparePhoto(file);
        nextPhotoId += 1;
        const photo: PickedPhoto = { id: `photo-${nextPhotoId}`, blob, url: URL.createObjectURL(blob) };
        latest.current = [...latest.current, photo];
        onChange(latest.current);
      } catch {
        message.error(t('m.photos.unreadable'));
      } finally {
        setPreparing((n) => n - 1);
      }
    }
  };

  const remove = (photo: PickedPhoto) => {
    URL.revokeObjectURL(photo.url);
    onChange(photos.filter((p) => p.id !== photo.id));
  };

  return (
    <div data-testid={testId} data-count={photos.length} data-preparing={preparing}>
      <div className="photo-grid">
        {photos.map((photo, index) => (
          <div className="photo-tile" key={photo.id} data-testid="m-photo">
            <img src={photo.url} alt={t('m.photos.alt', { n: index + 1 })} />
            {disabled ? null : (
              <button
                type="button"
                className="photo-remove"
                aria-label={t('m.photos.remove')}
                data-testid="m-photo-remove"
                onClick={() => remove(photo)}
              >
                <Icon name="close" />
              </button>
            )}
          </div>
        ))}
        {Array.from({ length: preparing }, (_, i) => (
          <div className="photo-tile is-preparing" key={`preparing-${i}`} aria-label={t('m.photos.preparing')}>
            <Spin size="small" />
          </div>
        ))}
        {room > 0 ? (
          <button type="button" className="photo-add" data-testid="m-photo-take" onClick={() => cameraInput.current?.click()}>
            <Icon name="camera" style={{ fontSize: 26 }} />
            <span>{t('m.photos.take')}</span>
          </button>
        ) : null}
      </div>
      <div className="photo-foot">
        <span className="h5-muted">{t('m.photos.hint', { n: photos.length, max })}</span>
        {room > 0 ? (
          <Button size="small" icon={<Icon name="picture" />} onClick={() => galleryInput.current?.click()} data-testid="m-photo-pick">
            {t('m.photos.pick')}
          </Button>
        ) : null}
      </div>
      <input
        ref={cameraInput}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        style={hiddenInput}
        data-testid="m-photo-input"
        onChange={(event) => void addFiles(event.currentTarget)}
      />
      <input
        ref={galleryInput}
        type="file"
        accept="image/*"
        multiple
        style={hiddenInput}
        data-testid="m-photo-gallery-input"
        onChange={(event) => void addFiles(event.currentTarget)}
      />
    </div>
  );
}

/** Frees the thumbnails' object URLs. */
export function releasePhotos(photos: readonly PickedPhoto[]): void {
  for (const photo of photos) URL.revokeObjectURL(photo.url);
}

/** How far the photos have got on their way up: photo n of m, by bytes. */
export function PhotoUploadBar({ progress, testId = 'photo-upload-progress' }: { progress: PhotoUploadProgress; testId?: string }) {
  const t = useT();
  return (
    <div className="photo-upload" data-testid={testId} data-done={progress.done} data-total={progress.total}>
      <Progress percent={Math.round(progress.fraction * 100)} size="small" status="active" strokeColor="#1554b0" />
      <div className="h5-muted">{t('m.outbox.uploading', { done: Math.min(progress.done + 1, progress.total), total: progress.total })}</div>
    </div>
  );
}
