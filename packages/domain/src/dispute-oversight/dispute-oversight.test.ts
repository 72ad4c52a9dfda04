import { describe, expect, it } from 'vitest';
import {
  buildMeetingAgenda,
  decisionOutcome,
  defaultEscalationRules,
  defaultEscalationSettings,
  escalationActionsIn,
  escalationRuleSchema,
  evaluateEscalation,
  fileScreeningSchema,
  isHardCaseOverdue,
  previousScreeningPeriod,
  screeningDueDate,
  screeningStatus,
  type AgendaHardCase,
  type EscalationFacts,
} from './index.ts';

describe('screening periods', () => {
  it('are due on the 25th and show missing from that day on', () => {
    expect(screeningDueDate('2026-03')).toBe('2026-03-25');
    expect(screeningStatus('2026-03', '2026-03-24', null)).toBe('not_due');
    expect(screeningStatus('2026-03', '2026-03-25', null)).toBe('missing');
    expect(screeningStatus('2026-03', '2026-04-02', '2026-03-25')).toBe('filed');
    expect(screeningStatus('2026-03', '2026-04-02', '2026-03-26')).toBe('filed_late');
    expect(previousScreeningPeriod('2026-01')).toBe('2025-12');
  });

  it('takes a nil report only without items, and items only without the nil mark', () => {
    const base = { orgCode: '150602001001', period: '2026-03' };
    expect(fileScreeningSchema.safeParse({ ...base, nothingFound: true }).success).toBe(true);
    const nilWithItems = fileScreeningSchema.safeParse({
      ...base,
      nothingFound: true,
      items: [{ typeCode: 'neighbour', title: '噪音', summary: '夜间噪音', peopleInvolved: 2, handling: 'resolved' }],
    });
    expect(nilWithItems.error?.issues[0]?.path).toEqual(['items']);
    expect(fileScreeningSchema.safeParse({ ...base, nothingFound: false }).error?.issues[0]?.path).toEqual(['nothingFound']);
  });
});

describe('hard cases and the joint meeting agenda', () => {
  const hc = (over: Partial<AgendaHardCase>): AgendaHardCase => ({
    id: 'h',
    disputeId: 'd',
    disputeNumber: 'TJ1',
    title: '征地补偿纠纷',
    unitCode: '150602001',
    unitName: '交通街道',
    leadOfficial: '王主任',
    handler: '李干事',
    deadline: '2026-03-31',
    state: 'open',
    ...over,
  });

  it('counts a case overdue only after its deadline day', () => {
    expect(isHardCaseOverdue('open', '2026-03-31', '2026-03-31')).toBe(false);
    expect(isHardCaseOverdue('open', '2026-03-31', '2026-04-01')).toBe(true);
    expect(isHardCaseOverdue('closed', '2026-03-31', '2026-04-01')).toBe(false);
  });

  it('puts previous decisions first, then overdue cases, then open cases per unit', () => {
    const agenda = buildMeetingAgenda({
      today: '2026-04-05',
      units: [
        { code: '150602001', name: '交通街道' },
        { code: '150602002', name: '公园街道' },
      ],
      hardCases: [hc({ id: 'a', disputeNumber: 'TJ1' }), hc({ id: 'b', disputeNumber: 'TJ2', deadline: '2026-04-30' }), hc({ id: 'c', state: 'closed' })],
      previousDecisions: [
        { id: 'x', number: '综治督〔2026〕1号', matter: '化解征地补偿纠纷', recipientName: '交通街道', dueOn: '2026-03-20', answeredOn: '2026-03-18', reply: '已签协议', hardCaseId: 'a', hardCaseState: 'open' },
        { id: 'y', number: '综治督〔2026〕2号', matter: '排查出租屋', recipientName: '公园街道', dueOn: '2026-03-30', answeredOn: null, reply: null, hardCaseId: null, hardCaseState: null },
      ],
    });
    expect(agenda.units).toEqual([
      { code: '150602001', name: '交通街道', openHardCases: 2, overdueHardCases: 1 },
      { code: '150602002', name: '公园街道', openHardCases: 0, overdueHardCases: 0 },
    ]);
    expect(agenda.overdue.map((c) => [c.id, c.daysOverdue])).toEqual([['a', 5]]);
    expect(agenda.previousDecisions.map((d) => d.outcome)).toEqual(['answered', 'overdue']);
    expect(agenda.items[0]).toContain('按期回复1项');
    expect(agenda.items[0]).toContain('逾期未回复1项');
    expect(agenda.items[1]).toContain('逾期5天');
  });

  it('tells an answer late from an answer on time', () => {
    expect(decisionOutcome('2026-03-20', '2026-03-21', '2026-04-01')).toBe('answered_late');
    expect(decisionOutcome('2026-03-20', null, '2026-03-20')).toBe('pending');
  });
});

describe('escalation rules', () => {
  const facts = (over: Partial<EscalationFacts> = {}): EscalationFacts => ({
    today: '2026-03-02',
    peopleInvolved: 2,
    address: '幸福小区3号楼',
    texts: ['双方因漏水争吵'],
    earlierCases: [],
    keyPersons: [],
    ...over,
  });

  it('flags nothing on an ordinary case', () => {
    expect(evaluateEscalation(defaultEscalationRules, defaultEscalationSettings, facts())).toEqual({ flags: [], score: 0, grade: 'low', routeToPolice: false });
  });

  it('explains each flag and routes a high score to police liaison', () => {
    const result = evaluateEscalation(
      defaultEscalationRules,
      defaultEscalationSettings,
      facts({
        texts: ['被申请人扬言要报复，并称要持刀上门'],
        earlierCases: [
          { number: 'TJ01', registeredOn: '2025-12-01', sharedParties: ['张伟'], sameAddress: true },
          { number: 'TJ02', registeredOn: '2026-02-01', sharedParties: ['张伟'], sameAddress: false },
          { number: 'TJ00', registeredOn: '2024-01-01', sharedParties: ['张伟'], sameAddress: true },
        ],
      }),
    );
    expect(result.flags.map((f) => f.ruleCode)).toEqual(['repeat_parties', 'threat_words']);
    expect(result.flags[0]!.explanation).toBe('当事人张伟近365天内已有2起纠纷（TJ01、TJ02），达到2起的预警阈值');
    expect(result.flags[1]!.explanation).toContain('“持刀”“报复”');
    expect(result).toMatchObject({ score: 70, grade: 'high', routeToPolice: true });
  });

  it('follows edited thresholds, weights and the police grade', () => {
    const rules = defaultEscalationRules.map((r) => (r.kind === 'many_people' ? { ...r, threshold: 5, weight: 35 } : r));
    const five = facts({ peopleInvolved: 5, keyPersons: [] });
    expect(evaluateEscalation(defaultEscalationRules, defaultEscalationSettings, five).flags).toEqual([]);
    const edited = evaluateEscalation(rules, defaultEscalationSettings, five);
    expect(edited).toMatchObject({ score: 35, grade: 'medium', routeToPolice: false });
    expect(edited.flags[0]!.explanation).toBe('涉及5人，达到5人的预警阈值，有群体性事件风险');
    expect(evaluateEscalation(rules, { ...defaultEscalationSettings, policeGrade: 'medium' }, five).routeToPolice).toBe(true);
    const disabled = rules.map((r) => ({ ...r, enabled: false }));
    expect(evaluateEscalation(disabled, defaultEscalationSettings, five).flags).toEqual([]);
  });

  it('names the key person and the repeat address', () => {
    const result = evaluateEscalation(
      defaultEscalationRules,
      defaultEscalationSettings,
      facts({
        keyPersons: [{ name: '赵强', category: '刑满释放人员' }],
        earlierCases: [
          { number: 'TJ05', registeredOn: '2026-01-10', sharedParties: [], sameAddress: true },
          { number: 'TJ06', registeredOn: '2026-02-10', sharedParties: [], sameAddress: true },
        ],
      }),
    );
    expect(result.flags.map((f) => f.explanation)).toEqual([
      '同一地点（幸福小区3号楼）近180天内已有2起纠纷（TJ05、TJ06），达到2起的预警阈值',
      '当事人赵强（刑满释放人员）在重点人员名单上',
    ]);
    expect(result.grade).toBe('high');
  });

  it('refuses a repeat rule without a window and a keyword rule without words', () => {
    expect(escalationRuleSchema.safeParse({ code: 'r1', name: '反复', kind: 'repeat_parties', weight: 10, threshold: 2 }).error?.issues[0]?.path).toEqual(['windowDays']);
    expect(escalationRuleSchema.safeParse({ code: 'k1', name: '字眼', kind: 'keywords', weight: 10, threshold: 1 }).error?.issues[0]?.path).toEqual(['keywords']);
  });

  it('closes a flag once routed or cleared', () => {
    expect(escalationActionsIn('open')).toContain('route_to_police');
    expect(escalationActionsIn('routed')).toEqual([]);
  });
});
