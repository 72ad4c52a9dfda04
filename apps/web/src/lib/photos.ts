import { apiUpload } from './api-client.ts';

/** Photos one report may carry from the phone (the API takes up to 9). */
export const maxReportPhotos = 6;

/** Longest side a photo is stored and sent at: enough to read a licence plate, small on a 4G bill. */
const maxSide = 1600;
const jpegQuality = 0.8;
/** A photo already this small (and a type the API takes) is kept as it is. */
const keepBelowBytes = 1_500_000;
const acceptedTypes = new Set(['image/jpeg', 'image/png', 'image/webp']);

export class PhotoUnreadableError extends Error {
  override name = 'PhotoUnreadableError';
}

async function decode(file: Blob): Promise<{ source: CanvasImageSource; width: number; height: number; close: () => void }> {
  if (typeof createImageBitmap === 'function') {
    try {
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
    } catch {
      // Older engines refuse the options or the format: the <img> path below tries again.
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode();
    return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => URL.revokeObjectURL(url) };
  } catch {
    URL.revokeObjectURL(url);
    throw new PhotoUnreadableError('unreadable image');
  }
}

function canvasToJpeg(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new PhotoUnreadableError('canvas produced no image'))), 'image/jpeg', jpegQuality);
  });
}

/**
 * A photo from the camera or the gallery made ready to queue: a large one is drawn again at most
 * 1600 px on its longest side as JPEG 0.8 (which also drops its EXIF data); a small JPEG, PNG or
 * WebP is kept as it is. Throws `PhotoUnreadableError` for a file the browser cannot decode.
 */
export async function preparePhoto(file: Blob): Promise<Blob> {
  const image = await decode(file);
  try {
    const longest = Math.max(image.width, image.height);
    if (longest === 0) throw new PhotoUnreadableError('empty image');
    if (longest <= maxSide && file.size <= keepBelowBytes && acceptedTypes.has(file.type)) return file;
    const scale = Math.min(1, maxSide / longest);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(image.width * scale));
    canvas.height = Math.max(1, Math.round(image.height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new PhotoUnreadableError('no 2d canvas');
    // JPEG has no transparency: a PNG screenshot's clear areas become white rather than black.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image.source, 0, 0, canvas.width, canvas.height);
    return await canvasToJpeg(canvas);
  } finally {
    image.close();
  }
}

export interface UploadedFile {
  /** The SHA-256 of the bytes: the same photo uploaded twice is the same file. */
  id: string;
  mime: string;
  size: number;
}

/** POST /api/files: one photo, with progress (0–1). A retried upload of the same bytes is harmless. */
export function uploadPhoto(blob: Blob, onProgress?: (fraction: number) => void, signal?: AbortSignal): Promise<UploadedFile> {
  return apiUpload<UploadedFile>('/files', blob, {
    onProgress: (sent, total) => onProgress?.(total > 0 ? Math.min(1, sent / total) : 0),
    ...(signal ? { signal } : {}),
  });
}

/** Photos on their way up: `done` of `total` finished, `fraction` (0–1) over all their bytes. */
export interface PhotoUploadProgress {
  done: number;
  total: number;
  fraction: number;
}

/**
 * Uploads photos one after another, skipping any whose id `uploaded` already holds (from an earlier
 * attempt), and returns their ids in order. `uploaded` is filled as each one arrives, so after a failure
 * the next attempt sends only the rest; a photo sent twice anyway is stored once (the id is its hash).
 */
export async function uploadPhotos(
  photos: readonly { id: string; blob: Blob }[],
  upload: (blob: Blob, onProgress: (fraction: number) => void) => Promise<{ id: string }>,
  uploaded: Map<string, string>,
  onProgress?: (progress: PhotoUploadProgress) => void,
): Promise<string[]> {
  const total = photos.length;
  const totalBytes = photos.reduce((sum, p) => sum + p.blob.size, 0) || 1;
  let doneBytes = 0;
  const ids: string[] = [];
  for (const [index, photo] of photos.entries()) {
    let id = uploaded.get(photo.id);
    if (!id) {
      onProgress?.({ done: index, total, fraction: doneBytes / totalBytes });
      id = (await upload(photo.blob, (f) => onProgress?.({ done: index, total, fraction: (doneBytes + f * photo.blob.size) / totalBytes }))).id;
      uploaded.set(photo.id, id);
    }
    doneBytes += photo.blob.size;
    ids.push(id);
  }
  onProgress?.({ done: total, total, fraction: 1 });
  return ids;
}
