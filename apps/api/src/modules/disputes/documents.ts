import {
  confirmationDeadline,
  disputeTypeOf,
  formatDateZh,
  shanghaiDateOf,
  type DocumentParty,
  type JudicialConfirmationApplicationInput,
  type MediationAgreementInput,
} from '@shizhi/domain';
import type { DisputeRow } from './policies.ts';
import type { disputeParty, disputeSession } from './schema.ts';

type PartyRow = typeof disputeParty.$inferSelect;
type SessionRow = typeof disputeSession.$inferSelect;

/** What the documents are made from: the case, its parties (whole: documents are for signing), its sessions. */
export interface CaseForDocuments {
  row: DisputeRow;
  parties: PartyRow[];
  sessions: SessionRow[];
  mediationOrgName: string | null;
}

/** 协议编号: the year of the agreement and the case number, so it is unique without a second counter. */
export function agreementNumberOf(row: Pick<DisputeRow, 'number' | 'outcomeAt'>): string {
  const year = (row.outcomeAt ? shanghaiDateOf(row.outcomeAt) : row.number.slice(8, 12)).slice(0, 4);
  return `〔${year}〕调字第${row.number}号`;
}

/** The day the agreement was reached (recorded), as a China date. */
export function agreementDateOf(row: Pick<DisputeRow, 'outcomeAt'>): string | null {
  return row.outcomeAt ? shanghaiDateOf(row.outcomeAt) : null;
}

/** The day it took effect: when all signed (人民调解法 Art. 29), else the day it was reached. */
export function agreementEffectiveDateOf(row: Pick<DisputeRow, 'outcomeAt' | 'agreementSignedOn'>): string | null {
  return row.agreementSignedOn ?? agreementDateOf(row);
}

/** The last day to apply for 司法确认 (30 days from the effective day), or null before an agreement. */
export function judicialDeadlineOf(row: Pick<DisputeRow, 'outcomeAt' | 'agreementSignedOn'>): string | null {
  const effective = agreementEffectiveDateOf(row);
  return effective ? confirmationDeadline(effective) : null;
}

const opt = <T>(value: T | null | undefined): T | undefined => value ?? undefined;
const sentence = (text: string) => (/[。！？.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}。`);

function documentParty(p: PartyRow): DocumentParty {
  if (p.kind === 'organisation') {
    return { kind: 'organisation', name: p.name, creditCode: opt(p.idNumber), address: opt(p.address), phone: opt(p.phone) };
  }
  // Gender and birth date are read from the ID number by the document engine when it is valid.
  return { kind: 'person', name: p.name, idNumber: opt(p.idNumber), address: opt(p.address), phone: opt(p.phone) };
}

/** The agreed content as clauses: one per line or per "；" of what the mediator recorded. */
export function agreementClauses(resolution: string | null): string[] {
  return (resolution ?? '')
    .split(/\r?\n|；|;/)
    .map((t) => t.trim().replace(/^(\d+[.、．)]|[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）)\s*/, ''))
    .filter((t) => t.length > 0)
    .map(sentence);
}

/** Where the agreement was reached: the last session's room, or the video session. */
function mediationPlace(sessions: SessionRow[]): string | undefined {
  const held = sessions.filter((s) => s.state === 'held');
  const last = (held.length ? held : sessions).at(-1);
  if (!last) return undefined;
  return last.mode === 'video' ? '视频调解（线上）' : opt(last.place);
}

function factsOf(row: DisputeRow): string {
  const when = formatDateZh(row.occurredOn);
  const where = row.address ? `在${row.address}` : '';
  return `${when}${where ? `，${where}` : ''}，${sentence(row.summary)}`;
}

/** 人民调解协议书 (人民调解法 Art. 29) from a case with a written agreement; missing items print as blanks. */
export function mediationAgreementOf(c: CaseForDocuments): MediationAgreementInput {
  const { row } = c;
  const date = agreementDateOf(row);
  const performBy = row.performBy ? `${formatDateZh(row.performBy)}前履行完毕` : undefined;
  return {
    number: agreementNumberOf(row),
    organisation: opt(c.mediationOrgName),
    disputeType: disputeTypeOf(row.typeCode).zh,
    parties: c.parties.map(documentParty),
    facts: factsOf(row),
    issues: row.claims?.trim() ? [row.claims.trim()] : [row.title],
    // 各方当事人的责任 and 履行方式 are not recorded on the case: they print as lines to fill in (or edit the .docx).
    terms: agreementClauses(row.resolution).map((content) => ({ content })),
    performanceDeadline: performBy,
    mediators: row.mediatorName ? [{ name: row.mediatorName }] : [],
    date: opt(date),
    place: mediationPlace(c.sessions),
  };
}

/** 司法确认申请书 (人民调解法 Art. 33, 法释〔2011〕5号 Art. 3): every party applies jointly. */
export function judicialConfirmationOf(c: CaseForDocuments, options: { court: string; applicationDate: string }): JudicialConfirmationApplicationInput {
  const { row } = c;
  const date = agreementDateOf(row);
  const organisation = c.mediationOrgName ?? '人民调解委员会';
  const names = c.parties.map((p) => p.name).join('、');
  const content = agreementClauses(row.resolution).join('');
  return {
    applicants: c.parties.map(documentParty),
    court: options.court,
    agreement: {
      number: agreementNumberOf(row),
      organisation: opt(c.mediationOrgName),
      effectiveDate: opt(agreementEffectiveDateOf(row)),
      summary: opt(content || null),
    },
    factsAndReasons:
      `申请人${names}因${row.title}发生${disputeTypeOf(row.typeCode).zh}。` +
      `${formatDateZh(opt(date))}，经${organisation}主持调解，各方自愿达成调解协议${content ? `：${content}` : '。'}` +
      // The engine adds the effective day, the deadline and the legal basis (Art. 33, 民事诉讼法 Art. 205) after this.
      '该协议系各方真实意思表示，不违反法律、行政法规的强制性规定，不损害国家利益、社会公共利益和他人合法权益。',
    applicationDate: options.applicationDate,
  };
}
