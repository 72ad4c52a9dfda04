import { eventWorkflow, type Rng } from '@shizhi/domain';
import type { WorkTime } from './clocks.ts';
import type { HistoryActor, HistoryDistrict, HistoryUnit } from './district.ts';
import { selfHandleShare } from './mix.ts';
import { EventRecord, parentCentrePath, workDay, type Rating, type Step, type EventStart } from './record.ts';
import { phrase, resultText } from './texts.ts';

/**
 * What the people around one event do, and when: the owner accepts or turns it down, passes it up or
 * sends it out, the handler signs, works, reports back, the owner verifies, the reporter rates. The
 * choices are drawn (a fate per event, then a time for each step against its deadline); whether each
 * is allowed is for the workflow to say, in the record (record.ts).
 */

/** Where each top category goes at the district when its rules name no department, and who helps. */
const fallbackDepartment: Readonly<Record<string, string>> = {
  '01': '司法', '02': '公安', '03': '应急', '04': '消防', '05': '综合执法', '06': '民政', '99': '信访',
};
const coDepartment: Readonly<Record<string, string>> = {
  '01': '公安', '02': '司法', '03': '市场监督', '04': '应急', '05': '住房和城乡建设', '06': '人力资源', '99': '民政',
};
const departmentAliases: Readonly<Record<string, string>> = { 燃气: '住房和城乡建设' };

const minute = 60_000;
const hour = 60 * minute;

interface Fate {
  selfHandle: boolean;
  reject: boolean;
  escalation: 'none' | 'at_report' | 'at_accept' | 'by_handler';
  rework: boolean;
  suspension: 'none' | 'short' | 'long';
  extension: 'none' | 'approved' | 'denied';
  evaluation: 'rate' | 'revisit' | 'none';
  rating: Rating;
}

/** Late, cutting it close, or (mostly) comfortably inside the limit: a share of the allowed time. */
function drawFraction(rng: Rng, lateShare: number): number {
  const u = rng.next();
  if (u < lateShare) return rng.real(1.05, 1.9);
  if (u < lateShare + 0.1) return rng.real(0.75, 1);
  return 0.04 + 0.71 * rng.next() ** 1.6;
}

function drawFate(rng: Rng, start: EventStart, ownerDepth: number): Fate {
  const selfHandle = start.source === 'grid_worker' && rng.chance(selfHandleShare(start.categoryCode));
  const rejectShare = start.source === 'machine' ? 0.05 : start.source === 'citizen' ? 0.03 : 0.008;
  const reject = !selfHandle && rng.chance(rejectShare);
  // Street-level matters more often need a department, which only the district can dispatch to.
  const escalationWeights: [Fate['escalation'], number][] =
    ownerDepth === 4
      ? [['none', 90], ['at_report', 4], ['at_accept', 3], ['by_handler', 3]]
      : [['none', 93], ['at_report', 2], ['at_accept', 1.5], ['by_handler', 3.5]];
  const evaluation: [Fate['evaluation'], number][] =
    start.source === 'grid_worker'
      ? [['rate', 60], ['revisit', 25], ['none', 15]]
      : start.source === 'hotline'
        ? [['rate', 60], ['revisit', 25], ['none', 15]]
        : start.source === 'citizen'
          ? [['rate', 55], ['revisit', 25], ['none', 20]]
          : [['revisit', 10], ['none', 90]];
  return {
    selfHandle,
    reject,
    escalation: selfHandle || reject ? 'none' : rng.weighted(escalationWeights),
    rework: rng.chance(0.028),
    suspension: rng.weighted([['none', 984], ['short', 12], ['long', 4]]),
    extension: rng.weighted([['none', 975], ['approved', 20], ['denied', 5]]),
    evaluation: rng.weighted(evaluation),
    rating: rng.weighted([['satisfied', 85], ['basically_satisfied', 11], ['unsatisfied', 4]]),
  };
}

export class EventWalk {
  readonly record: EventRecord;
  private readonly fate: Fate;
  private ownerDecisions = 0;
  private escalations = 0;
  private handedDown = false;
  private returnedByHandler = false;
  private reworkDone = false;
  private suspensionDone = false;
  private extensionDone = false;
  private notesWritten = false;
  private previousLead: HistoryUnit | null = null;
  /** Working time the handler still needs, counted from `since` (null while suspended). */
  private work: { remaining: number; since: number | null } | null = null;
  private reworking = false;

  constructor(
    private readonly start: EventStart,
    private readonly district: HistoryDistrict,
    private readonly time: WorkTime,
    private readonly rng: Rng,
    newId: () => string,
  ) {
    this.record = new EventRecord(start, district, time, rng, newId);
    this.fate = drawFate(rng, start, this.record.ownerPath.split('.').length);
  }

  /** Lives the event up to `now`: what would have happened later has not happened yet. */
  run(now: number): EventRecord {
    const record = this.record;
    let agenda = this.plan();
    for (let guard = 0; guard < 80 && agenda.length > 0; guard++) {
      const step = agenda.shift()!;
      // Nobody acts twice in the same minute, and each step follows the last.
      const at = Math.max(step.at, record.lastStepAt + minute + this.rng.int(0, 4 * minute));
      if (at > now) break;
      if (record.sweep(at)) {
        // A red card escalated it: the new owner decides afresh.
        this.escalations += 1;
        this.work = null;
        agenda = this.plan();
        continue;
      }
      record.apply(step, at);
      this.afterStep(step, at);
      // Escalation and hand-down return to 'reported' under another owner: a new plan as much as a new state.
      if (eventWorkflow[step.action].to !== 'stay') agenda = this.plan();
    }
    record.sweep(now);
    return record;
  }

  /** What the handler's remaining work and the decisions already taken become after a step. */
  private afterStep(step: Step, at: number): void {
    switch (step.action) {
      case 'sign':
        this.startWork(at, false);
        break;
      case 'verify_fail':
        this.reworkDone = true;
        this.work = null;
        if (this.record.snapshot.state === 'in_progress') this.startWork(at, true);
        break;
      case 'suspend':
        this.suspensionDone = true;
        if (this.work?.since != null) {
          this.work.remaining = Math.max(15 * minute, this.work.remaining - this.time.between(this.work.since, at));
          this.work.since = null;
        }
        break;
      case 'resume':
        if (this.work) this.work.since = at;
        break;
      case 'escalate':
        this.escalations += 1;
        this.work = null;
        if (!this.district.unitsByPath.has(this.record.ownerPath)) throw new Error(`event history: no centre at ${this.record.ownerPath}`);
        break;
      case 'hand_down':
        this.handedDown = true;
        break;
      case 'feedback':
        this.work = null;
        break;
      default:
        break;
    }
  }

  private startWork(at: number, rework: boolean): void {
    const clock = this.record.clocks.running('handle');
    if (!clock) return;
    const allowed = this.time.between(clock.startedAt, clock.dueAt) || clock.dueAt - clock.startedAt;
    const late = this.fate.extension !== 'none' && !this.extensionDone;
    const fraction = rework ? this.rng.real(0.1, 0.6) : late ? this.rng.real(1.1, 1.5) : drawFraction(this.rng, 0.025);
    this.reworking = rework;
    const elapsed = this.time.between(clock.startedAt, at);
    this.work = { remaining: Math.max(15 * minute, fraction * allowed - elapsed), since: at };
  }

  // ─── what the people involved do next ────────────────────────────────────────────────────────

  private plan(): Step[] {
    switch (this.record.snapshot.state) {
      case 'reported':
        return this.planReported();
      case 'accepted':
        return this.planAccepted();
      case 'dispatched':
        return this.planDispatched();
      case 'in_progress':
        return this.planWork();
      case 'suspended':
        return this.planSuspended();
      case 'feedback':
        return this.planVerification();
      case 'closed':
        return this.planEvaluation();
      default:
        return [];
    }
  }

  private ownerStepAt(): number {
    const clock = this.record.clocks.running('accept');
    if (!clock) return this.time.after(this.record.lastStepAt, this.rng.real(5 * minute, hour));
    return this.time.atFraction(clock, drawFraction(this.rng, 0.01));
  }

  private planReported(): Step[] {
    const first = this.ownerDecisions === 0;
    this.ownerDecisions += 1;
    const owner = this.record.ownerStaff();
    const upper = parentCentrePath(this.record.ownerPath);
    const depth = this.record.ownerPath.split('.').length;
    if (first && this.fate.selfHandle && this.start.filer) {
      // 小事不出网格: the grid worker settles it on the spot, minutes after reporting.
      return [{ at: this.record.lastStepAt + this.rng.int(5, 90) * minute, action: 'self_handle', actor: this.start.filer, text: resultText(this.rng, this.start.categoryCode) }];
    }
    const at = this.ownerStepAt();
    if (first && this.fate.reject) return [{ at, action: 'reject', actor: owner, text: phrase(this.rng, 'reject') }];
    const escalate: Step = { at, action: 'escalate', actor: owner, text: phrase(this.rng, 'escalateOwner') };
    if (this.returnedByHandler) {
      this.returnedByHandler = false;
      if (upper && this.rng.chance(0.7)) return [escalate];
      return [{ at, action: 'accept', actor: owner }];
    }
    if (first && this.fate.escalation === 'at_report' && upper) return [escalate];
    if (this.escalations > 0 && !this.handedDown) {
      if (depth === 3 && this.rng.chance(0.15)) {
        const township = this.district.unitsByPath.get(this.record.placePath.split('.').slice(0, 4).join('.'));
        if (township) return [{ at, action: 'hand_down', actor: owner, target: township, text: phrase(this.rng, 'handDown') }];
      }
      if (depth === 4 && upper && this.rng.chance(0.25)) return [escalate];
    }
    return [{ at, action: 'accept', actor: owner }];
  }

  private planAccepted(): Step[] {
    const owner = this.record.ownerStaff();
    if (this.fate.escalation === 'at_accept' && this.escalations === 0 && parentCentrePath(this.record.ownerPath)) {
      return [{ at: this.time.after(this.record.lastStepAt, this.rng.real(0.5 * hour, 4 * hour)), action: 'escalate', actor: owner, text: phrase(this.rng, 'escalateOwner') }];
    }
    const { lead, co } = this.chooseTargets();
    return [{ at: this.time.after(this.record.lastStepAt, this.rng.real(5 * minute, 1.5 * hour)), action: 'dispatch', actor: owner, lead, co }];
  }

  private departmentFor(fragment: string | null): HistoryUnit | undefined {
    const wanted = fragment ? (departmentAliases[fragment] ?? fragment) : null;
    return wanted ? this.district.departments.find((d) => d.name.includes(wanted)) : undefined;
  }

  /** 派遣: a community sends to its grid, a street to the community, the district to a department. */
  private chooseTargets(): { lead: HistoryUnit; co: HistoryUnit[] } {
    const owner = this.record.unitAt(this.record.ownerPath);
    const depth = this.record.ownerPath.split('.').length;
    const top = this.start.categoryCode.slice(0, 2);
    const village = this.district.unitsByPath.get(this.record.placePath.split('.').slice(0, 5).join('.'));
    const township = this.district.unitsByPath.get(this.record.placePath.split('.').slice(0, 4).join('.'));
    const grid = this.start.grid;
    const notAgain = (u: HistoryUnit | undefined) => (u && u !== this.previousLead ? u : undefined);
    let lead: HistoryUnit;
    const co: HistoryUnit[] = [];
    if (depth === 3) {
      const department =
        this.departmentFor(this.start.rules.department) ?? this.departmentFor(fallbackDepartment[top] ?? null) ?? this.district.departments[0];
      lead = (this.rng.chance(0.85) ? notAgain(department) : undefined) ?? notAgain(township) ?? department ?? owner;
      const helper = this.departmentFor(coDepartment[top] ?? null);
      if (helper && helper !== lead && lead.level === 'department' && this.rng.chance(0.3)) co.push(helper);
    } else if (depth === 4) {
      const pick = this.rng.weighted<HistoryUnit | undefined>([
        [village, 75],
        [grid, 15],
        [owner, 10],
      ]);
      lead = notAgain(pick) ?? notAgain(village) ?? owner;
      if (lead === village && this.rng.chance(0.1)) co.push(grid);
    } else {
      lead = (this.rng.chance(0.85) ? notAgain(grid) : undefined) ?? owner;
    }
    this.previousLead = lead;
    return { lead, co };
  }

  private planDispatched(): Step[] {
    const task = this.record.leadTask()!;
    const clock = this.record.clocks.running('handle');
    const allowed = clock ? this.time.between(clock.startedAt, clock.dueAt) : workDay;
    const delay = Math.min(this.rng.real(10 * minute, 3 * hour), 0.12 * allowed);
    return [{ at: this.time.after(this.record.lastStepAt, delay), action: 'sign', actor: task.handler }];
  }

  private planWork(): Step[] {
    if (!this.work) this.startWork(this.record.lastStepAt, this.reworking);
    const work = this.work!;
    const since = work.since ?? this.record.lastStepAt;
    const at = (share: number) => this.time.after(since, share * work.remaining);
    const lead = this.record.leadTask()!;
    const steps: Step[] = [];
    for (const task of this.record.tasks) {
      if (task.kind === 'co' && (task.state === 'open' || task.state === 'signed')) {
        steps.push({ at: at(this.rng.real(0.2, 0.9)), action: 'answer_co_task', actor: task.handler, text: phrase(this.rng, 'coAnswer') });
      }
    }
    if (!this.notesWritten && !this.reworking) {
      this.notesWritten = true;
      const notes = this.rng.weighted([[0, 55], [1, 35], [2, 10]]);
      for (let i = 0; i < notes; i++) steps.push({ at: at(this.rng.real(0.1, 0.8)), action: 'progress', actor: lead.handler, text: phrase(this.rng, 'progress') });
    }
    const clock = this.record.clocks.running('handle');
    if (this.fate.extension !== 'none' && !this.extensionDone && clock && this.record.snapshot.pendingExtensionDays === null) {
      this.extensionDone = true;
      const asked = Math.min(this.time.atFraction(clock, this.rng.real(0.6, 0.8)), at(0.9));
      const days = this.rng.int(2, 5);
      const decided = this.time.after(asked, this.rng.real(hour, 6 * hour));
      steps.push({ at: asked, action: 'request_extension', actor: lead.handler, text: `${phrase(this.rng, 'extension')}${days}个工作日`, extensionDays: days });
      steps.push(
        this.fate.extension === 'approved'
          ? { at: decided, action: 'approve_extension', actor: this.record.ownerStaff() }
          : { at: decided, action: 'deny_extension', actor: this.record.ownerStaff(), text: phrase(this.rng, 'denyExtension') },
      );
    }
    let ending: Step;
    if (this.fate.suspension !== 'none' && !this.suspensionDone) {
      ending = { at: at(this.rng.real(0.15, 0.5)), action: 'suspend', actor: this.record.ownerStaff(), text: phrase(this.rng, 'suspend') };
    } else if (this.fate.escalation === 'by_handler' && this.escalations === 0) {
      // A handler who is not the owner hands it back; the owner's own staff escalating moves it up.
      this.returnedByHandler = lead.unit.path !== this.record.ownerPath;
      ending = { at: at(this.rng.real(0.2, 0.6)), action: 'escalate', actor: lead.handler, text: phrase(this.rng, 'escalateHandler') };
    } else {
      ending = { at: at(1), action: 'feedback', actor: lead.handler, text: resultText(this.rng, this.start.categoryCode) };
    }
    // A pending extension must be decided before the handler reports; anything else after the ending is moot.
    const decision = steps.find((s) => s.action === 'approve_extension' || s.action === 'deny_extension');
    if (decision && decision.at >= ending.at) ending.at = decision.at + this.rng.int(10, 120) * minute;
    return [...steps.filter((s) => s.at < ending.at), ending].sort((a, b) => a.at - b.at);
  }

  private planSuspended(): Step[] {
    const days = this.fate.suspension === 'long' ? this.rng.real(20, 120) : this.rng.real(1, 10);
    return [{ at: this.time.after(this.record.lastStepAt, days * workDay), action: 'resume', actor: this.record.ownerStaff() }];
  }

  private planVerification(): Step[] {
    const clock = this.record.clocks.running('verify');
    const at = clock ? this.time.atFraction(clock, drawFraction(this.rng, 0.01)) : this.time.after(this.record.lastStepAt, hour);
    if (this.fate.rework && !this.reworkDone) return [{ at, action: 'verify_fail', actor: this.record.ownerStaff(), text: phrase(this.rng, 'verifyFail') }];
    return [{ at, action: 'verify_pass', actor: this.record.ownerStaff() }];
  }

  private planEvaluation(): Step[] {
    if (this.fate.evaluation === 'none') return [];
    if (this.fate.evaluation === 'revisit' || (this.fate.evaluation === 'rate' && this.start.source === 'machine')) {
      return [{ at: this.time.after(this.record.lastStepAt, this.rng.real(2 * hour, 5 * workDay)), action: 'revisit', actor: this.record.ownerStaff(), text: phrase(this.rng, 'revisit') }];
    }
    // A late or reworked case leaves fewer people satisfied.
    const troubled = this.record.redCardSeen || this.record.snapshot.reworkCount > 0;
    const rating: Rating =
      troubled && this.fate.rating === 'satisfied' ? this.rng.weighted<Rating>([['satisfied', 70], ['basically_satisfied', 20], ['unsatisfied', 10]]) : this.fate.rating;
    if (this.start.source === 'grid_worker' && this.start.filer) {
      const text = phrase(this.rng, 'rateGridWorker');
      return [{ at: this.time.after(this.record.lastStepAt, this.rng.real(2 * hour, 3 * workDay)), action: 'rate', actor: this.start.filer, rating, text }];
    }
    // Callers and citizens rate through the tracking code they were given.
    const reporter: HistoryActor = { id: null, name: this.start.reporterName ?? '报事人', assignments: [] };
    return [{ at: this.record.lastStepAt + this.rng.real(hour, 96 * hour), action: 'rate', actor: reporter, rating, byTrackingCode: true }];
  }
}
