import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { capabilitiesOf, DomainError, errorResponseSchema, loginRequestSchema, meSchema, type Me } from '@shizhi/domain';
import type { AppDeps } from '../../platform/http/deps.ts';
import { requireActor } from '../../platform/http/context.ts';
import { loadSessionActor, type SessionActor } from './actor-loader.ts';
import { SessionCache } from './session-cache.ts';
import { csrfCookie, sessionCookie, tokenHash } from './sessions.ts';
import { login } from './use-cases/login.ts';
import { logout } from './use-cases/logout.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    session: (SessionActor & { tokenHash: string }) | null;
  }
}

function toMe(session: SessionActor): Me {
  return {
    user: { id: session.actor.userId, username: session.actor.username, displayName: session.actor.displayName },
    assignments: session.assignments,
    capabilities: capabilitiesOf(session.actor.roles),
    csrfToken: session.csrfToken,
  };
}

/**
 * Resolves the session cookie on every /api request and enforces the CSRF token on every change
 * made with a session: the cookie is SameSite=Lax and the token must come back in a header, which
 * another site's form or image cannot add.
 */
export function registerSessionHook(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  const cache = new SessionCache();
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[sessionCookie];
    if (!token) return;
    const hash = tokenHash(token);
    const now = deps.clock.now();
    let session = cache.get(hash, now);
    if (!session) {
      const generation = SessionCache.generation();
      session = await loadSessionActor(deps.db, hash, now);
      if (!session) return;
      cache.set(hash, session, generation);
    }
    if (!safeMethods.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
      throw new DomainError('AUTH.CSRF');
    }
    request.session = { ...session, tokenHash: hash };
    request.actor = session.actor;
  });
}

export function registerAuthRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secure = deps.config.SHIZHI_COOKIE_SECURE === 'auto' ? 'auto' : deps.config.SHIZHI_COOKIE_SECURE === 'true';
  const clear = (reply: FastifyReply) => {
    reply.clearCookie(sessionCookie, { path: '/' });
    reply.clearCookie(csrfCookie, { path: '/' });
  };

  r.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: deps.config.SHIZHI_LOGIN_RATE_LIMIT, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: '登录 Sign in',
        body: loginRequestSchema,
        response: { 200: meSchema, 400: errorResponseSchema, 401: errorResponseSchema, 423: errorResponseSchema, 429: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const result = await login(
        {
          db: deps.db,
          clock: deps.clock,
          sessionHours: deps.config.SHIZHI_SESSION_HOURS,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        },
        request.body,
      );
      const session = await loadSessionActor(deps.db, tokenHash(result.token), deps.clock.now());
      if (!session) throw new DomainError('AUTH.UNAUTHENTICATED');
      const common = { path: '/', secure, expires: result.expiresAt } as const;
      reply.setCookie(sessionCookie, result.token, { ...common, httpOnly: true, sameSite: 'lax' });
      reply.setCookie(csrfCookie, result.csrfToken, { ...common, httpOnly: false, sameSite: 'strict' });
      return toMe(session);
    },
  );

  r.post(
    '/api/auth/logout',
    {
      schema: { tags: ['auth'], summary: '退出 Sign out', response: { 204: z.null(), 401: errorResponseSchema } },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await logout(deps.db, deps.clock, actor, request.session!.tokenHash);
      clear(reply);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/me',
    { schema: { tags: ['auth'], summary: '当前用户 Current user', response: { 200: meSchema, 401: errorResponseSchema } } },
    async (request) => {
      requireActor(request);
      return toMe(request.session!);
    },
  );
}
