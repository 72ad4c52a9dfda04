import { z } from 'zod';
import { isBlank, checkWith, documentDateSchema, documentText, partyProblems, documentPartySchema, type DocumentCheck, type DocumentProblem } from './parties.ts';

/**
 * 人民调解协议书 (mediation agreement).
 *
 * Where each item comes from:
 * - 《中华人民共和国人民调解法》(2010) Art. 28: an agreement reached may be written as a 调解协议书.
 * - Art. 29 para. 1: it may state (1) 当事人的基本情况; (2) 纠纷的主要事实、争议事项以及各方当事人的责任;
 *   (3) 当事人达成调解协议的内容，履行的方式、期限.
 * - Art. 29 para. 2: it takes effect from the day every party signs, seals or puts a fingerprint on it and
 *   the 人民调解员 signs it and the 人民调解委员会 seals it; each party holds one copy and the committee keeps one.
 * - 《人民调解工作若干规定》(司法部 2002) Art. 35 lists the same items and adds 履行协议的地点; its
 *   Art. 34 asks for a written agreement when the dispute has civil rights and duties in it.
 * - Number, committee name, mediators and date: the committee's register and the signature blocks the
 *   law requires (Art. 29 para. 2) cannot be filled without them.
 */

export const mediationTermSchema = z.object({
  /** One agreed clause: who does what. */
  content: documentText(2000).optional(),
  /** A clause's own deadline when it differs from the agreement's (YYYY-MM-DD or words: "2025年3月31日前"). */
  deadline: documentText(100).optional(),
});
export type MediationTerm = z.infer<typeof mediationTermSchema>;

export const mediationAgreementSchema = z
  .object({
    /** 协议编号, e.g. 〔2025〕东调字第 0012 号 */
    number: documentText(60).optional(),
    /** 人民调解委员会 (or other mediation organisation) name */
    organisation: documentText(100).optional(),
    disputeType: documentText(50).optional(),
    parties: z.array(documentPartySchema).max(20),
    /** 纠纷的主要事实 */
    facts: documentText(8000).optional(),
    /** 争议事项 */
    issues: z.array(documentText(1000)).max(30).default([]),
    /** 各方当事人的责任 */
    responsibilities: documentText(4000).optional(),
    /** 达成调解协议的内容 */
    terms: z.array(mediationTermSchema).max(50).default([]),
    /** 履行方式 (e.g. 一次性银行转账, 分期支付, 当场履行) */
    performanceMethod: documentText(1000).optional(),
    /** 履行期限 */
    performanceDeadline: documentText(200).optional(),
    /** 履行地点 (《人民调解工作若干规定》Art. 35 (4)) */
    performancePlace: documentText(200).optional(),
    mediators: z.array(z.object({ name: documentText(50) })).max(10).default([]),
    /** Date written on the agreement, YYYY-MM-DD. */
    date: documentDateSchema.optional(),
    place: documentText(200).optional(),
    /** Copies made; at least one per party plus the committee's (Art. 29 para. 2). Default: that number. */
    copies: z.number().int().min(1).max(50).optional(),
  })
  .meta({ id: 'MediationAgreement' });
export type MediationAgreement = z.infer<typeof mediationAgreementSchema>;
export type MediationAgreementInput = z.input<typeof mediationAgreementSchema>;

const art29 = '人民调解法第二十九条';

/** Copies: one per party and one kept by the committee, unless more were asked for. */
export function agreementCopies(agreement: Pick<MediationAgreement, 'parties' | 'copies'>): number {
  return Math.max(agreement.copies ?? 0, agreement.parties.length + 1);
}

export function mediationAgreementProblems(agreement: MediationAgreement, today?: Date): DocumentProblem[] {
  const out: DocumentProblem[] = [];
  const need = (field: string, label: string, missing: boolean, basis = art29) => {
    if (missing) out.push({ field, kind: 'missing', label, basis });
  };
  need('number', '协议编号', isBlank(agreement.number), '人民调解委员会登记编号');
  need('organisation', '人民调解委员会名称', isBlank(agreement.organisation), `${art29}第二款（委员会盖章）`);
  need('parties', '至少两方当事人', agreement.parties.length < 2, `${art29}第一款第（一）项`);
  agreement.parties.forEach((p, i) => out.push(...partyProblems(p, `parties[${i}]`, `${art29}第一款第（一）项`, today)));
  need('facts', '纠纷的主要事实', isBlank(agreement.facts), `${art29}第一款第（二）项`);
  need('issues', '争议事项', agreement.issues.every(isBlank), `${art29}第一款第（二）项`);
  need('responsibilities', '各方当事人的责任', isBlank(agreement.responsibilities), `${art29}第一款第（二）项`);
  need('terms', '调解协议的内容', agreement.terms.length === 0, `${art29}第一款第（三）项`);
  agreement.terms.forEach((t, i) => need(`terms[${i}].content`, `第${i + 1}条协议内容`, isBlank(t.content), `${art29}第一款第（三）项`));
  need('performanceMethod', '履行方式', isBlank(agreement.performanceMethod), `${art29}第一款第（三）项`);
  need('performanceDeadline', '履行期限', isBlank(agreement.performanceDeadline), `${art29}第一款第（三）项`);
  need('mediators', '人民调解员', agreement.mediators.filter((m) => !isBlank(m.name)).length === 0, `${art29}第二款（调解员签名）`);
  need('date', '协议日期', isBlank(agreement.date));
  if (agreement.copies !== undefined && agreement.copies < agreement.parties.length + 1) {
    out.push({ field: 'copies', kind: 'invalid', label: '份数少于当事人数加一', basis: `${art29}第二款` });
  }
  return out;
}

/** Validates a 调解协议书 and names every missing or wrong item by field. */
export function checkMediationAgreement(input: unknown, today?: Date): DocumentCheck<MediationAgreement> {
  return checkWith(mediationAgreementSchema, (a) => mediationAgreementProblems(a, today), input);
}

/** The closing statements the law fixes (Art. 29 para. 2), in the words the document prints. */
export function agreementClosingText(agreement: Pick<MediationAgreement, 'parties' | 'copies'>): { effect: string; copies: string } {
  const copies = agreementCopies(agreement);
  return {
    effect: '本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。',
    copies: `本协议一式${chineseCount(copies)}份，当事人各执一份，人民调解委员会留存${chineseCount(copies - agreement.parties.length)}份。`,
  };
}

const digits = '零一二三四五六七八九';
/** 1 → 一, 12 → 十二, 20 → 二十, 35 → 三十五 (counts up to 99 are all a document needs). */
export function chineseCount(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return digits[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : digits[tens]}十${ones ? digits[ones] : ''}`;
}
