import {
  assessDisputeRisk,
  createRng,
  disputeTypes,
  generatePerson,
  scaleOf,
  suggestedMediation,
  type DisputePartyInput,
  type DisputeSource,
  type DisputeTypeCode,
  type NextRoute,
  type ReferralBody,
  type Rng,
  type SessionMode,
  type WorkCalendar,
} from '@shizhi/domain';
import type { disputeParty } from '../../disputes/index.ts';
import type { eventTimeline } from '../../events/index.ts';
import type { HistoryActor, HistoryDistrict, HistoryGrid, HistoryUnit } from '../event-history/district.ts';
import { chinaDate, placeOf, trackingCodeFrom, uuidFrom } from '../event-history/reports.ts';
import { DisputeRecord, type Body, type CaseRow, type ClockRow, type FollowUpRow, type SessionRow, type Step, type TimelineRow, type WarningRow } from './record.ts';
import * as T from './texts.ts';

/**
 * Three years of dispute cases for the demo district, each lived through the disputes workflow by
 * `DisputeRecord`: 登记 (window, a grid worker's 矛盾纠纷 event taken over, a referral, an online
 * application) → 受理 (a few refused) → 分派 to the body the type suggests → sessions on site or by
 * video → agreement (written or oral, about 99 %) or no agreement with the next route → 回访 →
 * 司法确认 for some written agreements → 结案; a few reopened, the last weeks' cases still open.
 */

export type PartyRow = typeof disputeParty.$inferInsert;
export type EventTimelineRow = typeof eventTimeline.$inferInsert;

/** How many cases: about 3,000 a year at demo scale, the seeds' 14,487 in three years at seed scale. */
export const disputeHistoryVolumes = { test: 0, demo: 9_000, seed: 14_487 } as const;

/** A 矛盾纠纷 event of the event history that a centre may take over into mediation. */
export interface DisputeEvent {
  id: string;
  categoryCode: string;
  title: string;
  description: string;
  address: string | null;
  reportedAt: number;
  orgPath: string;
  ownerOrgPath: string;
  countyCode: string;
  /** The event's timeline (time and state after each entry), for its state when taken over. */
  steps: { at: number; toState: string }[];
}

export interface DisputePlanOptions {
  count: number;
  now: Date;
  calendar: WorkCalendar;
  seed: string;
  years?: number;
}

export interface DisputeStats {
  byYear: Record<string, { registered: number; accepted: number; resolved: number; failed: number }>;
  byState: Record<string, number>;
  bySource: Record<string, number>;
  byType: Record<string, number>;
  accepted: number;
  resolved: number;
  refused: number;
  reopened: number;
  judicialConfirmed: number;
  fromEvents: number;
  openOverdue: number;
}

export interface DisputePlan {
  from: Date;
  to: Date;
  cases: CaseRow[];
  parties: PartyRow[];
  sessions: SessionRow[];
  followUps: FollowUpRow[];
  timeline: TimelineRow[];
  clocks: ClockRow[];
  warnings: WarningRow[];
  eventTimeline: EventTimelineRow[];
  stats: DisputeStats;
}

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

const eventTypes: Record<string, readonly DisputeTypeCode[]> = {
  '0101': ['marriage_family'],
  '0102': ['neighbour'],
  '0103': ['labour'],
  '0104': ['property_mgmt'],
  '0105': ['land'],
  '0106': ['debt'],
  '0199': ['contract', 'consumer', 'other'],
};

/** Types by share: marriage/family and neighbours first, as the 调委会 statistics have them. */
const typeShares: readonly (readonly [DisputeTypeCode, number])[] = [
  ['marriage_family', 24],
  ['neighbour', 22],
  ['debt', 11],
  ['labour', 10],
  ['property_mgmt', 9],
  ['traffic', 6],
  ['housing', 4],
  ['contract', 4],
  ['land', 3],
  ['consumer', 3],
  ['medical', 1.5],
  ['demolition', 1],
  ['other', 1.5],
];

const organisationRespondents: Partial<Record<DisputeTypeCode, readonly string[]>> = {
  labour: ['鄂尔多斯市鑫盛建筑劳务有限公司', '东胜区福源餐饮店', '鄂尔多斯市通达物流有限公司', '东胜区恒信建材厂'],
  property_mgmt: ['鄂尔多斯市康馨物业服务有限公司', '东胜区万家物业管理有限公司'],
  medical: ['东胜区人民医院', '东胜区某社区卫生服务中心'],
  consumer: ['东胜区动感健身会所', '东胜区家电商城'],
  demolition: ['东胜区房屋征收与补偿服务中心'],
  contract: ['东胜区美居装饰工程有限公司'],
};

interface PersonDraft {
  name: string;
  idNumber: string;
  phone: string;
}

/** Where a case may be sent: the bodies at the owner's unit and above (the assign rule's row security). */
class Bodies {
  constructor(private readonly all: readonly Body[]) {}

  forCase(rng: Rng, ownerPath: string, typeCode: DisputeTypeCode, referral: ReferralBody | null): Body | null {
    const usable = this.all.filter((b) => b.mediators.length > 0 && (ownerPath === b.orgPath || ownerPath.startsWith(`${b.orgPath}.`)));
    if (usable.length === 0) return null;
    const suggested = suggestedMediation(typeCode);
    if (referral === 'court' && rng.chance(0.5)) {
      const court = usable.find((b) => b.kind === 'court');
      if (court) return court;
    }
    let candidates: Body[] = [];
    if (suggested.body === 'committee') {
      const own = usable.filter((b) => b.kind === 'committee').sort((a, b) => b.orgPath.length - a.orgPath.length);
      candidates = own.length && rng.chance(0.92) ? [own[0]!] : own.length > 1 ? [own[1]!] : [];
      if (candidates.length === 0 || rng.chance(0.03)) candidates = usable.filter((b) => b.kind === 'brand_room' || b.kind === 'court');
    } else if (suggested.body === 'industry') {
      candidates = usable.filter((b) => b.kind === 'industry' && b.field === suggested.field);
    } else if (suggested.body === 'administrative') {
      const word = typeCode === 'consumer' ? '市场监管' : '自然资源';
      candidates = usable.filter((b) => b.kind === 'administrative' && b.name.includes(word));
    }
    if (candidates.length === 0) candidates = usable.filter((b) => b.kind === suggested.body);
    if (candidates.length === 0) candidates = usable;
    return rng.pick(candidates);
  }
}

function weightedGrid(grids: readonly HistoryGrid[]): (rng: Rng) => HistoryGrid {
  const cumulative: number[] = [];
  let sum = 0;
  for (const g of grids) cumulative.push((sum += Math.max(1, g.households)));
  return (rng) => {
    const target = rng.next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return grids[lo]!;
  };
}

const parentPath = (path: string) => path.slice(0, path.lastIndexOf('.'));
const codeOf = (path: string) => path.slice(path.lastIndexOf('.') + 1);

interface Draft {
  at: number;
  rng: Rng;
  source: DisputeSource;
  event: DisputeEvent | null;
}

export function planDisputeHistory(
  district: HistoryDistrict,
  bodyList: readonly Body[],
  events: readonly DisputeEvent[],
  options: DisputePlanOptions,
): DisputePlan {
  const calendar = options.calendar;
  const now = options.now.getTime();
  const from = now - Math.round((options.years ?? 3) * 365.25) * dayMs;
  const root = createRng(`${options.seed}:${district.county.code}:dispute-history`);
  const bodies = new Bodies(bodyList);
  const pickGrid = weightedGrid(district.grids);
  const plan: DisputePlan = {
    from: new Date(from),
    to: options.now,
    cases: [],
    parties: [],
    sessions: [],
    followUps: [],
    timeline: [],
    clocks: [],
    warnings: [],
    eventTimeline: [],
    stats: {
      byYear: {},
      byState: {},
      bySource: {},
      byType: {},
      accepted: 0,
      resolved: 0,
      refused: 0,
      reopened: 0,
      judicialConfirmed: 0,
      fromEvents: 0,
      openOverdue: 0,
    },
  };

  // 1. When each case comes in, and which 矛盾纠纷 events a centre takes over (about a third of them, each once).
  const drafts: Draft[] = [];
  const eventRng = root.fork('events');
  const takeable = events.filter((e) => !e.steps.some((s) => s.toState === 'rejected') && e.reportedAt >= from);
  const wantedFromEvents = Math.min(Math.round(options.count * 0.2), Math.round(takeable.length * 0.35));
  const chosen = takeable.filter(() => eventRng.chance(wantedFromEvents / Math.max(1, takeable.length)));
  for (const [i, e] of chosen.entries()) {
    const at = calendar.addWorkingHours(new Date(e.reportedAt), eventRng.real(0.5, 6)).getTime();
    if (at < now) drafts.push({ at, rng: root.fork(`event-case:${i}`), source: 'event', event: e });
  }
  const timeRng = root.fork('times');
  for (let i = drafts.length; i < options.count; i++) {
    const rng = root.fork(`case:${i}`);
    const source = rng.weighted<DisputeSource>([
      ['window', 52],
      ['referral', 28],
      ['online', 12],
      ['event', events.length ? 0 : 8],
    ]);
    let at = from + timeRng.next() * (now - from);
    if (source !== 'online') {
      // The window and the referring bodies keep office hours.
      const day = new Date(Math.floor((at + 8 * hourMs) / dayMs) * dayMs - 8 * hourMs);
      at = calendar.addWorkingHours(day, rng.real(0.2, 7.3)).getTime();
    }
    if (at >= now) at = now - rng.real(1, 48) * hourMs;
    drafts.push({ at, rng, source: source === 'event' ? 'window' : source, event: null });
  }
  drafts.sort((a, b) => a.at - b.at);

  // 2. Each case in the order of registration, so repeats and numbers follow time.
  const recentPeople: { person: PersonDraft; at: number; address: string; villagePath: string }[] = [];
  const byIdNumber = new Map<string, number[]>();
  const trackingCodes = new Set<string>();
  const staffOf = (path: string): HistoryActor | null => district.unitsByPath.get(path)?.actors[0] ?? null;
  const upper = district.county.actors[0]!;

  for (const draft of drafts) {
    const { rng } = draft;
    const ids = rng.fork('ids');
    const newId = () => uuidFrom(ids);
    const id = newId();
    const at = draft.at;
    const asOf = chinaDate(at);

    // Place, owner and the facts.
    let grid: HistoryGrid;
    let ownerPath: string;
    let typeCode: DisputeTypeCode;
    let title: string;
    let summary: string;
    let claims: string;
    let address: string;
    let people = 2;
    let amountYuan: number | null = null;
    const event = draft.event;
    if (event) {
      grid = (district.unitsByPath.get(event.orgPath) as HistoryGrid | undefined) ?? pickGrid(rng);
      ownerPath = event.ownerOrgPath;
      typeCode = rng.pick(eventTypes[event.categoryCode] ?? ['other']);
      title = event.title.slice(0, 50);
      summary = event.description;
      claims = rng.pick(T.disputeTemplates[typeCode])[2];
      address = event.address ?? placeOf(rng, grid);
      if (typeCode === 'labour' && /\d+名/.test(summary)) people = Number(/(\d+)名/.exec(summary)![1]);
    } else {
      grid = pickGrid(rng);
      const villagePath = parentPath(grid.path);
      const townshipPath = parentPath(villagePath);
      typeCode = rng.weighted(typeShares);
      const template = rng.pick(T.disputeTemplates[typeCode]);
      const group = template[1].includes('{n}');
      people = group ? rng.int(5, typeCode === 'demolition' ? 36 : 28) : rng.weighted([[2, 72], [3, 17], [4, 7], [rng.int(5, 9), 4]]);
      const wan = template[1].includes('{m}') || template[2].includes('{m}') ? (rng.chance(0.04) ? rng.int(10, 120) : rng.int(1, 40) / 2) : 0;
      if (wan > 0) amountYuan = Math.round(wan * 10_000);
      else if (['traffic', 'housing', 'contract', 'consumer', 'neighbour'].includes(typeCode) && rng.chance(0.6)) amountYuan = rng.int(5, 300) * 100;
      address = placeOf(rng, grid);
      if (grid.urban && rng.chance(0.7)) address += `${rng.int(1, 6)}单元${rng.int(1, 18)}0${rng.int(1, 4)}室`;
      const values = { addr: address, people, wan };
      title = template[0];
      summary = T.fill(template[1], values);
      claims = T.fill(template[2], values);
      if (rng.chance(0.025)) summary += rng.pick(T.heatedSuffixes);
      const ownerLevel =
        draft.source === 'online' ? 'county' : draft.source === 'referral' ? rng.weighted([['township', 68], ['county', 32]] as const) : rng.weighted([['village', 72], ['township', 25], ['county', 3]] as const);
      ownerPath = ownerLevel === 'village' ? villagePath : ownerLevel === 'township' ? townshipPath : district.county.path;
      if (!staffOf(ownerPath)) ownerPath = staffOf(townshipPath) ? townshipPath : district.county.path;
    }
    const registrar = staffOf(ownerPath);
    if (!registrar) continue;

    // Parties: the applicant, the respondent (a person or a firm), now and then one of an earlier case again.
    const person = (): PersonDraft => {
      const p = generatePerson(rng, { asOf, addressCode: district.county.code, minAge: 20, maxAge: 75 });
      return { name: p.name, idNumber: p.idNumber, phone: p.phone };
    };
    let applicant = person();
    let respondent: PersonDraft | null = person();
    const villagePath = parentPath(grid.path);
    if (rng.chance(0.05)) {
      const near = recentPeople.filter((r) => r.villagePath === villagePath && at - r.at < 300 * dayMs);
      if (near.length) {
        const earlier = rng.pick(near);
        if (rng.chance(0.5)) applicant = earlier.person;
        else respondent = earlier.person;
        if (rng.chance(0.6)) address = earlier.address;
      }
    }
    const organisation = organisationRespondents[typeCode];
    const firm = organisation && (people >= 5 || rng.chance(0.6)) ? rng.pick(organisation) : null;
    if (firm) respondent = null;
    const partyInputs: DisputePartyInput[] = [
      { role: 'applicant', kind: 'person', name: applicant.name, idNumber: applicant.idNumber, phone: applicant.phone, address },
      respondent
        ? { role: 'respondent', kind: 'person', name: respondent.name, ...(draft.source === 'online' ? {} : { idNumber: respondent.idNumber }), phone: respondent.phone }
        : { role: 'respondent', kind: 'organisation', name: firm! },
    ];
    if (typeCode === 'marriage_family' && rng.chance(0.15)) {
      const third = person();
      partyInputs.push({ role: 'third_party', kind: 'person', name: third.name, idNumber: third.idNumber, phone: third.phone });
    }
    const idNumbers = partyInputs.flatMap((p) => (p.idNumber ? [p.idNumber] : []));
    const earlier = new Set<number>();
    for (const n of idNumbers) for (const t of byIdNumber.get(n) ?? []) if (t >= at - 365 * dayMs) earlier.add(t);
    const risk = assessDisputeRisk({ typeCode, peopleInvolved: people, amountYuan, texts: [summary, claims], earlierCasesSameParties: earlier.size });

    let referral: { body: ReferralBody; name: string; reference: string } | null = null;
    if (draft.source === 'referral') {
      const body = rng.weighted<ReferralBody>([['court', 35], ['police', 40], ['petition', 20], ['procuratorate', 2], ['other', 3]]);
      const year = asOf.slice(0, 4);
      const n = rng.int(1, 3000);
      const name =
        body === 'court' ? '东胜区人民法院' : body === 'police' ? `${grid.townshipName}派出所` : body === 'petition' ? '东胜区信访局' : body === 'procuratorate' ? '东胜区人民检察院' : '东胜区妇女联合会';
      const reference = body === 'court' ? `（${year}）内0602民初${n}号` : body === 'police' ? `东公调字〔${year}〕${n}号` : `东移〔${year}〕${n}号`;
      referral = { body, name, reference };
    }
    let trackingCode: string | null = null;
    if (draft.source === 'online') {
      do trackingCode = trackingCodeFrom(rng);
      while (trackingCodes.has(trackingCode));
      trackingCodes.add(trackingCode);
    }
    const place = { code: grid.code, orgPath: grid.path, countyCode: district.county.code };
    const row: CaseRow = {
      id,
      // Numbered in the seeding transaction, from the live sequence.
      number: '',
      source: draft.source,
      referralBody: referral?.body ?? null,
      referralName: referral?.name ?? null,
      referralReference: referral?.reference ?? null,
      eventId: event?.id ?? null,
      trackingCode,
      idempotencyKey: null,
      title,
      typeCode,
      occurredOn: event ? chinaDate(event.reportedAt) : chinaDate(at - rng.int(0, 20) * dayMs),
      address,
      summary,
      claims,
      scale: scaleOf(people),
      peopleInvolved: people,
      amountYuan,
      unitsInvolved: firm,
      placeCode: place.code,
      ownerOrgCode: codeOf(ownerPath),
      ownerOrgPath: ownerPath,
      state: event ? 'accepted' : 'registered',
      riskGrade: risk.grade,
      riskReasons: risk.reasons,
      method: null,
      mediationOrgId: null,
      mediationOrgPath: null,
      mediatorId: null,
      mediatorUserId: null,
      mediatorName: null,
      dueAt: null,
      outcome: null,
      outcomeAt: null,
      success: null,
      concludedOnTime: null,
      resolution: null,
      performBy: null,
      nextRoute: null,
      stabilityMeasure: null,
      performance: null,
      followUpsDone: 0,
      agreementGeneratedAt: null,
      agreementSignedOn: null,
      agreementSignedBy: null,
      judicialState: null,
      judicialCourt: null,
      judicialCaseNumber: null,
      judicialOn: null,
      judicialReason: null,
      evaluation: null,
      evaluatedAt: null,
      reopenCount: 0,
      repeat: earlier.size > 0,
      registeredAt: new Date(at),
      acceptedAt: event ? new Date(at) : null,
      closedAt: null,
      revision: 1,
      orgPath: place.orgPath,
      countyCode: place.countyCode,
    };
    const onlineApplicant: HistoryActor = { id: null, name: applicant.name, assignments: [] };
    const record = new DisputeRecord(row, calendar, newId, draft.source === 'online' ? onlineApplicant : registrar, event !== null);
    const walk = new Walk(record, rng.fork('walk'), calendar, now, registrar, upper, bodies, { applicant: applicant.name, respondent: respondent?.name ?? firm! });
    walk.run(typeCode, referral?.body ?? null);
    record.sweep(now);

    // Rows.
    plan.cases.push(row);
    partyInputs.forEach((p, seq) =>
      plan.parties.push({
        id: newId(),
        disputeId: id,
        seq,
        role: p.role,
        kind: p.kind,
        name: p.name,
        idNumber: p.idNumber ?? null,
        phone: p.phone ?? null,
        address: p.address ?? null,
        personId: null,
        orgPath: row.orgPath,
        countyCode: row.countyCode,
      }),
    );
    plan.sessions.push(...record.sessions);
    plan.followUps.push(...record.followUps);
    plan.timeline.push(...record.timeline);
    plan.clocks.push(...record.clocks);
    plan.warnings.push(...record.warnings);
    if (event) {
      const state = event.steps.filter((s) => s.at <= at).at(-1)?.toState ?? 'reported';
      plan.eventTimeline.push({
        id: newId(),
        eventId: event.id,
        at: new Date(at),
        actorId: registrar.id,
        actorName: registrar.name,
        action: 'to_dispute',
        fromState: state as EventTimelineRow['fromState'],
        toState: state as EventTimelineRow['toState'],
        // The number is filled in with the case's (numberDisputes).
        text: '',
        data: { disputeId: id, number: '' },
        orgPath: event.orgPath,
        countyCode: event.countyCode,
      });
    }
    for (const n of idNumbers) byIdNumber.set(n, [...(byIdNumber.get(n) ?? []), at]);
    recentPeople.push({ person: applicant, at, address, villagePath });
    if (respondent) recentPeople.push({ person: respondent, at, address, villagePath });
    if (recentPeople.length > 4000) recentPeople.splice(0, 1000);
    tally(plan.stats, row, record, now);
  }
  return plan;
}

function tally(stats: DisputeStats, row: CaseRow, record: DisputeRecord, now: number): void {
  const year = chinaDate(row.registeredAt.getTime()).slice(0, 4);
  const y = (stats.byYear[year] ??= { registered: 0, accepted: 0, resolved: 0, failed: 0 });
  y.registered += 1;
  const state = row.state!;
  stats.byState[state] = (stats.byState[state] ?? 0) + 1;
  stats.bySource[row.source] = (stats.bySource[row.source] ?? 0) + 1;
  stats.byType[row.typeCode] = (stats.byType[row.typeCode] ?? 0) + 1;
  if (state === 'refused') stats.refused += 1;
  else {
    y.accepted += 1;
    stats.accepted += 1;
  }
  if (row.success === true) {
    y.resolved += 1;
    stats.resolved += 1;
  }
  if (row.success === false) y.failed += 1;
  if ((row.reopenCount ?? 0) > 0) stats.reopened += 1;
  if (row.judicialState === 'confirmed') stats.judicialConfirmed += 1;
  if (row.source === 'event') stats.fromEvents += 1;
  const running = record.running();
  if (running && running.dueAt.getTime() < now) stats.openOverdue += 1;
}

/**
 * The steps of one case, in time: who does what when. Each step goes through the record (and so the
 * workflow); a step due after `now` is not taken, which leaves the latest cases open where they are.
 */
class Walk {
  private t: number;
  private stopped = false;
  private mediatorActor: HistoryActor;

  constructor(
    private readonly record: DisputeRecord,
    private readonly rng: Rng,
    private readonly calendar: WorkCalendar,
    private readonly now: number,
    private readonly staff: HistoryActor,
    private readonly upper: HistoryActor,
    private readonly bodies: Bodies,
    private readonly names: { applicant: string; respondent: string },
  ) {
    this.t = record.lastStepAt;
    this.mediatorActor = staff;
  }

  private after(hours: number, from = this.t): number {
    return this.calendar.addWorkingHours(new Date(from), hours).getTime();
  }

  /** Takes a step at `at` (not before the last one) unless that lies after now. */
  private step(step: Omit<Step, 'at'> & { at: number }): boolean {
    if (this.stopped) return false;
    const at = Math.max(step.at, this.t + 60_000);
    if (at > this.now) {
      this.stopped = true;
      return false;
    }
    this.record.apply({ ...step, at });
    this.t = at;
    return true;
  }

  run(typeCode: DisputeTypeCode, referral: ReferralBody | null): void {
    const rng = this.rng;
    const staff = this.staff;
    if (this.record.state === 'registered') {
      const at = this.after(rng.real(0.3, 12));
      if (rng.chance(0.01)) {
        this.step({ at, action: 'refuse', actor: staff, text: rng.pick(T.refuseReasons) });
        return;
      }
      if (!this.step({ at, action: 'accept', actor: staff })) return;
    }
    const row = this.record.row;
    if (rng.chance(0.2) || row.riskGrade === 'high') {
      const raise = row.riskGrade === 'low' && rng.chance(0.15);
      const ok = this.step({
        at: this.after(rng.real(0.2, 2)),
        action: 'triage',
        actor: staff,
        ...(raise ? { riskGrade: 'medium' as const, text: rng.pick(T.triageNotes) } : {}),
      });
      if (!ok) return;
    }
    const body = this.bodies.forCase(rng, row.ownerOrgPath, typeCode, referral);
    if (!body) return;
    const withAccount = body.mediators.filter((m) => m.userId);
    const mediator = withAccount.length && rng.chance(0.45) ? rng.pick(withAccount) : rng.pick(body.mediators);
    if (!this.step({ at: this.after(rng.real(0.5, 10)), action: 'assign', actor: staff, body, mediator })) return;
    this.mediatorActor = mediator.userId ? { id: mediator.userId, name: mediator.name, assignments: [] } : staff;
    this.mediate(typeCode, body, false);
  }

  private mediate(typeCode: DisputeTypeCode, body: Body, again: boolean): void {
    const rng = this.rng;
    const m = this.mediatorActor;
    const start = this.t;
    const slow = rng.chance(0.035);
    const days = slow ? rng.real(27, 70) : rng.weighted([[rng.real(0.2, 3), 35], [rng.real(3, 12), 45], [rng.real(12, 25), 20]] as const);
    const end = this.after(0.5, start + days * dayMs);
    const sessions = days < 2 ? 1 : rng.weighted([[1, 50], [2, 38], [3, 12]] as const);
    const video = rng.chance(0.18);
    let extended = false;
    for (let i = 0; i < sessions; i++) {
      const heldAt = start + ((end - start) * (i + 1)) / sessions - rng.real(1, 2) * hourMs;
      // A long mediation is extended with the parties' consent before its month runs out.
      const due = this.record.running()?.dueAt.getTime();
      if (slow && !extended && due !== undefined && heldAt > due - 3 * dayMs && rng.chance(0.5)) {
        extended = true;
        if (!this.step({ at: due - rng.real(3, 6) * dayMs, action: 'extend', actor: m, text: rng.pick(T.extendReasons), days: 15 })) return;
      }
      const mode: SessionMode = video && (i > 0 || rng.chance(0.5)) ? 'video' : 'on_site';
      const scheduledAt = Math.max(heldAt, this.t + hourMs);
      const session =
        mode === 'video'
          ? { mode, scheduledAt, videoLink: `https://meeting.shizhi.example/room/${row8(rng)}` }
          : { mode, scheduledAt, place: `${body.name}调解室` };
      if (!this.step({ at: this.t + rng.real(0.2, 3) * hourMs, action: 'schedule_session', actor: m, session })) return;
      const attendees = [
        { name: this.names.applicant, role: 'applicant' },
        { name: this.names.respondent, role: 'respondent' },
        { name: m.name, role: 'mediator' },
      ];
      if (!this.step({ at: scheduledAt + rng.real(1, 2.5) * hourMs, action: 'record_session', actor: m, text: rng.pick(T.sessionRecords), attendees })) return;
    }

    // The outcome: about one in two hundred fails and is sent on its way.
    if (!again && rng.chance(0.005)) {
      const nextRoute: NextRoute = typeCode === 'labour' ? 'arbitration' : typeCode === 'land' || typeCode === 'demolition' ? 'administrative' : 'litigation';
      const ok = this.step({
        at: this.t + rng.real(0.2, 1) * hourMs,
        action: 'record_failure',
        actor: m,
        text: rng.pick(T.failureTexts),
        nextRoute,
        stabilityMeasure: rng.pick(T.stabilityMeasures),
      });
      if (ok) this.step({ at: this.after(rng.real(1, 16)), action: 'close', actor: this.staff });
      return;
    }
    const oral = (this.record.row.amountYuan ?? 0) < 5_000 && rng.chance(0.45);
    const agreedAt = this.t + rng.real(0.2, 1) * hourMs;
    const ok = this.step({
      at: agreedAt,
      action: 'record_agreement',
      actor: m,
      text: oral ? T.agreementTexts[4]! : rng.pick(T.agreementTexts.slice(0, 4)),
      outcome: oral ? 'oral_agreement' : 'agreement',
      ...(oral ? {} : { performBy: chinaDate(agreedAt + rng.int(7, 60) * dayMs) }),
    });
    if (!ok) return;
    this.afterAgreement(typeCode, body, oral, again);
  }

  private afterAgreement(typeCode: DisputeTypeCode, body: Body, oral: boolean, again: boolean): void {
    const rng = this.rng;
    const m = this.mediatorActor;
    const agreedAt = this.t;
    // A written 调解协议书 is signed by the parties and the mediator, mostly the same day; it takes effect then.
    if (!oral && rng.chance(0.97)) {
      const at = agreedAt + rng.real(0.3, 3) * hourMs;
      if (!this.step({ at, action: 'record_signing', actor: m, signedOn: chinaDate(at) })) return;
    }
    // 司法确认 for some signed agreements, applied within 30 days of their taking effect.
    const judicial = !oral && this.record.row.agreementSignedOn !== null && rng.chance(0.22);
    const appliedAt = judicial ? agreedAt + rng.real(1, 12) * dayMs : Number.POSITIVE_INFINITY;
    const decidedAt = appliedAt + rng.real(5, 15) * dayMs;
    let judicialStep = 0;
    const judicialDue = () => (judicialStep === 0 ? appliedAt : judicialStep === 1 ? decidedAt : Number.POSITIVE_INFINITY);
    const takeJudicial = (until: number): boolean => {
      while (judicialDue() < until) {
        const at = judicialDue();
        const confirmed = rng.chance(0.94);
        const state = judicialStep === 0 ? 'applied' : confirmed ? 'confirmed' : 'rejected';
        const year = chinaDate(at).slice(0, 4);
        const court = T.courts[0]!;
        const when = this.after(0.5, at);
        const judicialStepInput = { state, court, on: chinaDate(when), ...(state === 'confirmed' ? { caseNumber: `（${year}）内0602民特${rng.int(1, 900)}号` } : {}) } as const;
        const text = state === 'rejected' ? '协议内容涉及案外人权益，人民法院裁定驳回申请' : undefined;
        if (!this.step({ at: when, action: 'record_judicial', actor: m, judicial: judicialStepInput, ...(text ? { text } : {}) })) return false;
        judicialStep += 1;
      }
      return true;
    };

    // 回访 a week and a month after the agreement, as scheduled.
    for (const [i, offset] of [7, 30].entries()) {
      const at = this.after(rng.real(0, 7.5), agreedAt + (offset - 1 + rng.real(0, 2)) * dayMs);
      if (!takeJudicial(at)) return;
      const performance = i === 0 ? rng.weighted([['performed', 86], ['partly', 11], ['not_performed', 3]] as const) : rng.weighted([['performed', 95], ['partly', 4], ['not_performed', 1]] as const);
      const note = rng.pick(T.followUpNotes[performance]);
      if (!this.step({ at, action: 'record_follow_up', actor: m, text: note, method: rng.chance(0.7) ? 'phone' : 'visit', performance })) return;
      if (performance === 'not_performed' && !again && rng.chance(0.6)) {
        // 协议反悔: the centre reopens it and the same mediator tries again.
        if (!this.step({ at: this.after(rng.real(1, 16)), action: 'reopen', actor: this.staff, text: rng.pick(T.reopenReasons) })) return;
        this.mediate(typeCode, body, true);
        return;
      }
    }
    if (!takeJudicial(this.t + dayMs)) return;
    if (!this.step({ at: this.after(rng.real(0.5, 12)), action: 'close', actor: this.staff })) return;
    if (judicialStep < 2 && !takeJudicial(Number.POSITIVE_INFINITY - 1)) return;
    if (rng.chance(0.12)) {
      const evaluator = rng.chance(0.5) && this.upper.id !== this.staff.id ? this.upper : this.staff;
      this.step({ at: this.after(rng.real(4, 80)), action: 'evaluate', actor: evaluator, text: rng.pick(T.evaluations), score: rng.int(85, 100) });
    }
  }
}

function row8(rng: Rng): string {
  return Array.from({ length: 8 }, () => 'abcdefghijkmnpqrstuvwxyz23456789'[rng.int(0, 31)]).join('');
}

export const disputeTypeNames = Object.fromEntries(disputeTypes.map((t) => [t.code, t.zh])) as Record<DisputeTypeCode, string>;
export type { HistoryUnit };
