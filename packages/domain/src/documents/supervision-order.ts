import { z } from 'zod';
import { isBlank, checkWith, documentDateSchema, documentText, type DocumentCheck, type DocumentProblem } from './parties.ts';

/**
 * 督办单 (supervision order): a 综治中心 or the monthly 联席会议 hands a matter to a unit with a due
 * date and asks for a written reply.
 *
 * No statute fixes its contents; the items follow the practice of 督查督办 forms and the element
 * names of 《党政机关公文格式》GB/T 9704-2012 (发文字号 → number, 发文机关 → issuer, 主送机关 → recipient,
 * 成文日期 and 印章 → date and seal). The reply section (办理情况, 承办人, 负责人签字, 回复日期) is
 * what makes the order trackable: the next meeting reads it (issue 4 item 7).
 */
export const supervisionOrderSchema = z
  .object({
    /** 督办编号, e.g. 东综治督〔2025〕18号 */
    number: documentText(60).optional(),
    /** 督办单位 (issuing body) */
    issuer: documentText(100).optional(),
    /** 承办单位 (recipient unit) */
    recipient: documentText(100).optional(),
    /** 督办事项: a short title and the facts */
    matter: documentText(200).optional(),
    matterDetail: documentText(8000).optional(),
    /** Where the matter came from: 联席会议决定, 领导批示, 群众反映 … */
    source: documentText(200).optional(),
    /** 督办要求, one per line in the printed order */
    requirements: z.array(documentText(1000)).max(30).default([]),
    /** 办结时限, YYYY-MM-DD */
    dueDate: documentDateSchema.optional(),
    contact: z.object({ name: documentText(50).optional(), phone: documentText(30).optional() }).default({}),
    /** 签发人 */
    signatory: documentText(50).optional(),
    /** 签发日期 */
    issuedDate: documentDateSchema.optional(),
    /** A reply already received prints in the reply section; otherwise the section is left to fill. */
    reply: z
      .object({
        content: documentText(8000).optional(),
        handler: documentText(50).optional(),
        head: documentText(50).optional(),
        date: documentDateSchema.optional(),
      })
      .optional(),
  })
  .meta({ id: 'SupervisionOrder' });
export type SupervisionOrder = z.infer<typeof supervisionOrderSchema>;
export type SupervisionOrderInput = z.input<typeof supervisionOrderSchema>;

const basis = '督办单要素（GB/T 9704-2012 公文要素）';

export function supervisionOrderProblems(order: SupervisionOrder): DocumentProblem[] {
  const out: DocumentProblem[] = [];
  const need = (field: string, label: string, missing: boolean) => {
    if (missing) out.push({ field, kind: 'missing', label, basis });
  };
  need('number', '督办编号', isBlank(order.number));
  need('issuer', '督办单位', isBlank(order.issuer));
  need('recipient', '承办单位', isBlank(order.recipient));
  need('matter', '督办事项', isBlank(order.matter));
  need('requirements', '督办要求', order.requirements.every(isBlank));
  need('dueDate', '办结时限', isBlank(order.dueDate));
  need('contact.name', '联系人', isBlank(order.contact.name));
  need('contact.phone', '联系电话', isBlank(order.contact.phone));
  need('issuedDate', '签发日期', isBlank(order.issuedDate));
  if (order.dueDate && order.issuedDate && order.dueDate < order.issuedDate) {
    out.push({ field: 'dueDate', kind: 'invalid', label: '办结时限早于签发日期', basis });
  }
  return out;
}

/** Validates a 督办单 and names every missing or wrong item by field. */
export function checkSupervisionOrder(input: unknown): DocumentCheck<SupervisionOrder> {
  return checkWith(supervisionOrderSchema, supervisionOrderProblems, input);
}
