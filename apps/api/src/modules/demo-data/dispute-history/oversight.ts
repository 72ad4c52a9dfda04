import {
  buildMeetingAgenda,
  createRng,
  defaultEscalationRules,
  defaultEscalationSettings,
  evaluateEscalation,
  generatePerson,
  keyPersonCategories,
  keyPersonCategoryLabels,
  openDisputeStates,
  previousScreeningPeriod,
  screeningDueDate,
  supervisionNumber,
  type AgendaHardCase,
  type AgendaPreviousDecision,
  type EarlierCase,
  type EscalationRule,
  type ScreeningItem,
} from '@shizhi/domain';
import type { escalationFlag, hardCase, jointMeeting, keyPerson, meetingDecision, screeningReport } from '../../dispute-oversight/index.ts';
import type { HistoryActor, HistoryDistrict } from '../event-history/district.ts';
import { chinaDate, uuidFrom } from '../event-history/reports.ts';
import type { DisputePlan } from './plan.ts';
import type { CaseRow } from './record.ts';

/**
 * The oversight around the generated cases, as the oversight module's use cases write it: monthly
 * 排查 reports of every grid and community (most on time, some 零报告, a few late, a few missing for
 * the last months), 民转刑 flags from the county's default rules applied to each case at registration
 * (the same `evaluateEscalation`), a handful of 四定四包 hard cases, and the district's last two
 * 联席会议 with the agenda `buildMeetingAgenda` draws up, their 督办单 and the answers.
 */

export type ScreeningRow = typeof screeningReport.$inferInsert;
export type HardCaseRow = typeof hardCase.$inferInsert;
export type MeetingRow = typeof jointMeeting.$inferInsert;
export type DecisionRow = typeof meetingDecision.$inferInsert;
export type FlagRow = typeof escalationFlag.$inferInsert;
export type KeyPersonRow = typeof keyPerson.$inferInsert;

export interface FilerUnit {
  code: string;
  name: string;
  level: 'grid' | 'village';
  orgPath: string;
}

export interface OversightPlan {
  screening: ScreeningRow[];
  keyPersons: KeyPersonRow[];
  flags: FlagRow[];
  hardCases: HardCaseRow[];
  meetings: MeetingRow[];
  decisions: DecisionRow[];
}

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const screeningMonths = 12;

/** An instant at a China wall-clock time of a date. */
function chinaAt(date: string, hours: number): number {
  return Date.parse(`${date}T00:00:00+08:00`) + hours * hourMs;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** The 10th of the month `back` months before `period`. */
function monthTenth(period: string, back: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 - back, 10)).toISOString().slice(0, 10);
}

const normaliseAddress = (a: string | null | undefined) => (a ?? '').replace(/\s+/g, '').toLowerCase();

export function planOversight(
  district: HistoryDistrict,
  filers: readonly FilerUnit[],
  plan: DisputePlan,
  options: { now: Date; seed: string; rules?: readonly EscalationRule[] },
): OversightPlan {
  const now = options.now.getTime();
  const today = chinaDate(now);
  const rng = createRng(`${options.seed}:${district.county.code}:dispute-oversight`);
  const newId = () => uuidFrom(rng);
  const currentPeriod = today.slice(0, 7);
  const county = { orgPath: district.county.path, countyCode: district.county.code };
  const out: OversightPlan = { screening: [], keyPersons: [], flags: [], hardCases: [], meetings: [], decisions: [] };
  const cases = plan.cases;
  const partiesOf = new Map<string, { name: string; idNumber: string | null }[]>();
  for (const p of plan.parties) partiesOf.set(p.disputeId, [...(partiesOf.get(p.disputeId) ?? []), { name: p.name, idNumber: p.idNumber ?? null }]);
  const staffOf = (path: string): HistoryActor => district.unitsByPath.get(path)?.actors[0] ?? district.county.actors[0]!;

  // ─── 重点人员: a few parties of heated cases are on the list the key_person rule reads ──────────
  const keyIds = new Set<string>();
  const heated = cases.filter((c) => c.riskReasons?.some((r) => r.code === 'violence_words'));
  for (const c of heated.slice(0, 14)) {
    const party = partiesOf.get(c.id)?.find((p) => p.idNumber);
    if (!party?.idNumber || keyIds.has(party.idNumber)) continue;
    keyIds.add(party.idNumber);
    const category = rng.pick(keyPersonCategories.filter((k) => k !== 'other'));
    const village = c.orgPath.split('.').slice(0, 5).join('.');
    out.keyPersons.push({
      id: newId(),
      idNumber: party.idNumber,
      name: party.name,
      category,
      orgCode: village.slice(village.lastIndexOf('.') + 1),
      note: `${keyPersonCategoryLabels[category]}，由社区民警和网格员共同管控`,
      active: true,
      // On the list before the history starts.
      addedAt: plan.from,
      addedBy: '系统导入',
      orgPath: village,
      countyCode: c.countyCode,
    });
  }
  const keyName = new Map(out.keyPersons.map((k) => [k.idNumber, keyPersonCategoryLabels[k.category]]));

  // ─── 民转刑 flags: the default rules on each case as it was registered ──────────────────────────
  const rules = options.rules ?? defaultEscalationRules;
  const byId = new Map<string, CaseRow[]>();
  const byAddress = new Map<string, CaseRow[]>();
  for (const c of cases) {
    const parties = partiesOf.get(c.id) ?? [];
    const ids = parties.flatMap((p) => (p.idNumber ? [p.idNumber] : []));
    const nameOf = new Map(parties.flatMap((p) => (p.idNumber ? [[p.idNumber, p.name] as const] : [])));
    const earlier = new Map<string, { c: CaseRow; shared: Set<string>; sameAddress: boolean }>();
    const note = (e: CaseRow) => {
      const found = earlier.get(e.id) ?? { c: e, shared: new Set<string>(), sameAddress: false };
      earlier.set(e.id, found);
      return found;
    };
    for (const id of ids) for (const e of byId.get(id) ?? []) note(e).shared.add(nameOf.get(id) ?? '');
    const address = normaliseAddress(c.address);
    if (address) for (const e of byAddress.get(address) ?? []) note(e).sameAddress = true;
    const registeredAt = c.registeredAt.getTime();
    const earlierCases: EarlierCase[] = [...earlier.values()]
      .sort((a, b) => a.c.registeredAt.getTime() - b.c.registeredAt.getTime())
      .map((e) => ({ number: e.c.number, registeredOn: chinaDate(e.c.registeredAt.getTime()), sharedParties: [...e.shared].filter(Boolean), sameAddress: e.sameAddress }));
    const result = evaluateEscalation(rules, defaultEscalationSettings, {
      today: chinaDate(registeredAt),
      peopleInvolved: c.peopleInvolved,
      address: c.address ?? null,
      texts: [c.title, c.summary, c.claims ?? ''].filter(Boolean),
      earlierCases,
      keyPersons: ids.flatMap((id) => (keyName.has(id) ? [{ name: nameOf.get(id) ?? '', category: keyName.get(id)! }] : [])),
    });
    for (const id of ids) byId.set(id, [...(byId.get(id) ?? []), c]);
    if (address) byAddress.set(address, [...(byAddress.get(address) ?? []), c]);
    if (result.flags.length === 0) continue;

    // What the centre did about it: the open cases' flags partly still waiting, the rest handled.
    const open = openDisputeStates.includes(c.state!);
    const handledAt = registeredAt + rng.real(0.5, 30) * hourMs;
    const staff = staffOf(c.ownerOrgPath);
    const state =
      handledAt > now || (open && rng.chance(0.35))
        ? 'open'
        : result.routeToPolice && rng.chance(0.75)
          ? 'routed'
          : rng.weighted([['acknowledged', 70], ['cleared', 30]] as const);
    const township = district.unitsByPath.get(c.orgPath.split('.').slice(0, 4).join('.'));
    out.flags.push({
      id: newId(),
      disputeId: c.id,
      disputeNumber: c.number,
      disputeTitle: c.title,
      trigger: 'registered',
      evaluatedAt: new Date(registeredAt + 500),
      score: result.score,
      grade: result.grade,
      routeToPolice: result.routeToPolice,
      flags: result.flags.map((f) => ({ ...f, ruleVersion: 1 })),
      ruleCodes: result.flags.map((f) => f.ruleCode).sort().join(','),
      state,
      handledAt: state === 'open' ? null : new Date(handledAt),
      handledBy: state === 'open' ? null : staff.name,
      note: state === 'cleared' ? '经核实，双方情绪稳定，已达成和解意向，解除预警' : state === 'routed' ? '已推送派出所，社区民警参与稳控' : state === 'acknowledged' ? '已知悉，安排调解员重点跟进' : null,
      policeUnit: state === 'routed' ? `${township?.name ?? ''}派出所` : null,
      supersededAt: null,
      orgPath: c.orgPath,
      countyCode: c.countyCode,
    });
  }

  // ─── 排查: every grid and community, every month of the last year ──────────────────────────────
  const periods = [currentPeriod];
  while (periods.length < screeningMonths) periods.push(previousScreeningPeriod(periods.at(-1)!));
  const casesAt = new Map<string, CaseRow[]>();
  for (const c of cases) {
    const period = chinaDate(c.registeredAt.getTime()).slice(0, 7);
    if (period < periods.at(-1)!) continue;
    for (const code of [c.placeCode, c.orgPath.split('.')[4]]) {
      const key = `${code}:${period}`;
      casesAt.set(key, [...(casesAt.get(key) ?? []), c]);
    }
  }
  for (const [index, unit] of filers.entries()) {
    const filer = district.units.get(unit.code)?.actors[0] ?? staffOf(unit.level === 'grid' ? unit.orgPath.slice(0, unit.orgPath.lastIndexOf('.')) : unit.orgPath);
    for (const period of periods) {
      const due = screeningDueDate(period);
      const current = period === currentPeriod;
      const previous = period === periods[1];
      // Before the due date most units have yet to file; after it, a few never did (the last unit always
      // among them, so the missing view has something to show at every scale).
      const missing = current
        ? today >= due
          ? index % 15 === 2 || index === filers.length - 1
          : rng.chance(0.6)
        : previous && (index % 40 === 3 || index === filers.length - 1);
      if (missing) continue;
      const late = !current && rng.chance(previous ? 0.04 : 0.03);
      let filedOn = late ? addDays(due, rng.int(1, 10)) : `${period}-${String(rng.int(15, 25)).padStart(2, '0')}`;
      if (filedOn > today) filedOn = today;
      if (filedOn < `${period}-01`) filedOn = `${period}-01`;
      const filedAt = Math.min(chinaAt(filedOn, rng.real(8.5, 17.5)), now - 60_000);
      const found = (casesAt.get(`${unit.code}:${period}`) ?? []).filter((c) => c.registeredAt.getTime() < filedAt).slice(0, 3);
      const items: ScreeningItem[] = found.map((c) => ({
        typeCode: c.typeCode,
        title: c.title.slice(0, 50),
        summary: c.summary.slice(0, 1000),
        peopleInvolved: c.peopleInvolved,
        ...(c.address ? { address: c.address.slice(0, 100) } : {}),
        handling: c.success ? 'resolved' : c.source === 'referral' ? 'referred' : 'in_progress',
        disputeId: c.id,
      }));
      if (items.length === 0 && rng.chance(0.3)) {
        items.push({
          typeCode: rng.pick(['neighbour', 'marriage_family', 'property_mgmt'] as const),
          title: rng.pick(['邻里口角当场化解', '家庭矛盾经劝解缓和', '业主与物业小摩擦已协调']),
          summary: '网格员走访中发现，经现场劝解双方已和解，未形成纠纷案件',
          peopleInvolved: 2,
          handling: 'resolved',
        });
      }
      out.screening.push({
        id: newId(),
        orgCode: unit.code,
        period,
        dueOn: due,
        nothingFound: items.length === 0,
        itemCount: items.length,
        items,
        note: items.length === 0 ? '本月经入户走访排查，未发现矛盾纠纷' : null,
        filedOn,
        filedAt: new Date(filedAt),
        filedById: filer.id,
        filedByName: filer.name,
        late: filedOn > due,
        revision: 1,
        orgPath: unit.orgPath,
        countyCode: county.countyCode,
      });
    }
  }

  // ─── 四定四包: open hard cases on the riskiest open cases, and a few closed ones ─────────────────
  const leaders = ['区委政法委副书记', '街道党工委副书记', '街道办事处主任', '司法局副局长'];
  const person = (date: string) => generatePerson(rng, { asOf: date, addressCode: county.countyCode, minAge: 35, maxAge: 58 }).name;
  const rank = { high: 0, medium: 1, low: 2 } as const;
  const openCases = cases
    .filter((c) => openDisputeStates.includes(c.state!) && c.registeredAt.getTime() < now - 5 * dayMs)
    .sort((a, b) => rank[a.riskGrade!] - rank[b.riskGrade!] || a.registeredAt.getTime() - b.registeredAt.getTime())
    .slice(0, 5);
  // Closed ones that were open on the days of the meetings below, so each meeting has cases to discuss.
  const meetingDays = [monthTenth(currentPeriod, 2), monthTenth(currentPeriod, 1)].map((d) => chinaAt(d, 9));
  const spanning = (day: number) =>
    cases.filter((c) => c.state === 'closed' && c.riskGrade !== 'low' && c.closedAt && c.acceptedAt && c.acceptedAt.getTime() < day - 2 * dayMs && c.closedAt.getTime() > day);
  const closedCases = [...new Set([...spanning(meetingDays[0]!).slice(-2), ...spanning(meetingDays[1]!).slice(-2)])];
  for (const c of [...closedCases, ...openCases]) {
    const designatedAt = Math.min((c.acceptedAt ?? c.registeredAt).getTime() + rng.real(1, 2) * dayMs, now - dayMs);
    const designatedOn = chinaDate(designatedAt);
    const staff = staffOf(c.ownerOrgPath);
    const closedAt = c.state === 'closed' ? c.closedAt!.getTime() : null;
    const deadline = addDays(designatedOn, rng.pick([20, 30, 45]));
    const progress = [
      { at: new Date(designatedAt + 2 * dayMs).toISOString(), by: staff.name, note: '包案领导召集双方见面，听取诉求，明确化解方案' },
      { at: new Date(designatedAt + 8 * dayMs).toISOString(), by: staff.name, note: '责任人入户做工作，当事人情绪趋于平稳' },
    ].filter((p) => Date.parse(p.at) < (closedAt ?? now));
    out.hardCases.push({
      id: newId(),
      disputeId: c.id,
      disputeNumber: c.number,
      title: c.title,
      leadOfficial: person(designatedOn),
      leadOfficialTitle: rng.pick(leaders),
      handler: c.mediatorName ?? staff.name,
      measures: '包调查、包处理、包化解、包稳控：领导包案，专人盯办，每周研判一次，必要时邀请派出所和司法所参与',
      deadline,
      state: closedAt ? 'closed' : 'open',
      progress,
      outcome: closedAt ? 'resolved' : null,
      result: closedAt ? '经多次调解，双方达成协议并履行，案件化解' : null,
      closedAt: closedAt ? new Date(closedAt) : null,
      designatedAt: new Date(designatedAt),
      designatedBy: staff.name,
      designatedOrgPath: c.ownerOrgPath,
      revision: 1 + progress.length + (closedAt ? 1 : 0),
      orgPath: c.orgPath,
      countyCode: c.countyCode,
    });
  }

  // ─── 联席会议: the district's meetings of the last two months, with their 督办单 and answers ─────
  const townships = [...district.units.values()].filter((u) => u.level === 'township').sort((a, b) => a.code.localeCompare(b.code));
  const countyStaff = district.county.actors[0]!;
  const heldDays = [monthTenth(currentPeriod, 2), monthTenth(currentPeriod, 1)].filter((d) => chinaAt(d, 12) < now);
  let previous: { id: string; decisions: DecisionRow[] } | null = null;
  const issued = new Map<number, number>();
  for (const heldOn of heldDays) {
    const heldAt = chinaAt(heldOn, 9);
    const openThen = out.hardCases.filter((h) => h.designatedAt.getTime() <= heldAt && (!h.closedAt || h.closedAt.getTime() > heldAt));
    const unitOf = (path: string) => path.split('.').slice(0, 4).join('.');
    const hardCases: AgendaHardCase[] = openThen.map((h) => {
      const unit = district.unitsByPath.get(unitOf(h.orgPath));
      return {
        id: h.id!,
        disputeId: h.disputeId,
        disputeNumber: h.disputeNumber,
        title: h.title,
        unitCode: unit?.code ?? county.countyCode,
        unitName: unit?.name ?? district.county.name,
        leadOfficial: h.leadOfficial,
        handler: h.handler,
        deadline: h.deadline,
        state: 'open',
      };
    });
    const previousDecisions: AgendaPreviousDecision[] = (previous?.decisions ?? []).map((d) => {
      const answered = d.answeredAt && d.answeredAt.getTime() < heldAt;
      const hc = d.hardCaseId ? out.hardCases.find((h) => h.id === d.hardCaseId) : undefined;
      return {
        id: d.id,
        number: d.number,
        matter: d.matter,
        recipientName: d.recipientName,
        dueOn: d.dueOn,
        answeredOn: answered ? d.answeredOn! : null,
        reply: answered ? d.replyContent! : null,
        hardCaseId: d.hardCaseId ?? null,
        hardCaseState: hc ? (hc.closedAt && hc.closedAt.getTime() <= heldAt ? 'closed' : 'open') : null,
      };
    });
    const preparedAt = chinaAt(addDays(heldOn, -1), 16);
    const agenda = buildMeetingAgenda({ today: chinaDate(preparedAt), units: townships.map((t) => ({ code: t.code, name: t.name })), hardCases, previousDecisions });
    const id = newId();
    const recordedAt = chinaAt(heldOn, 11.5);
    const year = Number(heldOn.slice(0, 4));
    const matters: { matter: string; requirements: string[]; recipient: string; hardCaseId?: string }[] = hardCases.slice(0, 2).map((h) => ({
      matter: `督促化解${h.title}（${h.disputeNumber}）`,
      requirements: ['包案领导每周听取一次进展', '在化解时限内拿出化解方案并书面回复'],
      recipient: h.unitCode,
      hardCaseId: h.id,
    }));
    const general = rng.pick(townships);
    matters.push({ matter: '开展重点领域矛盾纠纷集中排查', requirements: ['对辖区劳资、物业、婚姻家庭纠纷开展一次集中排查', '排查结果纳入本月排查报告'], recipient: general.code });
    const decisions: DecisionRow[] = matters
      .filter((d) => townships.some((t) => t.code === d.recipient))
      .map((d, seq) => {
        const recipient = district.units.get(d.recipient)!;
        const n = (issued.get(year) ?? 0) + 1;
        issued.set(year, n);
        const dueOn = addDays(heldOn, rng.pick([15, 20]));
        const answerAt = heldAt + rng.real(5, 25) * dayMs;
        const last = heldOn === heldDays.at(-1) && seq === 0;
        const answered = !last && answerAt < now;
        const answerer = recipient.actors[0]!;
        return {
          id: newId(),
          meetingId: id,
          seq,
          number: supervisionNumber(district.county.name, year, n),
          matter: d.matter.slice(0, 200),
          matterDetail: null,
          requirements: d.requirements,
          hardCaseId: d.hardCaseId ?? null,
          recipientOrgCode: recipient.code,
          recipientName: recipient.name,
          issuerName: `${district.county.name}综治中心`,
          dueOn,
          issuedOn: heldOn,
          contactName: countyStaff.name,
          contactPhone: '0477-8581234',
          signatory: person(heldOn),
          state: answered ? 'answered' : 'issued',
          replyContent: answered ? '已按督办要求落实：包案领导召开专题会议研究，责任人逐户走访，化解工作按计划推进' : null,
          replyHandler: answered ? answerer.name : null,
          replyHead: answered ? person(heldOn) : null,
          answeredOn: answered ? chinaDate(answerAt) : null,
          answeredAt: answered ? new Date(answerAt) : null,
          answeredBy: answered ? answerer.name : null,
          issuerOrgPath: county.orgPath,
          orgPath: recipient.path,
          countyCode: county.countyCode,
        };
      });
    out.meetings.push({
      id,
      orgCode: county.countyCode,
      title: `${district.county.name}矛盾纠纷排查化解联席会议（${year}年${Number(heldOn.slice(5, 7))}月）`,
      heldOn,
      state: 'held',
      previousMeetingId: previous?.id ?? null,
      agenda,
      attendees: [
        { name: person(heldOn), unit: '区委政法委', title: '副书记' },
        { name: person(heldOn), unit: '区司法局', title: '副局长' },
        { name: person(heldOn), unit: '公安分局', title: '副局长' },
        { name: person(heldOn), unit: '区人民法院', title: '副院长' },
        { name: person(heldOn), unit: '区信访局', title: '副局长' },
        ...townships.slice(0, 4).map((t) => ({ name: t.actors[0]!.name, unit: `${t.name}综治中心` })),
      ],
      minutes: `会议通报了上月矛盾纠纷排查化解情况，研究了${agenda.open.length}件在办疑难纠纷，议定督办事项${decisions.length}项。`,
      preparedAt: new Date(preparedAt),
      preparedBy: countyStaff.name,
      recordedAt: new Date(recordedAt),
      recordedBy: countyStaff.name,
      revision: 2,
      orgPath: county.orgPath,
      countyCode: county.countyCode,
    });
    out.decisions.push(...decisions);
    previous = { id, decisions };
  }
  return out;
}
