import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorMessage, isDomainError, type ErrorCode } from '@shizhi/domain';
import { toXmlDocument, type XmlValue } from './xml.ts';

export const open311Formats = ['xml', 'json'] as const;
export type Open311Format = (typeof open311Formats)[number];

export const contentTypes: Record<Open311Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

// The plural containers of GeoReport v2 and the element each item gets in XML.
const itemNames = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
} as const;

/** An error the spec names: its HTTP status and a description for the client developer. */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 429 | 500,
    readonly description: string,
  ) {
    super(description);
    this.name = 'Open311Error';
  }
}

export function isOpen311Format(value: string): value is Open311Format {
  return (open311Formats as readonly string[]).includes(value);
}

/** The format the client asked for by the URL suffix; XML (the required one) when it is unreadable. */
export function formatOfUrl(url: string): Open311Format {
  const path = url.split('?')[0] ?? '';
  return path.endsWith('.json') ? 'json' : 'xml';
}

export function sendOpen311(reply: FastifyReply, format: Open311Format, root: string, value: XmlValue, status = 200): FastifyReply {
  const body = format === 'json' ? JSON.stringify(value) : toXmlDocument(root, value, itemNames);
  return reply.status(status).header('content-type', contentTypes[format]).send(body);
}

// The spec knows three outcomes: 403 for the key, 404 for what does not exist, 400 for the rest.
const statusOfCode: Partial<Record<ErrorCode, 403 | 404 | 429>> = {
  'AUTH.API_KEY_INVALID': 403,
  'AUTH.UNAUTHENTICATED': 403,
  'AUTH.RATE_LIMITED': 429,
  NOT_FOUND: 404,
  'EVENT.NOT_FOUND': 404,
  'EVENT.CATEGORY_UNKNOWN': 404,
};

function asOpen311Error(error: Error, request: FastifyRequest): Open311Error {
  if (error instanceof Open311Error) return error;
  if (isDomainError(error)) {
    const status = statusOfCode[error.code] ?? (error.status >= 500 ? 500 : 400);
    const message = errorMessage(error.code, 'en');
    const detail = [error.field, error.detail].filter(Boolean).join(': ');
    return new Open311Error(status, `${error.code} ${message}${detail ? ` (${detail})` : ''}`);
  }
  const statusCode = (error as FastifyError).statusCode;
  if (statusCode === 429) return new Open311Error(429, 'Too many requests; try again later');
  if (statusCode && statusCode >= 400 && statusCode < 500) return new Open311Error(400, error.message);
  request.log.error({ err: error }, 'open311 request failed');
  return new Open311Error(500, 'General service error');
}

/** The spec's error body: a list of {code, description}, `<errors><error>…` in XML. */
export function sendOpen311Error(error: Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const e = asOpen311Error(error, request);
  return sendOpen311(reply, formatOfUrl(request.url), 'errors', [{ code: e.status, description: e.description }], e.status);
}
