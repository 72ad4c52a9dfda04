import { inArray } from 'drizzle-orm';
import { DomainError } from '@shizhi/domain';
import type { Executor, Tx } from '../../platform/db/client.ts';
import { eventAttachment, fileObject } from '../files/schema.ts';

/** An id that was never uploaded is a bad request, not a dangling link. */
export async function requireUploaded(db: Executor, photos: readonly string[]): Promise<string[]> {
  const unique = [...new Set(photos)];
  const known = await db.select({ sha256: fileObject.sha256 }).from(fileObject).where(inArray(fileObject.sha256, unique));
  if (known.length !== unique.length) throw new DomainError('VALIDATION.INVALID', { field: 'photos', detail: '图片未上传或已失效' });
  return unique;
}

/** Ties uploaded photos to an event step. */
export async function attachPhotos(
  tx: Tx,
  scope: { eventId: string; orgPath: string; countyCode: string },
  photos: readonly string[] | undefined,
  step: string,
  by: string | null,
  at: Date,
): Promise<void> {
  if (!photos?.length) return;
  const unique = await requireUploaded(tx, photos);
  await tx
    .insert(eventAttachment)
    .values(unique.map((sha256) => ({ ...scope, sha256, step, addedBy: by, addedAt: at })))
    .onConflictDoNothing();
}
