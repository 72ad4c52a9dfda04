import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorMessage, healthSchema } from '@shizhi/domain';
import { defaultCalendar, FilingQueue, GridLocator, registerEventRoutes } from './modules/events/index.ts';
import { registerAuditRoutes } from './modules/audit/index.ts';
import { registerDisputeRoutes } from './modules/disputes/index.ts';
import { registerDisputeOversightRoutes } from './modules/dispute-oversight/index.ts';
import { registerAuthRoutes, registerSessionHook } from './modules/auth/index.ts';
import { registerIntakeRoutes } from './modules/intake/index.ts';
import { registerOpen311Routes } from './modules/open311/index.ts';
import { registerFileRoutes } from './modules/files/index.ts';
import { registerOrgRoutes } from './modules/org/index.ts';
import { registerQualityRoutes } from './modules/registers/quality-routes.ts';
import { registerRegisterRoutes } from './modules/registers/index.ts';
import { registerScorecardRoutes } from './modules/scorecards/index.ts';
import { registerUserRoutes } from './modules/users/index.ts';
import type { AppDeps } from './platform/http/deps.ts';
import { handleError } from './platform/http/errors.ts';
import { requestLocale } from './platform/http/locale.ts';
import { version } from './version.ts';

const defaultWebDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface BuildOptions {
  logger?: boolean | object;
  /** Serve the built web app (off in API tests). */
  serveWeb?: boolean;
}

/** The HTTP application: plumbing first, then each module's routes. No I/O happens here. */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: deps.config.SHIZHI_TRUST_PROXY === 'true',
    bodyLimit: 1_048_576,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (request) => ({
      statusCode: 429,
      code: 'AUTH.RATE_LIMITED',
      message: errorMessage('AUTH.RATE_LIMITED', requestLocale(request)),
    }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'shizhi 市治 API',
        version,
        description:
          '市域社会治理平台接口。Sign in with POST /api/auth/login; send the csrfToken back as the x-csrf-token header on every change. Errors are {code, message, field?}.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'shizhi_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerSessionHook(app, deps);

  const r = app.withTypeProvider<ZodTypeProvider>();
  const startedAt = Date.now();
  r.get(
    '/api/health',
    { schema: { tags: ['platform'], summary: '健康检查 Health', security: [], response: { 200: healthSchema } } },
    async () => {
      await deps.db.execute('select 1');
      return {
        status: 'ok' as const,
        db: deps.handle.engine,
        version,
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      };
    },
  );
  r.get(
    '/api/public-config',
    {
      schema: {
        tags: ['platform'],
        summary: '前端公开配置 Public settings for the web app',
        security: [],
        response: {
          200: z.object({ productName: z.string(), mapTileUrl: z.string().nullable(), demo: z.boolean(), demoPassword: z.null() }),
        },
      },
    },
    async () => ({
      productName: '市治 · 市域社会治理平台',
      mapTileUrl: deps.config.SHIZHI_MAP_TILE_URL ?? null,
      demo: deps.config.SHIZHI_SEED_SCALE !== 'none',
      demoPassword: null,
    }),
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAuthRoutes(app, deps);
  registerOrgRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerScorecardRoutes(app, deps);
  registerFileRoutes(app, deps);
  const events = {
    db: deps.db,
    clock: deps.clock,
    calendar: defaultCalendar(),
    locator: new GridLocator(deps.db),
    bus: deps.bus,
    filings: new FilingQueue(deps.db, {
      concurrency: deps.config.SHIZHI_INTAKE_WRITERS,
      maxBatch: deps.config.SHIZHI_INTAKE_BATCH,
      busyBatch: deps.config.SHIZHI_INTAKE_BUSY_BATCH,
    }),
  };
  registerEventRoutes(app, deps, events);
  registerIntakeRoutes(app, deps, events);
  await registerOpen311Routes(app, deps, events);
  registerDisputeRoutes(app, deps, { db: deps.db, clock: deps.clock, calendar: events.calendar, bus: deps.bus });
  registerDisputeOversightRoutes(app, deps, { db: deps.db, clock: deps.clock, bus: deps.bus });
  registerQualityRoutes(app, deps);
  registerRegisterRoutes(app, deps);

  const webDist = deps.config.SHIZHI_WEB_DIST ?? defaultWebDist;
  const serveWeb = (options.serveWeb ?? true) && fs.existsSync(path.join(webDist, 'index.html'));
  if (serveWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: webDist, wildcard: true, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const isFile = /\.[a-z0-9]+$/i.test(path);
    if (path.startsWith('/api/') || !serveWeb || request.method !== 'GET' || isFile) {
      return reply
        .status(404)
        .send({ code: 'NOT_FOUND', message: errorMessage('NOT_FOUND', requestLocale(request)) });
    }
    // Client-side routes (/org/150602, /m …) all load the single-page app.
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}
