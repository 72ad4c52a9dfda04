import type { FastifyInstance, FastifyRequest } from 'fastify';
import { asc, eq, max, sql } from 'drizzle-orm';
import { trackingCodeSchema } from '@shizhi/domain';
import type { AppDeps } from '../../platform/http/deps.ts';
import { currentCategories, event, eventCategory, type EventsDeps } from '../events/index.ts';
import { findApiClient } from '../intake/index.ts';
import { governanceCenter } from '../org/index.ts';
import { isOpen311Format, Open311Error, sendOpen311, sendOpen311Error, type Open311Format } from './format.ts';
import { findServiceRequests } from './service-requests.ts';
import { servicesOf } from './services.ts';
import { postServiceRequest, type RequestFields } from './use-cases/post-service-request.ts';

export const open311Prefix = '/open311/v2';

const maxResults = 1000;
const maxSpanMs = 90 * 86_400_000;
const specification = 'http://wiki.open311.org/GeoReport_v2';
// W3C datetime (date, or date and time with a zone); a bare date is a day in China Standard Time.
const w3cDate = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** "Optional" in the spec: an empty parameter counts as absent. Repeated parameters keep the last. */
function fieldsOf(source: unknown): RequestFields {
  const fields: Record<string, string> = {};
  if (source && typeof source === 'object') {
    for (const [key, value] of Object.entries(source)) {
      const text = Array.isArray(value) ? value.at(-1) : value;
      if ((typeof text === 'string' || typeof text === 'number') && String(text).trim() !== '') fields[key] = String(text).trim();
    }
  }
  return fields;
}

function formatOf(params: unknown): Open311Format {
  const format = (params as { format?: string }).format ?? '';
  if (!isOpen311Format(format)) throw new Open311Error(404, `format .${format} is not served; use .xml or .json`);
  return format;
}

function listOf(value: string | undefined): string[] | undefined {
  return value?.split(',').map((s) => s.trim()).filter(Boolean);
}

function dateOf(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  if (!w3cDate.test(value)) throw new Open311Error(400, `${name} must be a W3C datetime, e.g. 2026-03-01T00:00:00+08:00`);
  const date = new Date(value.length === 10 ? `${value}T00:00:00+08:00` : value);
  if (Number.isNaN(date.getTime())) throw new Open311Error(400, `${name} is not a valid date`);
  return date;
}

/**
 * Open311 GeoReport v2 at /open311/v2: discovery, services, service definitions, POST and GET
 * requests, tokens; XML (required by the spec) and JSON. Its own scope, because its errors, its
 * form-encoded POST and its 404s follow the spec rather than the rest of our API.
 */
export async function registerOpen311Routes(app: FastifyInstance, deps: AppDeps, events: EventsDeps): Promise<void> {
  await app.register(
    async (scope) => {
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
        const params = new URLSearchParams(body as string);
        const fields: Record<string, string> = {};
        for (const [key, value] of params) fields[key] = value;
        done(null, fields);
      });
      scope.setErrorHandler(sendOpen311Error);
      scope.setNotFoundHandler((request, reply) =>
        sendOpen311Error(new Open311Error(404, `${request.method} ${request.url.split('?')[0]} is not a GeoReport v2 method`), request, reply),
      );
      const hidden = { schema: { hide: true } };

      scope.get('/discovery.:format', hidden, async (request, reply) => {
        const format = formatOf(request.params);
        const [catalogue] = await deps.db.select({ changed: max(eventCategory.createdAt) }).from(eventCategory);
        const [centre] = await deps.db
          .select({ name: governanceCenter.name, phone: governanceCenter.phone, address: governanceCenter.address })
          .from(governanceCenter)
          .orderBy(sql`nlevel(${governanceCenter.orgPath})`, asc(governanceCenter.orgCode))
          .limit(1);
        const changeset = (catalogue?.changed ? new Date(catalogue.changed) : new Date(0)).toISOString();
        const base = `${request.protocol}://${request.host}${open311Prefix}`;
        return sendOpen311(reply, format, 'discovery', {
          changeset,
          contact: centre ? [centre.name, centre.phone && `电话 ${centre.phone}`, centre.address].filter(Boolean).join('，') : '市治平台运维',
          key_service: '提交诉求（POST requests）需要 api_key：请向本地综治中心申请，由平台管理员签发（shizhi api-client create --kind open311）。查询不需要密钥。',
          endpoints: [{ specification, url: base, changeset, type: 'production', formats: ['text/xml', 'application/json'] }],
        });
      });

      scope.get('/services.:format', hidden, async (request, reply) => {
        const format = formatOf(request.params);
        return sendOpen311(reply, format, 'services', servicesOf(await currentCategories(deps.db)));
      });

      scope.get('/services/:service_code.:format', hidden, async (request, reply) => {
        const format = formatOf(request.params);
        const code = (request.params as { service_code: string }).service_code;
        const service = servicesOf(await currentCategories(deps.db)).find((s) => s.service_code === code);
        if (!service) throw new Open311Error(404, `service_code ${code} was not found`);
        // No service has extra attributes (metadata=false), so every definition lists none.
        return sendOpen311(reply, format, 'service_definition', { service_code: code, attributes: [] });
      });

      scope.post('/requests.:format', { ...hidden, config: { rateLimit: { max: 120, timeWindow: '1 minute' } } }, async (request, reply) => {
        const format = formatOf(request.params);
        const fields = fieldsOf(request.body);
        const client = await findApiClient(deps.db, fields.api_key, 'open311');
        if (!client) throw new Open311Error(403, fields.api_key ? 'api_key is not valid' : 'api_key was not provided');
        const key = idempotencyKeyOf(request);
        const posted = await postServiceRequest(events, client, fields, key);
        return sendOpen311(reply, format, 'service_requests', [{ ...posted }]);
      });

      scope.get('/requests.:format', hidden, async (request, reply) => {
        const format = formatOf(request.params);
        const query = fieldsOf(request.query);
        const numbers = listOf(query.service_request_id);
        if (numbers && numbers.length > maxResults) throw new Open311Error(400, `at most ${maxResults} service_request_id values`);
        const statuses = listOf(query.status);
        if (statuses?.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'status must be open, closed or both');
        let start = dateOf(query.start_date, 'start_date');
        let end = dateOf(query.end_date, 'end_date');
        if (!numbers) {
          end ??= start ? new Date(start.getTime() + maxSpanMs) : deps.clock.now();
          start ??= new Date(end.getTime() - maxSpanMs);
          if (end < start) throw new Open311Error(400, 'end_date is before start_date');
          if (end.getTime() - start.getTime() > maxSpanMs) throw new Open311Error(400, 'start_date to end_date may not span more than 90 days');
        }
        const requests = await findServiceRequests(deps.db, {
          ...(numbers ? { numbers } : { start, end }),
          serviceCodes: listOf(query.service_code),
          statuses: statuses as ('open' | 'closed')[] | undefined,
          limit: maxResults,
        });
        return sendOpen311(reply, format, 'service_requests', requests);
      });

      scope.get('/requests/:service_request_id.:format', hidden, async (request, reply) => {
        const format = formatOf(request.params);
        const id = (request.params as { service_request_id: string }).service_request_id;
        const [found] = await findServiceRequests(deps.db, { numbers: [id], limit: 1 });
        if (!found) throw new Open311Error(404, `service_request_id ${id} was not found`);
        return sendOpen311(reply, format, 'service_requests', [found]);
      });

      // Our services answer at once, so no POST returns a token; a citizen's tracking code works as one.
      scope.get('/tokens/:token.:format', hidden, async (request, reply) => {
        const format = formatOf(request.params);
        const token = trackingCodeSchema.safeParse((request.params as { token: string }).token);
        const [found] = token.success
          ? await deps.db.select({ number: event.number }).from(event).where(eq(event.trackingCode, token.data))
          : [];
        if (!found || !token.success) throw new Open311Error(404, 'token was not found');
        return sendOpen311(reply, format, 'service_requests', [{ service_request_id: found.number, token: token.data }]);
      });
    },
    { prefix: open311Prefix },
  );
}

function idempotencyKeyOf(request: FastifyRequest): string | null {
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  return key && key.length >= 8 && key.length <= 100 ? key : null;
}
