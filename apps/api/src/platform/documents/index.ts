import {
  DomainError,
  formatPath,
  judicialConfirmationSchema,
  mediationAgreementSchema,
  supervisionOrderSchema,
  type JudicialConfirmationApplicationInput,
  type MediationAgreementInput,
  type SupervisionOrderInput,
} from '@shizhi/domain';
import type { z } from 'zod';
import { renderDocx } from './docx.ts';
import { judicialConfirmationModel } from './judicial-confirmation.ts';
import type { DocumentModel } from './layout.ts';
import { mediationAgreementModel } from './mediation-agreement.ts';
import { renderPdf } from './pdf.ts';
import { supervisionOrderModel } from './supervision-order.ts';

/**
 * The document engine (issue 4 item 4): each document as a printable A4 PDF and as a .docx staff can
 * edit. Input that does not fit the schema is refused with VALIDATION.INVALID naming the field; a
 * draft that is only incomplete still renders, with blank lines where items are missing, so check it
 * first with checkMediationAgreement / checkSupervisionOrder / checkJudicialConfirmation when a
 * complete document is required.
 */

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new DomainError('VALIDATION.INVALID', { field: formatPath(issue.path), detail: issue.message });
}

const agreementModel = (input: MediationAgreementInput): DocumentModel => mediationAgreementModel(parse(mediationAgreementSchema, input));
const orderModel = (input: SupervisionOrderInput): DocumentModel => supervisionOrderModel(parse(supervisionOrderSchema, input));
const confirmationModel = (input: JudicialConfirmationApplicationInput): DocumentModel =>
  judicialConfirmationModel(parse(judicialConfirmationSchema, input));

/** 人民调解协议书 as PDF. */
export const renderAgreementPdf = async (input: MediationAgreementInput): Promise<Buffer> => renderPdf(agreementModel(input));
/** 人民调解协议书 as .docx. */
export const renderAgreementDocx = async (input: MediationAgreementInput): Promise<Buffer> => renderDocx(agreementModel(input));
/** 督办单 as PDF. */
export const renderSupervisionOrderPdf = async (input: SupervisionOrderInput): Promise<Buffer> => renderPdf(orderModel(input));
/** 督办单 as .docx. */
export const renderSupervisionOrderDocx = async (input: SupervisionOrderInput): Promise<Buffer> => renderDocx(orderModel(input));
/** 司法确认申请书 as PDF. */
export const renderJudicialConfirmationPdf = async (input: JudicialConfirmationApplicationInput): Promise<Buffer> => renderPdf(confirmationModel(input));
/** 司法确认申请书 as .docx. */
export const renderJudicialConfirmationDocx = async (input: JudicialConfirmationApplicationInput): Promise<Buffer> => renderDocx(confirmationModel(input));

export { documentFonts as loadDocumentFonts } from './fonts.ts';
export const pdfMime = 'application/pdf';
export const docxMime = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
