import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { DomainError, errorResponseSchema } from '@shizhi/domain';
import { maxUploadBytes } from '../../platform/files.ts';
import { inScope } from '../../platform/db/scope.ts';
import { requireCapability } from '../../platform/http/context.ts';
import type { AppDeps } from '../../platform/http/deps.ts';
import { fileObject } from './schema.ts';
import { acceptRawPhotos, storedPhotoSchema, storePhoto } from './upload.ts';

const shaParams = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, '图片编号无效 (invalid file id)') });

export function registerFileRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Photos arrive as raw bytes, in their own scope so the 1 MiB JSON limit stays for everything else.
  void app.register(async (scope) => {
    acceptRawPhotos(scope, maxUploadBytes);
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/files',
      {
        bodyLimit: maxUploadBytes,
        schema: {
          tags: ['files'],
          summary: '上传图片 Upload a photo (JPEG, PNG or WebP, ≤ 10 MB); returns its id for a report or a step',
          response: {
            201: storedPhotoSchema,
            400: errorResponseSchema,
            401: errorResponseSchema,
            403: errorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        const actor = requireCapability(request, 'events.view');
        return reply.status(201).send(await storePhoto(deps, request.body, actor.userId, maxUploadBytes));
      },
    );
  });

  r.get(
    '/api/files/:id',
    { schema: { tags: ['files'], summary: '读取图片 A photo you may see', params: shaParams } },
    async (request, reply) => {
      const actor = requireCapability(request, 'events.view');
      const { id } = request.params;
      // Yours, or attached to an event you may see (row-level security decides the latter).
      const allowed = await inScope(deps.db, actor.scopePaths, async (tx) => {
        const [row] = await tx
          .select({ mime: fileObject.mime })
          .from(fileObject)
          .where(
            and(
              eq(fileObject.sha256, id),
              or(
                eq(fileObject.uploadedBy, actor.userId),
                sql`exists (select 1 from event_attachment a where a.sha256 = "file_object"."sha256")`,
              ),
            ),
          );
        return row ?? null;
      });
      const stream = allowed ? deps.files.read(id) : null;
      if (!allowed || !stream) throw new DomainError('NOT_FOUND');
      return reply.header('content-type', allowed.mime).header('cache-control', 'private, max-age=31536000, immutable').send(stream);
    },
  );
}
