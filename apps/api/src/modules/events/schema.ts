import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { CategoryRules, DeadlineClock, EventState } from '@shizhi/domain';
import { countyCode, ltree, orgPath } from '../../platform/db/columns.ts';

/**
 * The category catalogue (事件分类). Rules change over time, so each change is a new version; an event
 * keeps the version (and a copy of its rules) it was filed under.
 */
export const eventCategory = pgTable(
  'event_category',
  {
    code: text('code').notNull(),
    version: integer('version').notNull(),
    parentCode: text('parent_code'),
    name: text('name').notNull(),
    rules: jsonb('rules').$type<CategoryRules>().notNull(),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.code, t.version] })],
);

export const event = pgTable(
  'event',
  {
    id: uuid('id').primaryKey(),
    // Human-readable number: SJ + county + yyyymmdd + 5-digit sequence.
    number: text('number').notNull(),
    source: text('source').notNull(),
    categoryCode: text('category_code').notNull(),
    categoryVersion: integer('category_version').notNull(),
    rules: jsonb('rules').$type<CategoryRules>().notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    address: text('address'),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    gridCode: text('grid_code'),
    // The 综治中心 currently responsible (受理、派遣、核查); moves on escalation and hand-down.
    ownerOrgCode: text('owner_org_code').notNull(),
    ownerOrgPath: ltree('owner_org_path').notNull(),
    state: text('state').$type<EventState>().notNull(),
    suspendedFrom: text('suspended_from').$type<EventState>(),
    pendingExtensionDays: integer('pending_extension_days'),
    reworkCount: integer('rework_count').notNull().default(0),
    hasLeadTask: boolean('has_lead_task').notNull().default(false),
    selfHandled: boolean('self_handled').notNull().default(false),
    reporterUserId: uuid('reporter_user_id'),
    reporterName: text('reporter_name'),
    reporterPhone: text('reporter_phone'),
    trackingCode: text('tracking_code').notNull(),
    idempotencyKey: text('idempotency_key'),
    rating: text('rating'),
    // Duplicates: a report merged into a parent case keeps its reporter, who gets the parent's answer.
    mergedInto: uuid('merged_into'),
    suspectedDuplicateOf: uuid('suspected_duplicate_of'),
    reportedAt: timestamp('reported_at', { withTimezone: true, precision: 3 }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true, precision: 3 }),
    // Optimistic concurrency: every action checks and bumps it, so two handlers acting at once get one winner.
    revision: integer('revision').notNull().default(1),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [
    uniqueIndex('event_number_unique').on(t.number),
    uniqueIndex('event_tracking_unique').on(t.trackingCode),
    uniqueIndex('event_idempotency_unique').on(t.idempotencyKey),
    index('event_path_gist').using('gist', t.orgPath),
    index('event_owner_path_gist').using('gist', t.ownerOrgPath),
    index('event_state_idx').on(t.countyCode, t.state),
    // The duplicate check at intake: same category, recent (without it every report scanned the table).
    index('event_category_reported_idx').on(t.categoryCode, t.reportedAt),
    // A person's page lists the events they reported (一标三实).
    index('event_reporter_phone_idx').on(t.reporterPhone).where(sql`reporter_phone is not null`),
  ],
);

/** A lead task (主办) and co-handling tasks (协办), each with its own answer. */
export const eventTask = pgTable(
  'event_task',
  {
    id: uuid('id').primaryKey(),
    eventId: uuid('event_id').notNull(),
    kind: text('kind').$type<'lead' | 'co'>().notNull(),
    assigneeOrgCode: text('assignee_org_code').notNull(),
    assigneeOrgPath: ltree('assignee_org_path').notNull(),
    // Kept with the task: a department's name is not in a street's org scope, but its task is.
    assigneeOrgName: text('assignee_org_name'),
    state: text('state').$type<'open' | 'signed' | 'answered' | 'closed'>().notNull(),
    answer: text('answer'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [
    index('event_task_event_idx').on(t.eventId),
    index('event_task_assignee_gist').using('gist', t.assigneeOrgPath),
  ],
);

/** Every step, as the people involved see it (the audit log holds the same facts, chained). */
export const eventTimeline = pgTable(
  'event_timeline',
  {
    id: uuid('id').primaryKey(),
    eventId: uuid('event_id').notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state').$type<EventState>(),
    toState: text('to_state').$type<EventState>().notNull(),
    text: text('text'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [index('event_timeline_event_idx').on(t.eventId, t.at)],
);

/** A deadline clock: 受理, 处置 or 核查 time limit, with its warning thresholds. */
export const eventClock = pgTable(
  'event_clock',
  {
    eventId: uuid('event_id').notNull(),
    kind: text('kind').$type<DeadlineClock>().notNull(),
    round: integer('round').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }).notNull(),
    yellowAt: timestamp('yellow_at', { withTimezone: true, precision: 3 }).notNull(),
    stoppedAt: timestamp('stopped_at', { withTimezone: true, precision: 3 }),
    met: boolean('met'),
    // 挂起 stops the clock: while paused the due and warning times move out by the paused time.
    pausedAt: timestamp('paused_at', { withTimezone: true, precision: 3 }),
    // Set when the warning fired, so a fired clock leaves the sweeper's partial indexes.
    yellowFiredAt: timestamp('yellow_fired_at', { withTimezone: true, precision: 3 }),
    redFiredAt: timestamp('red_fired_at', { withTimezone: true, precision: 3 }),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.kind, t.round] }),
    index('event_clock_open_due').on(t.dueAt).where(sql`stopped_at is null`),
    index('event_clock_red_pending').on(t.dueAt).where(sql`stopped_at is null and red_fired_at is null`),
    index('event_clock_yellow_pending').on(t.yellowAt).where(sql`stopped_at is null and yellow_fired_at is null`),
  ],
);

/** Each yellow or red warning fires once per clock round; the row is the proof it fired, and when. */
export const eventWarning = pgTable(
  'event_warning',
  {
    eventId: uuid('event_id').notNull(),
    kind: text('kind').$type<DeadlineClock>().notNull(),
    round: integer('round').notNull(),
    level: text('level').$type<'yellow' | 'red'>().notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }).notNull(),
    firedAt: timestamp('fired_at', { withTimezone: true, precision: 3 }).notNull(),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.kind, t.round, t.level] }), index('event_warning_fired_idx').on(t.firedAt)],
);

/** 督办单: a centre above the owner orders it to act by a date; the owner must answer. */
export const supervisionOrder = pgTable(
  'supervision_order',
  {
    id: uuid('id').primaryKey(),
    eventId: uuid('event_id').notNull(),
    fromOrgCode: text('from_org_code').notNull(),
    toOrgCode: text('to_org_code').notNull(),
    reason: text('reason').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }).notNull(),
    state: text('state').$type<'open' | 'answered' | 'closed'>().notNull(),
    answer: text('answer'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true, precision: 3 }),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [index('supervision_order_event_idx').on(t.eventId), index('supervision_order_path_gist').using('gist', t.orgPath)],
);

/** Machines and other systems that file reports: Open311 clients, video-AI webhooks. Keys are stored hashed. */
export const apiClient = pgTable(
  'api_client',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').$type<'open311' | 'webhook'>().notNull(),
    keyHash: text('key_hash').notNull(),
    keyPrefix: text('key_prefix').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
    orgCode: text('org_code').notNull(),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [uniqueIndex('api_client_key_unique').on(t.keyHash)],
);

/**
 * One row of facts per event, recomputed by trigger whenever the event or one of its clocks changes
 * (order-independent, so bulk loads and live actions give the same figures). Scorecards read the
 * daily and monthly rollups below, which a trigger on this table keeps current by applying old → new
 * differences.
 */
export const eventFact = pgTable(
  'event_fact',
  {
    eventId: uuid('event_id').primaryKey(),
    categoryTop: text('category_top').notNull(),
    reportedDay: date('reported_day').notNull(),
    closedDay: date('closed_day'),
    closed: boolean('closed').notNull(),
    onTime: boolean('on_time').notNull(),
    selfHandled: boolean('self_handled').notNull(),
    // nlevel of the centre that closed it (5 community, 4 street, 3 district); 6 = settled in the grid.
    closedLevel: integer('closed_level'),
    responseDue: boolean('response_due').notNull(),
    respondedOnTime: boolean('responded_on_time').notNull(),
    rework: integer('rework').notNull(),
    rating: text('rating'),
    handleMs: bigint('handle_ms', { mode: 'number' }),
    // The earliest due time of the clocks still running (null when none runs): an open case is
    // overdue at an instant once this is before it, so the live open-overdue count needs no clocks.
    openDueAt: timestamp('open_due_at', { withTimezone: true, precision: 3 }),
    orgPath: orgPath(),
    countyCode: countyCode(),
  },
  (t) => [
    index('event_fact_path_gist').using('gist', t.orgPath),
    // Only the open cases (a few percent), with every column the open-overdue count reads.
    index('event_fact_open_due').on(t.reportedDay, t.openDueAt, t.orgPath, t.categoryTop).where(sql`not closed`),
  ],
);

export const eventDailyStats = pgTable(
  'event_daily_stats',
  {
    orgPath: orgPath(),
    day: date('day').notNull(),
    categoryTop: text('category_top').notNull(),
    reported: integer('reported').notNull().default(0),
    selfHandled: integer('self_handled').notNull().default(0),
    responseDue: integer('response_due').notNull().default(0),
    respondedOnTime: integer('responded_on_time').notNull().default(0),
    closed: integer('closed').notNull().default(0),
    closedOnTime: integer('closed_on_time').notNull().default(0),
    reworked: integer('reworked').notNull().default(0),
    rated: integer('rated').notNull().default(0),
    satisfied: integer('satisfied').notNull().default(0),
    basicallySatisfied: integer('basically_satisfied').notNull().default(0),
    unsatisfied: integer('unsatisfied').notNull().default(0),
    handleMs: bigint('handle_ms', { mode: 'number' }).notNull().default(0),
    closedInGrid: integer('closed_in_grid').notNull().default(0),
    closedAtVillage: integer('closed_at_village').notNull().default(0),
    closedAtTownship: integer('closed_at_township').notNull().default(0),
    closedAtCounty: integer('closed_at_county').notNull().default(0),
    countyCode: countyCode(),
  },
  (t) => [
    primaryKey({ columns: [t.orgPath, t.day, t.categoryTop] }),
    index('event_daily_stats_path_gist').using('gist', t.orgPath),
    index('event_daily_stats_day').on(t.countyCode, t.day),
  ],
);

/**
 * The same counters summed by calendar month (`month` is its first day), kept by the same trigger, so a
 * scorecard over a year reads about 12 rows per unit and category instead of 365: whole months from
 * here, the days of a partial month at either end of the period from event_daily_stats.
 */
export const eventMonthlyStats = pgTable(
  'event_monthly_stats',
  {
    orgPath: orgPath(),
    month: date('month').notNull(),
    categoryTop: text('category_top').notNull(),
    reported: integer('reported').notNull().default(0),
    selfHandled: integer('self_handled').notNull().default(0),
    responseDue: integer('response_due').notNull().default(0),
    respondedOnTime: integer('responded_on_time').notNull().default(0),
    closed: integer('closed').notNull().default(0),
    closedOnTime: integer('closed_on_time').notNull().default(0),
    reworked: integer('reworked').notNull().default(0),
    rated: integer('rated').notNull().default(0),
    satisfied: integer('satisfied').notNull().default(0),
    basicallySatisfied: integer('basically_satisfied').notNull().default(0),
    unsatisfied: integer('unsatisfied').notNull().default(0),
    handleMs: bigint('handle_ms', { mode: 'number' }).notNull().default(0),
    closedInGrid: integer('closed_in_grid').notNull().default(0),
    closedAtVillage: integer('closed_at_village').notNull().default(0),
    closedAtTownship: integer('closed_at_township').notNull().default(0),
    closedAtCounty: integer('closed_at_county').notNull().default(0),
    countyCode: countyCode(),
  },
  (t) => [
    primaryKey({ columns: [t.orgPath, t.month, t.categoryTop] }),
    index('event_monthly_stats_path_gist').using('gist', t.orgPath),
    index('event_monthly_stats_month').on(t.countyCode, t.month),
  ],
);
