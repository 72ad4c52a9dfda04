import type { FastifyRequest } from 'fastify';
import type { Locale } from '@shizhi/domain';

/** zh-CN unless the client asks for English first. */
export function requestLocale(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'];
  const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
