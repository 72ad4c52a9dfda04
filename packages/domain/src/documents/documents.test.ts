import { describe, expect, it } from 'vitest';
import {
  agreementClosingText,
  checkJudicialConfirmation,
  checkMediationAgreement,
  checkSupervisionOrder,
  chineseCount,
  confirmationAttachments,
  confirmationDeadline,
  confirmationRequestText,
  personDetails,
} from './index.ts';
import { sampleJudicialConfirmation, sampleMediationAgreement, sampleSupervisionOrder } from './samples.ts';

const today = new Date('2025-06-01T00:00:00Z');
const fields = (r: { problems: { field: string }[] }) => r.problems.map((p) => p.field);

describe('调解协议书 completeness (人民调解法 Art. 29)', () => {
  it('accepts the complete sample', () => {
    const result = checkMediationAgreement(sampleMediationAgreement, today);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('names each missing item by field', () => {
    const { facts: _facts, performanceDeadline: _deadline, ...rest } = sampleMediationAgreement;
    const parties = [{ ...sampleMediationAgreement.parties[0]!, phone: ' ', idNumber: undefined, gender: undefined, birthDate: undefined }, sampleMediationAgreement.parties[1]!];
    const result = checkMediationAgreement({ ...rest, parties, issues: [], mediators: [], terms: [{ content: '' }] }, today);
    expect(result.ok).toBe(false);
    expect(fields(result).sort()).toEqual(
      [
        'facts',
        'issues',
        'mediators',
        'parties[0].birthDate',
        'parties[0].gender',
        'parties[0].idNumber',
        'parties[0].phone',
        'performanceDeadline',
        'terms[0].content',
      ].sort(),
    );
    expect(result.problems.find((p) => p.field === 'facts')).toMatchObject({ kind: 'missing', label: '纠纷的主要事实', basis: expect.stringContaining('第二十九条') });
  });

  it('asks for two parties, and for an organisation its legal representative', () => {
    const result = checkMediationAgreement({ ...sampleMediationAgreement, parties: [{ kind: 'organisation', name: '某物业公司', address: '东胜区', phone: '0477-1' }] }, today);
    expect(fields(result)).toEqual(expect.arrayContaining(['parties', 'parties[0].legalRepresentative.name']));
  });

  it('reads gender and birth date from a valid ID number, and flags a wrong one', () => {
    const person = { ...sampleMediationAgreement.parties[0]!, kind: 'person' as const, gender: undefined, birthDate: undefined };
    expect(personDetails(person)).toEqual({ gender: 'male', birthDate: '1968-04-12' });
    const bad = checkMediationAgreement({ ...sampleMediationAgreement, parties: [{ ...person, idNumber: '150602196804122310' }, sampleMediationAgreement.parties[1]!] }, today);
    expect(bad.problems).toContainEqual(expect.objectContaining({ field: 'parties[0].idNumber', kind: 'invalid' }));
  });

  it('reports wrong types by field from the schema', () => {
    const result = checkMediationAgreement({ ...sampleMediationAgreement, date: '18/03/2025', copies: 'three' });
    expect(result.ok).toBe(false);
    expect(fields(result).sort()).toEqual(['copies', 'date']);
  });

  it('prints the effect and copies the law fixes: one per party plus the committee’s', () => {
    const parsed = checkMediationAgreement(sampleMediationAgreement, today);
    expect(parsed.ok && agreementClosingText(parsed.value)).toEqual({
      effect: expect.stringContaining('人民调解员签名并加盖人民调解委员会印章之日起生效'),
      copies: '本协议一式三份，当事人各执一份，人民调解委员会留存一份。',
    });
    expect(checkMediationAgreement({ ...sampleMediationAgreement, copies: 2 }, today).problems).toContainEqual(expect.objectContaining({ field: 'copies', kind: 'invalid' }));
    expect([1, 10, 12, 20, 35].map(chineseCount)).toEqual(['一', '十', '十二', '二十', '三十五']);
  });
});

describe('督办单 completeness', () => {
  it('accepts the sample and names what is missing', () => {
    expect(checkSupervisionOrder(sampleSupervisionOrder).problems).toEqual([]);
    const result = checkSupervisionOrder({ ...sampleSupervisionOrder, recipient: '', requirements: [], contact: { name: '刘海燕' }, dueDate: '2025-03-01' });
    expect(fields(result).sort()).toEqual(['contact.phone', 'dueDate', 'recipient', 'requirements']);
    expect(result.problems.find((p) => p.field === 'dueDate')?.kind).toBe('invalid');
  });
});

describe('司法确认申请书 (人民调解法 Art. 33, 法释〔2011〕5号)', () => {
  it('accepts the sample and writes the standard request and attachments', () => {
    const result = checkJudicialConfirmation(sampleJudicialConfirmation, today);
    expect(result.problems).toEqual([]);
    if (!result.ok) throw new Error('sample should be complete');
    expect(confirmationRequestText(result.value)).toBe(
      '请求人民法院依法确认申请人于2025年3月18日经鄂尔多斯市东胜区交通街道天骄社区人民调解委员会主持调解达成的《人民调解协议书》（〔2025〕东调字第0128号）有效。',
    );
    // The sample's second applicant has an agent, so the power of attorney is listed.
    expect(confirmationAttachments(result.value)).toContain('授权委托书');
  });

  it('needs two applicants jointly and refuses a filing after 30 days', () => {
    expect(confirmationDeadline('2025-03-18')).toBe('2025-04-17');
    expect(confirmationDeadline('2024-12-31')).toBe('2025-01-30');
    const onTime = checkJudicialConfirmation({ ...sampleJudicialConfirmation, applicationDate: '2025-04-17' }, today);
    expect(onTime.ok).toBe(true);
    const late = checkJudicialConfirmation({ ...sampleJudicialConfirmation, applicationDate: '2025-04-18', applicants: [sampleJudicialConfirmation.applicants[0]!] }, today);
    expect(late.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'applicants', kind: 'missing' }),
        expect.objectContaining({ field: 'applicationDate', kind: 'invalid', label: expect.stringContaining('30日') }),
      ]),
    );
    const missing = checkJudicialConfirmation({ applicants: [], agreement: {} }, today);
    expect(fields(missing)).toEqual(
      expect.arrayContaining(['court', 'agreement.number', 'agreement.organisation', 'agreement.effectiveDate', 'factsAndReasons', 'applicationDate']),
    );
  });
});
