import { randomBytes, randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { reportEventSchema, type CategoryRules } from '@shizhi/domain';
import { tokenHash } from '../../../apps/api/src/modules/auth/sessions.ts';
import { defaultCalendar, GridLocator } from '../../../apps/api/src/modules/events/index.ts';
import { ownerPathFor } from '../../../apps/api/src/modules/events/places.ts';
import { isInScope, minimalScope } from '../../../apps/api/src/platform/db/scope.ts';
import type { DbHandle } from '../../../apps/api/src/platform/db/client.ts';
import { loopbackBase } from '../lib/platform.ts';

/**
 * What-if, not the platform: the same report filed with the same rows in two round trips instead of
 * fifteen, to show what the recommended changes could reach on the same machine in the same run.
 *
 * Kept from the platform: zod validation with the domain schema, the session and CSRF check against
 * the database, the in-memory grid lookup, the scope check, idempotency, the duplicate probe, the
 * event number from the sequence, the event, its first timeline entry and its clock (with the
 * rollup triggers firing as usual), and an audit row appended to the county's hash chain under the
 * same advisory lock. Changed: the category catalogue is cached in memory; the session is one query;
 * everything after it is one call of a PL/pgSQL function in autocommit, so the chain lock is held for
 * the end of one statement and its commit instead of two client round trips; the duplicate probe uses
 * an index on (category_code, reported_at); the audit hash is computed in SQL over jsonb text (not the
 * platform's canonical JSON, so verifyAuditChains would not accept these rows — this database is
 * thrown away).
 */
const fileEventFunction = `
create or replace function bench_file_event(
  p_id uuid, p_key text, p_source text, p_category text, p_version int, p_rules jsonb, p_title text, p_description text,
  p_lng float8, p_lat float8, p_grid text, p_owner_path ltree, p_user uuid, p_reporter text, p_actor text,
  p_tracking text, p_now timestamptz, p_path ltree, p_county text, p_due timestamptz, p_yellow timestamptz,
  out o_id uuid, out o_number text, out o_tracking text, out o_replayed boolean)
language plpgsql as $fn$
declare
  v_duplicate uuid;
  v_seq bigint;
  v_prev text;
  v_record jsonb;
  v_dlat float8 := 100 / 111320.0;
  v_dlng float8 := (100 / 111320.0) / cos(radians(p_lat));
begin
  select e.id, e.number, e.tracking_code into o_id, o_number, o_tracking from event e where e.idempotency_key = p_key;
  if found then o_replayed := true; return; end if;
  select e.id into v_duplicate from event e
  where e.category_code = p_category and e.reported_at >= p_now - interval '72 hours' and e.merged_into is null
    and e.state not in ('rejected', 'closed', 'evaluated')
    and e.lat between p_lat - v_dlat and p_lat + v_dlat and e.lng between p_lng - v_dlng and p_lng + v_dlng
    and 2 * 6371000 * asin(sqrt(power(sin(radians(e.lat - p_lat) / 2), 2)
        + cos(radians(p_lat)) * cos(radians(e.lat)) * power(sin(radians(e.lng - p_lng) / 2), 2))) <= 100
  limit 1;
  o_number := 'SJ' || p_county || to_char(p_now at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('event_number_seq')::text, 6, '0');
  insert into event (id, number, source, category_code, category_version, rules, title, description, lng, lat, grid_code,
    owner_org_code, owner_org_path, state, reporter_user_id, reporter_name, tracking_code, idempotency_key,
    suspected_duplicate_of, reported_at, org_path, county_code)
  values (p_id, o_number, p_source, p_category, p_version, p_rules, p_title, p_description, p_lng, p_lat, p_grid,
    subpath(p_owner_path, nlevel(p_owner_path) - 1, 1)::text, p_owner_path, 'reported', p_user, p_reporter, p_tracking, p_key,
    v_duplicate, p_now, p_path, p_county)
  on conflict (idempotency_key) do nothing;
  if not found then
    select e.id, e.number, e.tracking_code into o_id, o_number, o_tracking from event e where e.idempotency_key = p_key;
    o_replayed := true;
    return;
  end if;
  insert into event_timeline (id, event_id, at, actor_id, actor_name, action, from_state, to_state, text, data, org_path, county_code)
  values (gen_random_uuid(), p_id, p_now, p_user, p_reporter, 'report', null, 'reported', p_description,
    jsonb_build_object('source', p_source, 'categoryCode', p_category), p_path, p_county);
  insert into event_clock (event_id, kind, round, started_at, due_at, yellow_at, org_path, county_code)
  values (p_id, 'accept', 1, p_now, p_due, p_yellow, p_path, p_county);
  perform pg_advisory_xact_lock(hashtextextended('audit:' || p_county, 0));
  select a.seq, a.hash into v_seq, v_prev from audit_log a where a.chain = p_county order by a.seq desc limit 1;
  v_seq := coalesce(v_seq, 0) + 1;
  v_prev := coalesce(v_prev, repeat('0', 64));
  v_record := jsonb_build_object('chain', p_county, 'seq', v_seq, 'at', p_now, 'actorId', p_user, 'actorName', p_actor,
    'action', 'event.reported', 'entityType', 'event', 'entityId', p_id, 'orgPath', p_path::text, 'countyCode', p_county,
    'detail', jsonb_build_object('number', o_number, 'source', p_source, 'categoryCode', p_category, 'owner', subpath(p_owner_path, nlevel(p_owner_path) - 1, 1)::text));
  insert into audit_log (chain, seq, at, actor_id, actor_name, action, entity_type, entity_id, org_path, county_code, detail, prev_hash, hash)
  values (p_county, v_seq, p_now, p_user::text, p_actor, 'event.reported', 'event', p_id::text, p_path, p_county, v_record->'detail',
    v_prev, encode(sha256(convert_to(v_prev || E'\\n' || v_record::text, 'UTF8')), 'hex'));
  o_id := p_id;
  o_tracking := p_tracking;
  o_replayed := false;
end
$fn$`;

const trackingAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

interface Category {
  code: string;
  version: number;
  name: string;
  rules: CategoryRules;
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

/** Installs the function and the duplicate-probe index in the benchmark's database and serves the lean route. */
export async function startLeanIntake(handle: DbHandle): Promise<{ app: FastifyInstance; url: string; remove(): Promise<void> }> {
  await handle.query(fileEventFunction);
  await handle.query(`create index if not exists event_bench_duplicate_probe on event (category_code, reported_at)`);
  const { rows: categoryRows } = await handle.query<Category & { parent_code: string | null; active: boolean }>(
    `select distinct on (code) code, version, name, rules, parent_code, active from event_category order by code, version desc`,
  );
  const categories = new Map(categoryRows.filter((c) => c.parent_code !== null && c.active).map((c) => [c.code, c]));
  const locator = new GridLocator(handle.db);
  const calendar = defaultCalendar();

  const app = Fastify({ logger: false });
  app.post('/lean/events', async (request, reply) => {
    const token = cookieValue(request.headers.cookie, 'shizhi_session');
    if (!token) return reply.status(401).send({ code: 'AUTH.UNAUTHENTICATED' });
    const { rows: sessions } = await handle.query<{ id: string; username: string; display_name: string; csrf_token: string; paths: string[]; roles: string[] }>(
      `select u.id, u.username, u.display_name, s.csrf_token, array_agg(r.org_path::text) as paths, array_agg(r.role) as roles
       from user_session s join app_user u on u.id = s.user_id join role_assignment r on r.user_id = u.id
       where s.token_hash = $1 and s.expires_at > now() and u.status = 'active'
       group by u.id, u.username, u.display_name, s.csrf_token`,
      [tokenHash(token)],
    );
    const session = sessions[0];
    if (!session) return reply.status(401).send({ code: 'AUTH.UNAUTHENTICATED' });
    if (request.headers['x-csrf-token'] !== session.csrf_token) return reply.status(403).send({ code: 'AUTH.CSRF' });
    const parsed = reportEventSchema.safeParse(request.body);
    if (!parsed.success) return reply.status(400).send({ code: 'VALIDATION', message: parsed.error.message });
    const input = parsed.data;
    const category = categories.get(input.categoryCode);
    if (!category) return reply.status(400).send({ code: 'EVENT.CATEGORY_UNKNOWN', field: 'categoryCode' });
    const grid = input.location.lng !== undefined && input.location.lat !== undefined ? await locator.locate(input.location.lng, input.location.lat) : null;
    const scopePaths = minimalScope(session.paths);
    if (!grid || !isInScope({ scopePaths }, grid.orgPath)) return reply.status(400).send({ code: 'EVENT.LOCATION_UNKNOWN', field: 'location' });

    const now = new Date();
    const due = calendar.dueWithin(now, category.rules.limits.accept);
    const { yellow } = calendar.warningTimes(now, due, category.rules.warn);
    const ownerPath = ownerPathFor(grid.orgPath, category.rules.handlingLevel);
    const key = request.headers['idempotency-key'];
    const tracking = [...randomBytes(10)].map((b) => trackingAlphabet[b % 32]).join('');
    const { rows } = await handle.query<{ o_id: string; o_number: string; o_tracking: string; o_replayed: boolean }>(
      `select * from bench_file_event($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`,
      [
        randomUUID(),
        typeof key === 'string' ? `${session.id}:${key}` : null,
        session.roles.includes('grid_worker') ? 'grid_worker' : 'hotline',
        category.code,
        category.version,
        JSON.stringify(category.rules),
        input.title?.trim() || `${category.name}：${input.description.slice(0, 30)}`,
        input.description,
        input.location.lng,
        input.location.lat,
        grid.code,
        ownerPath,
        session.id,
        session.display_name,
        session.username,
        tracking,
        now.toISOString(),
        grid.orgPath,
        grid.orgPath.split('.')[2],
        due.toISOString(),
        yellow.toISOString(),
      ],
    );
    const r = rows[0]!;
    const body = { id: r.o_id, number: r.o_number, trackingCode: r.o_tracking, replayed: r.o_replayed };
    return reply.status(r.o_replayed ? 200 : 201).send(body);
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    url: `${loopbackBase(address)}/lean/events`,
    async remove() {
      await app.close();
      await handle.query(`drop index if exists event_bench_duplicate_probe`);
    },
  };
}
