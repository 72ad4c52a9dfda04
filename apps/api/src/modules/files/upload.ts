import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '@shizhi/domain';
import { sniffMime } from '../../platform/files.ts';
import { handleError } from '../../platform/http/errors.ts';
import type { AppDeps } from '../../platform/http/deps.ts';
import { fileObject } from './schema.ts';

export const storedPhotoSchema = z.object({ id: z.string(), mime: z.string(), size: z.number().int() });
export type StoredPhoto = z.infer<typeof storedPhotoSchema>;

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

export function photoTooLarge(maxBytes: number): DomainError {
  return new DomainError('VALIDATION.INVALID', {
    field: 'body',
    detail: `图片不能超过 ${megabytes(maxBytes)} (a photo may be at most ${megabytes(maxBytes)})`,
  });
}

/**
 * Lets the routes of `scope` take a photo as raw bytes (any image/* or application/octet-stream
 * type: what the bytes are is checked by `storePhoto`, not believed from the header). A body over
 * `maxBytes` is a 400 naming `body` and the limit, like every other refused photo, rather than
 * Fastify's bare 413. Register it in a scope of its own so the 1 MiB JSON limit stays for the rest.
 */
export function acceptRawPhotos(scope: FastifyInstance, maxBytes: number): void {
  scope.addContentTypeParser(/^(image\/.*|application\/octet-stream)$/, { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) =>
    done(null, body),
  );
  scope.setErrorHandler((error: FastifyError, request, reply) =>
    handleError(error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? photoTooLarge(maxBytes) : error, request, reply),
  );
}

/**
 * Keeps an uploaded photo: refuses an empty, oversize or non-image body (JPEG, PNG and WebP are
 * sniffed from the bytes), stores the bytes under their SHA-256 and records the file once. The same
 * bytes uploaded again are the same file; its first uploader stays its uploader (null: the public
 * channel, which no signed-in reader may claim).
 */
export async function storePhoto(
  deps: Pick<AppDeps, 'db' | 'files' | 'clock'>,
  body: unknown,
  uploadedBy: string | null,
  maxBytes: number,
): Promise<StoredPhoto> {
  if (!Buffer.isBuffer(body)) {
    throw new DomainError('VALIDATION.INVALID', { field: 'body', detail: '请上传图片本身的字节 (send the photo’s raw bytes)' });
  }
  if (body.length === 0) throw new DomainError('VALIDATION.INVALID', { field: 'body', detail: '空文件 (empty file)' });
  if (body.length > maxBytes) throw photoTooLarge(maxBytes);
  const mime = sniffMime(body);
  if (!mime) {
    throw new DomainError('VALIDATION.INVALID', { field: 'body', detail: '仅支持 JPEG、PNG、WebP 图片 (only JPEG, PNG or WebP photos)' });
  }
  const id = await deps.files.put(body);
  await deps.db.insert(fileObject).values({ sha256: id, mime, size: body.length, uploadedBy, createdAt: deps.clock.now() }).onConflictDoNothing();
  return { id, mime, size: body.length };
}
