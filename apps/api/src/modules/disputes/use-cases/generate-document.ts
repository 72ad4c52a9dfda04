import { and, asc, eq, isNull } from 'drizzle-orm';
import { checkJudicialConfirmation, disputeDocumentsAvailable, DomainError, shanghaiDateOf } from '@shizhi/domain';
import { appendAudit } from '../../../platform/audit/write.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { inScope, type Actor } from '../../../platform/db/scope.ts';
import {
  docxMime,
  pdfMime,
  renderAgreementDocx,
  renderAgreementPdf,
  renderJudicialConfirmationDocx,
  renderJudicialConfirmationPdf,
} from '../../../platform/documents/index.ts';
import { orgUnit } from '../../org/index.ts';
import { agreementNumberOf, judicialConfirmationOf, mediationAgreementOf, type CaseForDocuments } from '../documents.ts';
import { disputePartiesOf, disputeSnapshotOf, mayReadPersonalData } from '../policies.ts';
import { visibleTo } from '../queries.ts';
import { disputeCase, disputeParty, disputeSession, mediationOrg } from '../schema.ts';
import type { DisputesDeps } from './open-case.ts';

export const disputeDocumentKinds = ['agreement', 'judicial-confirmation'] as const;
export type DisputeDocumentKind = (typeof disputeDocumentKinds)[number];
export type DocumentFormat = 'pdf' | 'docx';

const titles: Record<DisputeDocumentKind, string> = { agreement: '人民调解协议书', 'judicial-confirmation': '司法确认申请书' };

export interface GeneratedDocument {
  body: Buffer;
  mime: string;
  /** 人民调解协议书-TJ….pdf: for Content-Disposition. */
  filename: string;
}

/**
 * A case's 调解协议书 or 司法确认申请书 as PDF or .docx. The documents carry the parties' ID numbers and
 * addresses whole (they are signed and filed with the court), so only those who may read personal data
 * whole get them (the assigned mediator, the centre holding the case), and every generation is audited
 * in the same transaction. The first generation of an agreement is recorded on the case.
 */
export async function generateDisputeDocument(
  deps: DisputesDeps,
  actor: Actor,
  disputeId: string,
  kind: DisputeDocumentKind,
  format: DocumentFormat,
  options: { court?: string | undefined; applicationDate?: string | undefined } = {},
): Promise<GeneratedDocument> {
  const { input, number } = await inScope(deps.db, actor.scopePaths, async (tx) => {
    const c = await caseForDocuments(tx, actor, disputeId);
    const { row } = c;
    if (!mayReadPersonalData(disputePartiesOf(actor, row))) {
      throw new DomainError('AUTH.FORBIDDEN', { detail: '文书载有当事人完整身份信息，仅承办调解员和案件所属综治中心可生成' });
    }
    const available = disputeDocumentsAvailable(disputeSnapshotOf(row));
    const now = deps.clock.now();
    let input: { kind: 'agreement'; value: ReturnType<typeof mediationAgreementOf> } | { kind: 'judicial-confirmation'; value: ReturnType<typeof judicialConfirmationOf> };
    if (kind === 'agreement') {
      if (!available.agreement) throw new DomainError('DISPUTE.NOT_IN_STATE', { detail: '尚未登记书面调解协议，不能生成调解协议书' });
      input = { kind, value: mediationAgreementOf(c) };
      await tx
        .update(disputeCase)
        .set({ agreementGeneratedAt: now })
        .where(and(eq(disputeCase.id, row.id), isNull(disputeCase.agreementGeneratedAt)));
    } else {
      if (!available.judicialConfirmation) {
        throw new DomainError('DISPUTE.NOT_IN_STATE', {
          detail: row.outcome === 'agreement' ? `法院已${row.judicialState === 'confirmed' ? '确认' : '驳回'}该调解协议，不能再次申请` : '尚未登记书面调解协议，不能申请司法确认',
        });
      }
      const court = options.court?.trim() || row.judicialCourt || (await basicCourtOf(tx, row.countyCode));
      if (!court) throw new DomainError('VALIDATION.INVALID', { field: 'court', detail: '请填写受理法院' });
      const value = judicialConfirmationOf(c, { court, applicationDate: options.applicationDate ?? shanghaiDateOf(now) });
      // The 30 days of 人民调解法 Art. 33 (and any other wrong date) are refused here; missing items print as blanks.
      const check = checkJudicialConfirmation(value, now);
      const invalid = check.ok ? undefined : check.problems.find((p) => p.kind === 'invalid' && p.field === 'applicationDate');
      if (invalid) throw new DomainError('VALIDATION.INVALID', { field: 'applicationDate', detail: invalid.label });
      input = { kind, value };
    }
    await appendAudit(tx, deps.clock, { id: actor.userId, name: actor.username }, [
      {
        action: 'dispute.document_generated',
        entityType: 'dispute_case',
        entityId: row.id,
        orgPath: row.orgPath,
        detail: { number: row.number, kind, format, documentNumber: agreementNumberOf(row) },
      },
    ]);
    return { input, number: row.number };
  });
  const body =
    input.kind === 'agreement'
      ? format === 'pdf'
        ? await renderAgreementPdf(input.value)
        : await renderAgreementDocx(input.value)
      : format === 'pdf'
        ? await renderJudicialConfirmationPdf(input.value)
        : await renderJudicialConfirmationDocx(input.value);
  return { body, mime: format === 'pdf' ? pdfMime : docxMime, filename: `${titles[kind]}-${number}.${format}` };
}

/** The case with its parties whole, its sessions and its mediation body; 404 outside the actor's scope. */
export async function caseForDocuments(tx: Tx, actor: Actor, disputeId: string): Promise<CaseForDocuments> {
  const [found] = await tx
    .select({ row: disputeCase, mediationOrgName: mediationOrg.name })
    .from(disputeCase)
    .leftJoin(mediationOrg, eq(mediationOrg.id, disputeCase.mediationOrgId))
    .where(and(eq(disputeCase.id, disputeId), visibleTo(actor)));
  if (!found) throw new DomainError('DISPUTE.NOT_FOUND');
  const [parties, sessions] = await Promise.all([
    tx.select().from(disputeParty).where(eq(disputeParty.disputeId, disputeId)).orderBy(asc(disputeParty.seq)),
    tx.select().from(disputeSession).where(eq(disputeSession.disputeId, disputeId)).orderBy(asc(disputeSession.seq)),
  ]);
  return { row: found.row, parties, sessions, mediationOrgName: found.mediationOrgName };
}

/**
 * The basic court of the county (鄂尔多斯市 + 东胜区 + 人民法院): where the committee sits, the court
 * 法释〔2011〕5号 Art. 2 names. Null when the county or its city is not visible to the actor.
 */
async function basicCourtOf(tx: Tx, countyCode: string): Promise<string | null> {
  const [county] = await tx.select({ name: orgUnit.name, parentCode: orgUnit.parentCode }).from(orgUnit).where(eq(orgUnit.code, countyCode));
  if (!county) return null;
  const [city] = county.parentCode ? await tx.select({ name: orgUnit.name }).from(orgUnit).where(eq(orgUnit.code, county.parentCode)) : [];
  return `${city?.name ?? ''}${county.name}人民法院`;
}
