import { and, desc, gte, inArray, lte, notInArray, sql, type SQL } from 'drizzle-orm';
import { eventStateLabels, type CategoryRules, type EventState } from '@shizhi/domain';
import type { Executor } from '../../platform/db/client.ts';
import { event } from '../events/index.ts';
import { serviceNotice } from './services.ts';

const closedStates: EventState[] = ['closed', 'evaluated', 'rejected'];

/**
 * Category groups whose reports concern people rather than places — family and neighbour disputes
 * (01 矛盾纠纷) and leads to the police (02 治安隐患). Their status is public; what was said and where
 * is not, since the GET methods need no key and publishing them would expose the parties or warn a suspect.
 */
const confidentialGroups = ['01', '02'];

// A type, not an interface, so it is assignable to the XML writer's record type.
export type Open311Request = {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string;
  lat: number | null;
  long: number | null;
  media_url: string | null;
};

export interface RequestFilter {
  numbers?: readonly string[];
  serviceCodes?: readonly string[];
  start?: Date;
  end?: Date;
  statuses?: readonly ('open' | 'closed')[];
  limit: number;
}

// Free text may carry a phone or ID number the citizen typed in; public output never shows one whole.
function redactNumbers(text: string): string {
  return text.replace(/\d{7,}/g, (digits) => `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`);
}

// Drizzle writes a column in the select list unqualified ("id"), which inside a subquery on
// event_timeline would mean the timeline's own id; the outer row has to be named.
const eventId = sql.raw('"event"."id"');

const columns = {
  number: event.number,
  state: event.state,
  categoryCode: event.categoryCode,
  rules: event.rules,
  description: event.description,
  address: event.address,
  lng: event.lng,
  lat: event.lat,
  orgPath: event.orgPath,
  reportedAt: event.reportedAt,
  closedAt: event.closedAt,
  source: event.source,
  serviceName: sql<string | null>`(select c.name from event_category c where c.code = ${event.categoryCode} and c.version = ${event.categoryVersion})`,
  agency: sql<string | null>`coalesce((select g.name from governance_center g where g.org_code = ${event.ownerOrgCode}), (select u.name from org_unit u where u.code = ${event.ownerOrgCode}))`,
  updatedAt: sql<string | Date | null>`(select max(t.at) from event_timeline t where t.event_id = ${eventId})`,
  expectedAt: sql<string | Date | null>`(select max(k.due_at) from event_clock k where k.event_id = ${eventId} and k.kind = 'handle' and k.stopped_at is null)`,
  rejectReason: sql<string | null>`(select t.text from event_timeline t where t.event_id = ${eventId} and t.action = 'reject' order by t.at desc limit 1)`,
  mediaUrl: sql<string | null>`(select t.data->>'mediaUrl' from event_timeline t where t.event_id = ${eventId} and t.action = 'report' limit 1)`,
};

type Row = {
  number: string;
  state: EventState;
  categoryCode: string;
  rules: CategoryRules;
  description: string;
  address: string | null;
  lng: number | null;
  lat: number | null;
  orgPath: string;
  reportedAt: Date;
  closedAt: Date | null;
  source: string;
  serviceName: string | null;
  agency: string | null;
  updatedAt: string | Date | null;
  expectedAt: string | Date | null;
  rejectReason: string | null;
  mediaUrl: string | null;
};

const iso = (value: string | Date | null): string | null => (value === null ? null : new Date(value).toISOString());

function toRequest(row: Row): Open311Request {
  const closed = closedStates.includes(row.state);
  const confidential = confidentialGroups.includes(row.categoryCode.slice(0, 2));
  const label = eventStateLabels[row.state].zh;
  return {
    service_request_id: row.number,
    status: closed ? 'closed' : 'open',
    status_notes: row.state === 'rejected' && row.rejectReason ? `${label}：${row.rejectReason}` : label,
    service_name: row.serviceName ?? row.categoryCode,
    service_code: row.categoryCode,
    description: confidential ? null : redactNumbers(row.description),
    agency_responsible: row.agency,
    service_notice: serviceNotice(row.rules),
    requested_datetime: row.reportedAt.toISOString(),
    updated_datetime: (closed && row.closedAt ? row.closedAt.toISOString() : iso(row.updatedAt)) ?? row.reportedAt.toISOString(),
    expected_datetime: closed ? null : iso(row.expectedAt),
    address: confidential || !row.address ? null : redactNumbers(row.address),
    // The place's own code (grid or community): coarse enough to publish, exact enough to map.
    address_id: row.orgPath.slice(row.orgPath.lastIndexOf('.') + 1),
    lat: confidential ? null : row.lat,
    long: confidential ? null : row.lng,
    // Only media the submitter already published as a URL through Open311 goes back out.
    media_url: confidential || row.source !== 'open311' ? null : row.mediaUrl,
  };
}

/** GET requests: newest first, at most `limit`. Numbers, when given, override every other filter (per spec). */
export async function findServiceRequests(db: Executor, filter: RequestFilter): Promise<Open311Request[]> {
  const conditions: (SQL | undefined)[] = [];
  if (filter.numbers) {
    conditions.push(inArray(event.number, [...filter.numbers]));
  } else {
    if (filter.serviceCodes?.length) conditions.push(inArray(event.categoryCode, [...filter.serviceCodes]));
    if (filter.start) conditions.push(gte(event.reportedAt, filter.start));
    if (filter.end) conditions.push(lte(event.reportedAt, filter.end));
    const statuses = new Set(filter.statuses ?? []);
    if (statuses.size === 1) {
      conditions.push(statuses.has('closed') ? inArray(event.state, closedStates) : notInArray(event.state, closedStates));
    }
  }
  const rows = await db
    .select(columns)
    .from(event)
    .where(and(...conditions))
    .orderBy(desc(event.reportedAt))
    .limit(filter.limit);
  return rows.map((r) => toRequest(r as Row));
}
