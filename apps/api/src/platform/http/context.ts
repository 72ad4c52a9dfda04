import type { FastifyRequest } from 'fastify';
import { DomainError, hasCapability, type Capability } from '@shizhi/domain';
import type { Actor } from '../db/scope.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The signed-in actor, or 401. Routes call this first, so no route forgets authentication. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new DomainError('AUTH.UNAUTHENTICATED');
  return request.actor;
}

export function requireCapability(request: FastifyRequest, capability: Capability): Actor {
  const actor = requireActor(request);
  if (!hasCapability(actor.roles, capability)) throw new DomainError('AUTH.FORBIDDEN');
  return actor;
}
