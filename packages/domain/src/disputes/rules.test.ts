import { describe, expect, it } from 'vitest';
import { scaleOf, suggestedMediation } from './catalogue.ts';
import { computeDisputeKpis, emptyDisputeCounts } from './kpis.ts';
import { assessDisputeRisk } from './risk.ts';

const base = { typeCode: 'neighbour' as const, peopleInvolved: 2, amountYuan: null, texts: ['楼上噪音扰民'], earlierCasesSameParties: 0 };

describe('risk grade', () => {
  it('is low for a small first matter, with no reasons', () => {
    expect(assessDisputeRisk(base)).toEqual({ grade: 'low', reasons: [] });
  });

  it('explains each reason and takes the highest grade', () => {
    const r = assessDisputeRisk({ ...base, typeCode: 'labour', peopleInvolved: 12, amountYuan: 150_000, earlierCasesSameParties: 1 });
    expect(r.grade).toBe('high');
    expect(r.reasons.map((x) => x.code)).toEqual(['group', 'group_wages', 'sum', 'repeat']);
    expect(r.reasons.find((x) => x.code === 'sum')!.zh).toContain('15万元');
  });

  it('marks words of violence as high risk and names them', () => {
    const r = assessDisputeRisk({ ...base, texts: ['对方扬言要同归于尽'] });
    expect(r).toMatchObject({ grade: 'high', reasons: [{ code: 'violence_words' }] });
    expect(r.reasons[0]!.zh).toContain('同归于尽');
  });

  it('grades by people involved: group from 5, large group from 30', () => {
    expect([4, 5, 29, 30].map(scaleOf)).toEqual(['individual', 'group', 'group', 'large_group']);
    expect(assessDisputeRisk({ ...base, peopleInvolved: 30 }).grade).toBe('high');
  });
});

describe('suggested mediation body', () => {
  it('sends wage disputes to the labour trade body and family matters to the committee', () => {
    expect(suggestedMediation('labour')).toEqual({ body: 'industry', method: 'industry', field: 'labour' });
    expect(suggestedMediation('marriage_family')).toEqual({ body: 'committee', method: 'people', field: null });
    expect(suggestedMediation('land').method).toBe('administrative');
  });
});

describe('dispute figures', () => {
  it('computes the rates from counts and gives null for an empty base', () => {
    const c = { ...emptyDisputeCounts(), accepted: 200, resolved: 198, concluded: 199, concludedOnTime: 190, openOverdue: 1, writtenAgreements: 150, judiciallyConfirmed: 30, performanceKnown: 100, performed: 97, repeat: 4 };
    expect(computeDisputeKpis(c)).toEqual({
      resolutionRate: 0.99,
      mediationSuccessRate: 198 / 199,
      onTimeRate: 0.95,
      judicialConfirmationRate: 0.2,
      performanceRate: 0.97,
      repeatRate: 0.02,
    });
    expect(computeDisputeKpis(emptyDisputeCounts()).resolutionRate).toBeNull();
  });
});
