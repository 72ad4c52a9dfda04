import {
  applyEventAction,
  refuseEventAction,
  type CategoryRules,
  type DeadlineClock,
  type EventAction,
  type EventActionRequest,
  type EventParty,
  type EventSnapshot,
  type EventSource,
  type EventState,
  type Rng,
} from '@shizhi/domain';
import { ClockSet, type ClockDraft, type WorkTime } from './clocks.ts';
import type { HistoryActor, HistoryDistrict, HistoryGrid, HistoryUnit } from './district.ts';
import { phrase } from './texts.ts';

/**
 * One event's record as the events module keeps it: each step is checked with `refuseEventAction` for
 * the person taking it and applied with `applyEventAction`, and its effects on tasks, owner, clocks
 * and timeline are those the module's use cases write (act-on-event.ts, rate-as-public-reporter.ts);
 * between steps, warnings and supervision orders come as its deadline sweeper (deadline-engine.ts)
 * brings them. Which steps are taken, by whom and when is walk.ts's business.
 */

export type Rating = NonNullable<EventActionRequest['rating']>;

export interface TaskDraft {
  id: string;
  kind: 'lead' | 'co';
  unit: HistoryUnit;
  /** The person who signs and answers for the unit. */
  handler: HistoryActor;
  state: 'open' | 'signed' | 'answered' | 'closed';
  answer: string | null;
  createdAt: number;
}

export interface TimelineDraft {
  id: string;
  at: number;
  actorId: string | null;
  actorName: string;
  action: string;
  fromState: EventState | null;
  toState: EventState;
  text: string | null;
  data: Record<string, unknown>;
}

export interface WarningDraft {
  kind: DeadlineClock;
  round: number;
  level: 'yellow' | 'red';
  dueAt: number;
  firedAt: number;
}

export interface OrderDraft {
  id: string;
  fromOrgCode: string;
  toOrgCode: string;
  reason: string;
  dueAt: number;
  state: 'open' | 'answered';
  answer: string | null;
  createdAt: number;
  answeredAt: number | null;
}

export interface EventStart {
  rules: CategoryRules;
  categoryCode: string;
  source: EventSource;
  grid: HistoryGrid;
  reportedAt: number;
  /** The account that filed it (grid worker, hotline operator), or null (citizen, machine). */
  filer: HistoryActor | null;
  /** The name on the report: the caller's, the citizen's, the camera platform's. */
  reporterName: string | null;
  description: string;
  reportData: Record<string, unknown>;
}

// Path labels: 0 province, 1 city, 2 county, 3 township, 4 village, 5 grid.
// One rule for who owns a matter, shared with live intake.
export { ownerPathFor, parentCentrePath } from '../../events/index.ts';
import { ownerPathFor, parentCentrePath } from '../../events/index.ts';

function codeOfPath(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

function isBelow(ancestor: string, candidate: string): boolean {
  return candidate.startsWith(`${ancestor}.`);
}

const handlerRoles = new Set(['grid_worker', 'dept_handler', 'center_staff']);
const escalatable: readonly EventState[] = ['reported', 'accepted', 'dispatched', 'in_progress'];

const hour = 3_600_000;
/** A working day of the default calendar (08:30–12:00, 13:30–17:30). */
export const workDay = 7.5 * hour;

export interface Step {
  at: number;
  action: EventAction;
  actor: HistoryActor;
  text?: string;
  lead?: HistoryUnit;
  co?: HistoryUnit[];
  target?: HistoryUnit;
  extensionDays?: number;
  rating?: Rating;
  /** 评价 through the tracking code: the reporter has no account, holding the code is what counts. */
  byTrackingCode?: boolean;
}

export class EventRecord {
  snapshot: EventSnapshot = { state: 'reported', suspendedFrom: null, pendingExtensionDays: null, reworkCount: 0, hasLeadTask: false };
  ownerPath: string;
  selfHandled = false;
  rating: Rating | null = null;
  closedAt: number | null = null;
  revision = 1;
  /** When the last step was taken. */
  lastStepAt: number;
  /** Whether a red card has fired: a late case leaves fewer people satisfied. */
  redCardSeen = false;
  readonly placePath: string;
  readonly tasks: TaskDraft[] = [];
  readonly clocks: ClockSet;
  readonly timeline: TimelineDraft[] = [];
  readonly warnings: WarningDraft[] = [];
  readonly orders: OrderDraft[] = [];

  private readonly answers: { order: OrderDraft; at: number; actor: HistoryActor }[] = [];
  private readonly warned = new Set<string>();

  constructor(
    readonly start: EventStart,
    private readonly district: HistoryDistrict,
    private readonly time: WorkTime,
    private readonly rng: Rng,
    private readonly newId: () => string,
  ) {
    this.placePath = start.grid.path;
    this.ownerPath = ownerPathFor(this.placePath, start.rules.handlingLevel);
    this.clocks = new ClockSet(time, start.rules);
    this.lastStepAt = start.reportedAt;
    // 上报, as fileEvent writes it: the first timeline entry and the 受理 clock.
    this.timeline.push({
      id: newId(),
      at: start.reportedAt,
      actorId: start.filer?.id ?? null,
      actorName: start.reporterName ?? start.filer?.name ?? '报事人',
      action: 'report',
      fromState: null,
      toState: 'reported',
      text: start.description,
      data: { ...start.reportData, source: start.source, categoryCode: start.categoryCode },
    });
    this.clocks.start(['accept'], start.reportedAt);
  }

  get reporterUserId(): string | null {
    return this.start.filer?.id ?? null;
  }

  /** When it stopped being open (closed, or not accepted), or null while it still is. */
  get endedAt(): number | null {
    if (this.closedAt !== null) return this.closedAt;
    return this.snapshot.state === 'rejected' ? (this.timeline.find((e) => e.action === 'reject')?.at ?? null) : null;
  }

  ownerStaff(): HistoryActor {
    return this.unitAt(this.ownerPath).actors[0]!;
  }

  unitAt(path: string): HistoryUnit {
    const unit = this.district.unitsByPath.get(path);
    if (!unit) throw new RangeError(`no unit with staff at ${path}`);
    return unit;
  }

  leadTask(): TaskDraft | undefined {
    return this.tasks.find((t) => t.kind === 'lead' && t.state !== 'closed');
  }

  // ─── who may act ─────────────────────────────────────────────────────────────────────────────

  /** The same reading of a person's standing as the events module's `partiesOf`. */
  private partiesOf(actor: HistoryActor): Set<EventParty> {
    const parties = new Set<EventParty>();
    for (const a of actor.assignments) {
      if (a.role === 'center_staff' && a.path === this.ownerPath) parties.add('owner');
      if (a.role === 'center_staff' && isBelow(a.path, this.ownerPath)) parties.add('upper');
      if (!handlerRoles.has(a.role)) continue;
      for (const task of this.tasks) {
        if (task.state === 'closed' || task.unit.path !== a.path) continue;
        parties.add(task.kind === 'lead' ? 'assignee' : 'coHandler');
      }
    }
    // Only a grid worker's own report makes them its reporter; an operator files for a caller.
    if (actor.id !== null && actor.id === this.reporterUserId && this.start.source === 'grid_worker') parties.add('reporter');
    return parties;
  }

  // ─── applying a step ─────────────────────────────────────────────────────────────────────────

  apply(step: Step, at: number): void {
    const from = this.snapshot.state;
    const parties: ReadonlySet<EventParty> = step.byTrackingCode ? new Set<EventParty>(['reporter']) : this.partiesOf(step.actor);
    const refusal = refuseEventAction(this.snapshot, step.action, parties, step.text);
    if (refusal) throw new Error(`event history: ${from} → ${step.action} refused (${refusal.reason}) for ${step.actor.name}`);
    const outcome = applyEventAction(this.snapshot, step.action, { extensionDays: step.extensionDays });
    const data: Record<string, unknown> = {};

    switch (step.action) {
      case 'dispatch': {
        const targets = [step.lead!, ...(step.co ?? [])];
        for (const unit of targets) {
          const valid = unit.level === 'department' ? this.ownerPath.split('.').length === 3 : unit.path === this.ownerPath || isBelow(this.ownerPath, unit.path);
          if (!valid) throw new Error(`event history: ${unit.code} is no dispatch target for ${codeOfPath(this.ownerPath)}`);
        }
        for (const task of this.tasks) if (task.state !== 'closed') task.state = 'closed';
        targets.forEach((unit, i) =>
          this.tasks.push({
            id: this.newId(),
            kind: i === 0 ? 'lead' : 'co',
            unit,
            handler: unit.level === 'grid' && unit.actors.length > 1 && this.rng.chance(0.15) ? unit.actors[1]! : unit.actors[0]!,
            state: 'open',
            answer: null,
            createdAt: at,
          }),
        );
        data.lead = step.lead!.code;
        data.co = (step.co ?? []).map((u) => u.code);
        break;
      }
      case 'sign':
        for (const task of this.tasks) if (task.kind === 'lead' && task.state === 'open') task.state = 'signed';
        break;
      case 'answer_co_task':
        for (const task of this.tasks) {
          if (task.kind === 'co' && task.state !== 'closed' && step.actor.assignments.some((a) => a.path === task.unit.path)) {
            task.state = 'answered';
            task.answer = step.text ?? null;
          }
        }
        break;
      case 'feedback':
        for (const task of this.tasks) {
          if (task.kind === 'lead' && task.state !== 'closed') {
            task.state = 'answered';
            task.answer = step.text ?? null;
          }
        }
        break;
      case 'verify_pass':
        for (const task of this.tasks) task.state = 'closed';
        break;
      case 'verify_fail':
        for (const task of this.tasks) if (task.kind === 'lead' && task.state !== 'closed') task.state = 'signed';
        break;
      case 'escalate': {
        const fromCode = codeOfPath(this.ownerPath);
        // The owner passes it up a level; a handler passes it back to the owner to decide again.
        if (parties.has('owner')) this.ownerPath = parentCentrePath(this.ownerPath)!;
        for (const task of this.tasks) task.state = 'closed';
        data.from = fromCode;
        data.to = codeOfPath(this.ownerPath);
        break;
      }
      case 'hand_down': {
        const unit = step.target!;
        const valid =
          (unit.level === 'village' || unit.level === 'township') &&
          isBelow(this.ownerPath, unit.path) &&
          (this.placePath === unit.path || isBelow(unit.path, this.placePath));
        if (!valid) throw new Error(`event history: cannot hand down to ${unit.code}`);
        data.from = codeOfPath(this.ownerPath);
        data.to = unit.code;
        this.ownerPath = unit.path;
        break;
      }
      case 'rate':
        data.rating = step.rating;
        if (step.byTrackingCode) data.via = 'tracking_code';
        break;
      case 'request_extension':
        data.days = outcome.next.pendingExtensionDays;
        break;
      case 'approve_extension':
        data.days = this.snapshot.pendingExtensionDays;
        this.clocks.extend('handle', this.snapshot.pendingExtensionDays ?? 1);
        break;
      case 'suspend':
        this.clocks.pause(at);
        break;
      case 'resume':
        this.clocks.resume(at);
        break;
      default:
        break;
    }

    const next = outcome.next;
    if (step.action === 'self_handle') this.selfHandled = true;
    if (step.action === 'rate') this.rating = step.rating ?? null;
    if (next.state === 'closed') this.closedAt = at;
    this.snapshot = next;
    this.revision += 1;
    this.clocks.stop(outcome.stops, at);
    this.clocks.start(outcome.starts, at);
    this.timeline.push({
      id: this.newId(),
      at,
      actorId: step.byTrackingCode ? null : step.actor.id,
      actorName: step.actor.name,
      action: step.action,
      fromState: from,
      toState: next.state,
      text: step.text ?? null,
      data,
    });
    this.lastStepAt = at;
  }

  // ─── the deadline sweeper ────────────────────────────────────────────────────────────────────

  /**
   * Fires the warnings (and answers the supervision orders) due before `until`, as the sweeper and
   * the owner would have. Returns true when a red card escalated the event (the plan must change).
   */
  sweep(until: number): boolean {
    for (;;) {
      const warning = this.clocks.nextWarning();
      const firesAt = warning ? warning.at + 200 + this.rng.int(0, 800) : Number.POSITIVE_INFINITY;
      const answer = this.answers.reduce<(typeof this.answers)[number] | null>((a, b) => (a && a.at <= b.at ? a : b), null);
      if (answer && answer.at < until && answer.at <= firesAt) {
        this.answerOrder(answer);
        continue;
      }
      if (!warning || firesAt >= until) return false;
      if (this.fireWarning(warning.clock, warning.level, firesAt)) return true;
    }
  }

  private fireWarning(clock: ClockDraft, level: 'yellow' | 'red', at: number): boolean {
    this.clocks.fire(clock, level, at);
    if (level === 'red') this.redCardSeen = true;
    const key = `${clock.kind}:${clock.round}:${level}`;
    if (!this.warned.has(key)) {
      this.warned.add(key);
      this.warnings.push({ kind: clock.kind, round: clock.round, level, dueAt: clock.dueAt, firedAt: at });
    }
    const label = level === 'red' ? '红牌预警：已超期' : '黄牌预警：即将超期';
    this.systemEntry(at, `warning_${level}`, `${label}（${clock.kind}）`, {
      kind: clock.kind,
      round: clock.round,
      dueAt: new Date(clock.dueAt).toISOString(),
    });
    if (level !== 'red') return false;
    const onRed = this.start.rules.onRed ?? 'supervise';
    if (onRed === 'supervise') this.superviseFromAbove(at, `${clock.kind} 时限已到期未办结`);
    if (onRed === 'escalate') return this.escalateAutomatically(at);
    return false;
  }

  private systemEntry(at: number, action: string, text: string, data: Record<string, unknown>): void {
    const state = this.snapshot.state;
    this.timeline.push({ id: this.newId(), at, actorId: null, actorName: '系统', action, fromState: state, toState: state, text, data });
  }

  /** 督办 from the centre above the owner, one open order at a time; the owner answers within hours, mostly. */
  private superviseFromAbove(at: number, reason: string): void {
    const upper = parentCentrePath(this.ownerPath);
    if (!upper || this.orders.some((o) => o.state === 'open')) return;
    const order: OrderDraft = {
      id: this.newId(),
      fromOrgCode: codeOfPath(upper),
      toOrgCode: codeOfPath(this.ownerPath),
      reason,
      dueAt: this.time.due(at, { unit: 'workingDays', value: 1 }),
      state: 'open',
      answer: null,
      createdAt: at,
      answeredAt: null,
    };
    this.orders.push(order);
    this.systemEntry(at, 'supervise', reason, { orderId: order.id, from: order.fromOrgCode, to: order.toOrgCode });
    const delay = this.rng.chance(0.9) ? this.rng.real(0.5 * hour, 6 * hour) : this.rng.real(workDay, 3 * workDay);
    this.answers.push({ order, at: this.time.after(at, delay), actor: this.ownerStaff() });
  }

  private answerOrder(pending: (typeof this.answers)[number]): void {
    this.answers.splice(this.answers.indexOf(pending), 1);
    const text = phrase(this.rng, 'supervisionAnswer');
    pending.order.state = 'answered';
    pending.order.answer = text;
    pending.order.answeredAt = pending.at;
    const state = this.snapshot.state;
    this.timeline.push({
      id: this.newId(),
      at: pending.at,
      actorId: pending.actor.id,
      actorName: pending.actor.name,
      action: 'supervision_answered',
      fromState: state,
      toState: state,
      text,
      data: { orderId: pending.order.id },
    });
  }

  /** A red card of an "escalate" category: up to the centre above, as the sweeper does it. */
  private escalateAutomatically(at: number): boolean {
    const upper = parentCentrePath(this.ownerPath);
    if (!upper || !escalatable.includes(this.snapshot.state)) return false;
    const from = this.snapshot.state;
    const outcome = applyEventAction(this.snapshot, 'escalate');
    for (const task of this.tasks) task.state = 'closed';
    const fromCode = codeOfPath(this.ownerPath);
    this.ownerPath = upper;
    this.snapshot = { ...outcome.next, hasLeadTask: false };
    this.revision += 1;
    this.clocks.stop(outcome.stops, at);
    this.clocks.start(outcome.starts, at);
    this.timeline.push({
      id: this.newId(),
      at,
      actorId: null,
      actorName: '系统',
      action: 'escalate',
      fromState: from,
      toState: outcome.next.state,
      text: '超期自动上报上级',
      data: { from: fromCode, to: codeOfPath(upper), automatic: true },
    });
    this.lastStepAt = at;
    return true;
  }
}
