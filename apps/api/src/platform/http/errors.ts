import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorMessage, isDomainError, type ErrorResponse } from '@shizhi/domain';
import { requestLocale } from './locale.ts';

/**
 * The one place errors become HTTP: domain errors carry their status in the catalogue, schema
 * failures become 400 naming the field, anything else is a 500 without internals.
 */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const locale = requestLocale(request);
  if (isDomainError(error)) {
    const body: ErrorResponse = {
      code: error.code,
      message: error.detail ? `${errorMessage(error.code, locale)}: ${error.detail}` : errorMessage(error.code, locale),
      ...(error.field ? { field: error.field } : {}),
    };
    return reply.status(error.status).send(body);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issue = error.validation[0]!;
    const field = issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || (error.validationContext ?? 'body');
    const body: ErrorResponse = {
      code: 'VALIDATION.INVALID',
      message: `${errorMessage('VALIDATION.INVALID', locale)}: ${field}: ${issue.message}`,
      field,
    };
    return reply.status(400).send(body);
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.statusCode === 429) {
    return reply.status(429).send({ code: 'AUTH.RATE_LIMITED', message: errorMessage('AUTH.RATE_LIMITED', locale) });
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    // Fastify's own 4xx (malformed JSON, wrong content type, body too large).
    return reply.status(fastifyError.statusCode).send({
      code: 'VALIDATION.INVALID',
      message: `${errorMessage('VALIDATION.INVALID', locale)}: ${fastifyError.message}`,
      field: 'body',
    });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send({ code: 'INTERNAL', message: errorMessage('INTERNAL', locale) });
}
