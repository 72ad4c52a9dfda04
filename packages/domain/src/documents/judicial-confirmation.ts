import { z } from 'zod';
import { isBlank, checkWith, documentDateSchema, documentText, partyProblems, documentPartySchema, type DocumentCheck, type DocumentProblem } from './parties.ts';

/**
 * 司法确认申请书 (application to a court to confirm a mediation agreement).
 *
 * Where each item comes from:
 * - 《人民调解法》Art. 33: the parties, when they see the need, apply **jointly** to the people's court
 *   **within 30 days from the day the agreement takes effect**; the court confirms its validity, and a
 *   confirmed agreement can be enforced.
 * - 《民事诉讼法》(2023) Art. 205: the same 30 days; the court is the one that invited the mediation, or the
 *   basic court where a party lives, the subject matter lies or the mediation organisation sits.
 * - 最高人民法院《关于人民调解协议司法确认程序的若干规定》(法释〔2011〕5号) Art. 2 (court: where the
 *   committee sits), Art. 3: the application, the agreement, proof of identity and capacity, proof of
 *   property rights related to the agreement, and both parties' addresses for service and telephone
 *   numbers; an agent files a signed power of attorney.
 */

export const judicialConfirmationSchema = z
  .object({
    /** 申请人: every party to the agreement, applying jointly. */
    applicants: z.array(documentPartySchema).max(20),
    /** 受理法院, e.g. 鄂尔多斯市东胜区人民法院 */
    court: documentText(100).optional(),
    agreement: z
      .object({
        number: documentText(60).optional(),
        organisation: documentText(100).optional(),
        /** The day the agreement took effect (all signatures and the seal), YYYY-MM-DD. */
        effectiveDate: documentDateSchema.optional(),
        /** The agreed content in brief, quoted in the request. */
        summary: documentText(4000).optional(),
      })
      .default({}),
    /** 请求事项; when empty the standard request is printed (see `confirmationRequestText`). */
    request: documentText(2000).optional(),
    /** 事实和理由 */
    factsAndReasons: documentText(8000).optional(),
    /** 附件 (extra items beyond the standard list) */
    attachments: z.array(documentText(200)).max(30).default([]),
    /** 申请日期, YYYY-MM-DD */
    applicationDate: documentDateSchema.optional(),
  })
  .meta({ id: 'JudicialConfirmationApplication' });
export type JudicialConfirmationApplication = z.infer<typeof judicialConfirmationSchema>;
export type JudicialConfirmationApplicationInput = z.input<typeof judicialConfirmationSchema>;

/** 人民调解法 Art. 33 / 民事诉讼法 Art. 205. */
export const confirmationWindowDays = 30;

/** The last day to apply: the effective day plus 30 calendar days. */
export function confirmationDeadline(effectiveDate: string): string {
  const [y, m, d] = effectiveDate.split('-').map(Number);
  const last = new Date(Date.UTC(y!, m! - 1, d! + confirmationWindowDays));
  return last.toISOString().slice(0, 10);
}

/** The attachments 法释〔2011〕5号 Art. 3 asks for, then the ones the staff add. */
export function confirmationAttachments(application: Pick<JudicialConfirmationApplication, 'attachments' | 'applicants'>): string[] {
  const standard = [
    '人民调解协议书',
    '申请人身份证明（居民身份证复印件；单位为营业执照副本复印件及法定代表人身份证明）',
    '与调解协议相关的财产权利证明等证明材料',
  ];
  if (application.applicants.some((a) => a.agent)) standard.push('授权委托书');
  const extra = application.attachments.filter((a) => !standard.includes(a.trim()));
  return [...standard, ...extra];
}

export function confirmationRequestText(application: JudicialConfirmationApplication): string {
  if (!isBlank(application.request)) return application.request!.trim();
  const { organisation, number } = application.agreement;
  const by = isBlank(organisation) ? '人民调解委员会' : organisation!;
  const no = isBlank(number) ? '' : `（${number}）`;
  return `请求人民法院依法确认申请人于${formatDateZh(application.agreement.effectiveDate)}经${by}主持调解达成的《人民调解协议书》${no}有效。`;
}

/** 2025-03-04 → 2025年3月4日; isBlank gives a line to fill by hand. */
export function formatDateZh(date: string | undefined): string {
  if (!date) return '____年__月__日';
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

const art33 = '人民调解法第三十三条';
const rules2011 = '法释〔2011〕5号第三条';

export function judicialConfirmationProblems(application: JudicialConfirmationApplication, today?: Date): DocumentProblem[] {
  const out: DocumentProblem[] = [];
  const need = (field: string, label: string, missing: boolean, basis: string) => {
    if (missing) out.push({ field, kind: 'missing', label, basis });
  };
  need('applicants', '双方当事人共同申请（至少两名申请人）', application.applicants.length < 2, art33);
  application.applicants.forEach((p, i) => out.push(...partyProblems(p, `applicants[${i}]`, rules2011, today)));
  need('court', '受理法院', isBlank(application.court), '民事诉讼法第二百零五条');
  need('agreement.number', '调解协议编号', isBlank(application.agreement.number), rules2011);
  need('agreement.organisation', '主持调解的人民调解委员会', isBlank(application.agreement.organisation), '法释〔2011〕5号第二条');
  need('agreement.effectiveDate', '调解协议生效日期', isBlank(application.agreement.effectiveDate), art33);
  need('factsAndReasons', '事实和理由', isBlank(application.factsAndReasons), '民事诉讼法第二百零五条');
  need('applicationDate', '申请日期', isBlank(application.applicationDate), art33);
  const effective = application.agreement.effectiveDate;
  if (effective && application.applicationDate) {
    if (application.applicationDate < effective) {
      out.push({ field: 'applicationDate', kind: 'invalid', label: '申请日期早于调解协议生效日期', basis: art33 });
    } else if (application.applicationDate > confirmationDeadline(effective)) {
      out.push({ field: 'applicationDate', kind: 'invalid', label: `已超过调解协议生效之日起${confirmationWindowDays}日的申请期限`, basis: art33 });
    }
  }
  return out;
}

/** Validates a 司法确认申请书 and names every missing or wrong item by field. */
export function checkJudicialConfirmation(input: unknown, today?: Date): DocumentCheck<JudicialConfirmationApplication> {
  return checkWith(judicialConfirmationSchema, (a) => judicialConfirmationProblems(a, today), input);
}
