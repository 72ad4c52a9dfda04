import {
  applyDisputeAction,
  defaultResolveLimit,
  disputeWarnAt,
  documentRecordProblem,
  followUpOffsetsDays,
  refuseDisputeAction,
  type DisputeAction,
  type DisputeOutcome,
  type DisputeParty,
  type DisputeSnapshot,
  type DisputeState,
  type JudicialState,
  type NextRoute,
  type PerformanceState,
  type RiskGrade,
  type RiskReason,
  type SessionMode,
  type WorkCalendar,
} from '@shizhi/domain';
import type { disputeCase, disputeClock, disputeFollowUp, disputeSession, disputeTimeline, disputeWarning } from '../../disputes/index.ts';
import type { HistoryActor } from '../event-history/district.ts';
import { chinaDate } from '../event-history/reports.ts';

/**
 * One dispute case's record as the disputes module keeps it: each step is checked with
 * `refuseDisputeAction` for the person taking it and applied with `applyDisputeAction`, and its
 * effects on the case, sessions, follow-ups, clock and timeline are those act-on-dispute.ts writes
 * (the clock as clock.ts keeps it, one round per acceptance or reopening, due in one month of natural
 * days on the working calendar). Between steps the 化解时限 cards fire as deadline-sweep.ts fires them.
 * Which steps are taken, by whom and when is the plan's business. Times are epoch milliseconds.
 */

export type CaseRow = typeof disputeCase.$inferInsert;
export type SessionRow = typeof disputeSession.$inferInsert;
export type FollowUpRow = typeof disputeFollowUp.$inferInsert;
export type TimelineRow = typeof disputeTimeline.$inferInsert;
export type ClockRow = typeof disputeClock.$inferInsert;
export type WarningRow = typeof disputeWarning.$inferInsert;

export interface Body {
  id: string;
  name: string;
  kind: string;
  method: CaseRow['method'] & string;
  field: string | null;
  orgCode: string;
  orgPath: string;
  mediators: { id: string; name: string; userId: string | null }[];
}

export interface Step {
  at: number;
  action: DisputeAction;
  actor: HistoryActor;
  text?: string;
  riskGrade?: RiskGrade;
  body?: Body;
  mediator?: Body['mediators'][number];
  session?: { mode: SessionMode; scheduledAt: number; place?: string; videoLink?: string };
  attendees?: { name: string; role: string }[];
  outcome?: Exclude<DisputeOutcome, 'failed'>;
  performBy?: string;
  nextRoute?: NextRoute;
  stabilityMeasure?: string;
  days?: number;
  method?: 'phone' | 'visit';
  performance?: PerformanceState;
  judicial?: { state: JudicialState; court: string; caseNumber?: string; on: string };
  signedOn?: string;
  score?: number;
}

const dayMs = 86_400_000;
const labels = { red: '红牌预警：化解时限已到期', yellow: '黄牌预警：化解时限即将到期' } as const;

export class DisputeRecord {
  snapshot: DisputeSnapshot;
  readonly sessions: SessionRow[] = [];
  readonly followUps: FollowUpRow[] = [];
  readonly timeline: TimelineRow[] = [];
  readonly clocks: ClockRow[] = [];
  readonly warnings: WarningRow[] = [];
  lastStepAt: number;

  constructor(
    readonly row: CaseRow,
    private readonly calendar: WorkCalendar,
    private readonly newId: () => string,
    registrar: HistoryActor,
    acceptNow: boolean,
  ) {
    this.snapshot = { state: row.state!, hasMediator: false, outcome: null, followUpsDone: 0, reopenCount: 0, judicialState: null, agreementSignedOn: null };
    const at = row.registeredAt.getTime();
    this.lastStepAt = at;
    // 登记, as openCase writes it; a case taken over from an event starts accepted with its clock.
    this.entry(at, registrar, 'register', null, 'registered', null, { source: row.source, riskGrade: row.riskGrade });
    if (acceptNow) {
      const due = this.startClock(at);
      row.dueAt = new Date(due);
      this.entry(at, registrar, 'accept', 'registered', 'accepted', null, { dueAt: new Date(due).toISOString() });
    }
  }

  get state(): DisputeState {
    return this.snapshot.state;
  }

  /** The running clock round, if any. */
  running(): ClockRow | undefined {
    return this.clocks.find((c) => c.stoppedAt === null);
  }

  /** The same reading of a person's standing as the disputes module's `disputePartiesOf`. */
  partiesOf(actor: HistoryActor): Set<DisputeParty> {
    const parties = new Set<DisputeParty>();
    const owner = this.row.ownerOrgPath;
    for (const a of actor.assignments) {
      if (a.role !== 'center_staff') continue;
      if (a.path === owner) parties.add('centre');
      else if (owner.startsWith(`${a.path}.`)) parties.add('upper');
    }
    if (this.row.mediatorUserId && this.row.mediatorUserId === actor.id) parties.add('mediator');
    return parties;
  }

  apply(step: Step): void {
    this.sweep(step.at);
    const at = step.at;
    const from = this.snapshot.state;
    const refusal = refuseDisputeAction(this.snapshot, step.action, this.partiesOf(step.actor), step.text);
    if (refusal) throw new Error(`dispute history: ${from} → ${step.action} refused (${refusal.reason}) for ${step.actor.name}`);
    const row = this.row;
    // The date checks of signing and 司法确认, as act-on-dispute makes them.
    if (step.action === 'record_signing' || step.action === 'record_judicial') {
      const dates = { agreementOn: row.outcomeAt ? chinaDate(row.outcomeAt.getTime()) : null, effectiveOn: row.agreementSignedOn ?? null, today: chinaDate(at) };
      const request =
        step.action === 'record_signing'
          ? { action: step.action, signedOn: step.signedOn! }
          : { action: step.action, judicialState: step.judicial!.state, on: step.judicial!.on, caseNumber: step.judicial!.caseNumber, text: step.text };
      const problem = documentRecordProblem(request, dates);
      if (problem) throw new Error(`dispute history: ${step.action} refused (${problem.detail})`);
    }
    const input =
      step.action === 'record_agreement'
        ? { outcome: step.outcome }
        : step.action === 'record_judicial'
          ? { judicialState: step.judicial!.state }
          : step.action === 'record_signing'
            ? { signedOn: step.signedOn! }
            : {};
    const outcome = applyDisputeAction(this.snapshot, step.action, input);
    const scope = { disputeId: row.id, orgPath: row.orgPath, countyCode: row.countyCode };
    let data: Record<string, unknown> = {};

    switch (step.action) {
      case 'accept':
        row.acceptedAt = new Date(at);
        break;
      case 'refuse':
        row.closedAt = new Date(at);
        break;
      case 'triage': {
        const wanted = step.riskGrade ?? row.riskGrade!;
        const rulesGrade = row.riskGrade!;
        if (wanted !== rulesGrade) {
          const reasons: RiskReason[] = [...(row.riskReasons ?? [])];
          reasons.push({ code: 'staff_judgement', grade: wanted, zh: `研判调整：${step.text!.trim()}`, en: `Staff judgement: ${step.text!.trim()}` });
          row.riskReasons = reasons;
        }
        data = { riskGrade: wanted, rulesGrade, from: row.riskGrade };
        row.riskGrade = wanted;
        break;
      }
      case 'assign': {
        const body = step.body!;
        const person = step.mediator!;
        data = { mediationOrgId: body.id, mediationOrg: body.name, mediatorId: person.id, mediator: person.name, previousMediator: row.mediatorName ?? null };
        Object.assign(row, {
          method: body.method,
          mediationOrgId: body.id,
          mediationOrgPath: body.orgPath,
          mediatorId: person.id,
          mediatorUserId: person.userId,
          mediatorName: person.name,
        });
        break;
      }
      case 'schedule_session': {
        const s = step.session!;
        const id = this.newId();
        this.sessions.push({
          id,
          ...scope,
          seq: this.sessions.length + 1,
          mode: s.mode,
          scheduledAt: new Date(s.scheduledAt),
          place: s.place ?? null,
          videoLink: s.videoLink ?? null,
          state: 'scheduled',
          attendees: [],
          record: null,
          heldAt: null,
          recordedBy: null,
        });
        data = { sessionId: id, mode: s.mode, scheduledAt: new Date(s.scheduledAt).toISOString() };
        break;
      }
      case 'record_session': {
        const session = this.sessions.findLast((s) => s.state === 'scheduled');
        if (!session) throw new Error('dispute history: no session to record');
        Object.assign(session, { state: 'held', heldAt: new Date(at), record: step.text ?? null, attendees: step.attendees ?? [], recordedBy: step.actor.name });
        data = { sessionId: session.id, attendees: (step.attendees ?? []).map((a) => a.name) };
        break;
      }
      case 'extend': {
        const due = this.extendClock(step.days!, at);
        if (due !== null) row.dueAt = new Date(due);
        data = { days: step.days, dueAt: due === null ? null : new Date(due).toISOString(), consent: true };
        break;
      }
      case 'record_agreement': {
        const followUps = followUpOffsetsDays.map((d) => ({ id: this.newId(), ...scope, dueOn: chinaDate(at + d * dayMs) }));
        for (const f of followUps) this.followUps.push({ ...f, doneAt: null, method: null, performance: null, note: null, doneBy: null });
        Object.assign(row, { outcomeAt: new Date(at), success: true, resolution: step.text ?? null, performBy: step.performBy ?? null, performance: null });
        data = { outcome: step.outcome, performBy: step.performBy ?? null, followUps: followUps.map((f) => f.dueOn) };
        break;
      }
      case 'record_failure':
        Object.assign(row, { outcomeAt: new Date(at), success: false, resolution: step.text ?? null, nextRoute: step.nextRoute, stabilityMeasure: step.stabilityMeasure });
        data = { nextRoute: step.nextRoute, stabilityMeasure: step.stabilityMeasure };
        break;
      case 'record_follow_up': {
        const values = { doneAt: new Date(at), method: step.method!, performance: step.performance!, note: step.text ?? null, doneBy: step.actor.name };
        const due = this.followUps.filter((f) => f.doneAt === null).sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];
        if (due) Object.assign(due, values);
        else this.followUps.push({ id: this.newId(), ...scope, dueOn: chinaDate(at), ...values });
        row.performance = step.performance!;
        data = { method: step.method, performance: step.performance };
        break;
      }
      case 'record_signing':
        Object.assign(row, { agreementSignedOn: step.signedOn!, agreementSignedBy: step.actor.name });
        data = { signedOn: step.signedOn };
        break;
      case 'record_judicial': {
        const j = step.judicial!;
        const reason = j.state === 'rejected' ? (step.text ?? null) : null;
        Object.assign(row, { judicialState: j.state, judicialCourt: j.court, judicialCaseNumber: j.caseNumber ?? null, judicialOn: j.on, judicialReason: reason });
        data = { judicialState: j.state, court: j.court, caseNumber: j.caseNumber ?? null, on: j.on, reason };
        break;
      }
      case 'close':
        row.closedAt = new Date(at);
        break;
      case 'reopen':
        data = { previousOutcome: row.outcome ?? null, previousPerformance: row.performance ?? null };
        // A new agreement is a new document: its signing and 司法确认 start afresh.
        Object.assign(row, {
          closedAt: null,
          outcomeAt: null,
          success: null,
          concludedOnTime: null,
          performance: null,
          nextRoute: null,
          stabilityMeasure: null,
          agreementGeneratedAt: null,
          agreementSignedOn: null,
          agreementSignedBy: null,
          judicialState: null,
          judicialCourt: null,
          judicialCaseNumber: null,
          judicialOn: null,
          judicialReason: null,
        });
        break;
      case 'evaluate':
        Object.assign(row, { evaluation: step.text ?? null, evaluatedAt: new Date(at) });
        data = { score: step.score };
        break;
    }

    if (outcome.clock === 'start') row.dueAt = new Date(this.startClock(at));
    if (outcome.clock === 'stop') {
      const met = this.stopClock(at);
      row.concludedOnTime = met ?? (row.dueAt ? row.dueAt.getTime() >= at : true);
    }
    const next = outcome.next;
    this.snapshot = next;
    Object.assign(row, { state: next.state, outcome: next.outcome, followUpsDone: next.followUpsDone, reopenCount: next.reopenCount, revision: (row.revision ?? 1) + 1 });
    this.entry(at, step.actor, step.action, from, next.state, step.text ?? null, data);
    this.lastStepAt = at;
  }

  private entry(at: number, actor: HistoryActor | null, action: string, fromState: DisputeState | null, toState: DisputeState, text: string | null, data: Record<string, unknown>) {
    this.timeline.push({
      id: this.newId(),
      disputeId: this.row.id,
      at: new Date(at),
      actorId: actor?.id ?? null,
      actorName: actor?.name ?? '系统',
      action,
      fromState,
      toState,
      text,
      data,
      orgPath: this.row.orgPath,
      countyCode: this.row.countyCode,
    });
  }

  // ─── the 化解时限 clock (clock.ts) ──────────────────────────────────────────────────────────────

  private startClock(at: number): number {
    const due = this.calendar.dueWithin(new Date(at), defaultResolveLimit);
    const { yellow } = this.calendar.warningTimes(new Date(at), due, disputeWarnAt);
    this.clocks.push({
      disputeId: this.row.id,
      round: this.clocks.length + 1,
      startedAt: new Date(at),
      dueAt: due,
      yellowAt: yellow,
      stoppedAt: null,
      met: null,
      yellowFiredAt: null,
      redFiredAt: null,
      orgPath: this.row.orgPath,
      countyCode: this.row.countyCode,
    });
    return due.getTime();
  }

  private stopClock(at: number): boolean | null {
    const c = this.running();
    if (!c) return null;
    c.stoppedAt = new Date(at);
    c.met = c.dueAt.getTime() >= at;
    return c.met;
  }

  private extendClock(days: number, at: number): number | null {
    const c = this.running();
    if (!c) return null;
    const due = this.calendar.dueWithin(c.dueAt, { unit: 'naturalDays', value: days });
    const { yellow } = this.calendar.warningTimes(c.startedAt, due, disputeWarnAt);
    c.dueAt = due;
    c.yellowAt = yellow;
    c.redFiredAt = null;
    if (yellow.getTime() > at) c.yellowFiredAt = null;
    return due.getTime();
  }

  // ─── the sweeper (deadline-sweep.ts), which runs every second ───────────────────────────────────

  /** Fires the cards of the running clock due before `until`: yellow at its time, red at the due time. */
  sweep(until: number): void {
    const c = this.running();
    if (!c) return;
    const due = c.dueAt.getTime();
    const yellow = c.yellowAt.getTime();
    if (c.yellowFiredAt === null && c.redFiredAt === null && yellow < until && yellow < due) this.fire(c, 'yellow', yellow + 600);
    if (c.redFiredAt === null && due < until) this.fire(c, 'red', due + 600);
  }

  private fire(c: ClockRow, level: 'yellow' | 'red', at: number): void {
    if (level === 'red') c.redFiredAt = new Date(at);
    c.yellowFiredAt ??= new Date(at);
    if (!this.warnings.some((w) => w.round === c.round && w.level === level)) {
      this.warnings.push({ disputeId: this.row.id, round: c.round, level, dueAt: c.dueAt, firedAt: new Date(at), orgPath: this.row.orgPath, countyCode: this.row.countyCode });
    }
    this.entry(at, null, `warning_${level}`, this.snapshot.state, this.snapshot.state, labels[level], { round: c.round, dueAt: c.dueAt.toISOString() });
  }
}
