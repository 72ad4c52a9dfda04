import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { isDomainError, sampleJudicialConfirmation, sampleMediationAgreement, sampleSupervisionOrder } from '@shizhi/domain';
import {
  renderAgreementDocx,
  renderAgreementPdf,
  renderJudicialConfirmationDocx,
  renderJudicialConfirmationPdf,
  renderSupervisionOrderDocx,
  renderSupervisionOrderPdf,
} from './index.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shizhi-documents-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** poppler-utils is on CI and the developers' machines; without it the text checks cannot run. */
const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function pdfText(pdf: Buffer, name: string): { text: string; pages: number; pageSize: string } {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  // -raw keeps the reading order and does not insert layout spaces into a wrapped line.
  const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]), pageSize: /Page size:\s+([\d.]+ x [\d.]+)/.exec(info)?.[1] ?? '' };
}

/** Text with line breaks removed, so a paragraph wrapped across lines or pages reads as one. */
const joined = (text: string) => text.replace(/\s+/g, '');
/** The same without the page footers a paragraph running over a page has in its middle. */
const body = (text: string) => joined(text).replace(/第\d+页共\d+页/g, '');

function expectPdf(pdf: Buffer): void {
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
}

async function docxXml(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', 'word/footer1.xml']));
  return zip.file('word/document.xml')!.async('string');
}

/** The visible text of document.xml, runs joined. */
const xmlText = (xml: string) => xml.replace(/<w:tab\/>/g, ' ').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/\s+/g, '');

describe('调解协议书 PDF', () => {
  it.runIf(hasPoppler)('is an A4 PDF whose text has the parties, the clauses, the law’s closing and page numbers', async () => {
    const pdf = await renderAgreementPdf(sampleMediationAgreement);
    expectPdf(pdf);
    const { text, pages, pageSize } = pdfText(pdf, 'agreement');
    expect(pageSize).toBe('595.28 x 841.89');
    const all = joined(text);
    expect(all).toContain('人民调解协议书');
    expect(all).toContain('王建国');
    expect(all).toContain('李秀兰');
    expect(all).toContain(sampleMediationAgreement.parties[0]!.kind === 'person' ? sampleMediationAgreement.parties[0]!.idNumber : '');
    // A long clause comes out whole although it wraps over two lines.
    expect(all).toContain(joined(sampleMediationAgreement.terms![1]!.content!));
    expect(body(text)).toContain(joined(sampleMediationAgreement.facts!));
    expect(all).toContain('本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。');
    expect(all).toContain('本协议一式三份');
    expect(all).toContain('甲方（签名、盖章或按指印）');
    expect(all).toContain('人民调解委员会（印章）');
    expect(pages).toBeGreaterThan(1);
    for (let n = 1; n <= pages; n++) expect(all).toContain(`第${n}页共${pages}页`);
  });

  it.runIf(hasPoppler)('prints a draft with lines to fill where items are missing', async () => {
    const pdf = await renderAgreementPdf({ parties: [{ kind: 'person', name: '王建国' }, { kind: 'organisation', name: '东胜区某物业服务有限公司' }] });
    const all = joined(pdfText(pdf, 'draft').text);
    expect(all).toContain('王建国');
    expect(all).toContain('法定代表人');
    expect(all).toContain('＿＿＿＿');
    expect(all).toContain('本协议一式三份');
  });

  it('refuses input of the wrong shape, naming the field', async () => {
    const error = await renderAgreementPdf({ ...sampleMediationAgreement, date: 'yesterday' }).catch((e: unknown) => e);
    expect(isDomainError(error) && { code: error.code, field: error.field }).toEqual({ code: 'VALIDATION.INVALID', field: 'date' });
  });
});

describe('督办单 and 司法确认申请书 PDF', () => {
  it.runIf(hasPoppler)('督办单 carries number, units, requirements, due date and a reply section', async () => {
    const pdf = await renderSupervisionOrderPdf(sampleSupervisionOrder);
    expectPdf(pdf);
    const all = joined(pdfText(pdf, 'order').text);
    for (const item of ['督办单', '东综治督〔2025〕18号', '东胜区交通街道办事处', '办结时限', '2025年4月18日', '刘海燕', '办理情况回复', '承办单位（盖章）']) {
      expect(all).toContain(item);
    }
    expect(all).toContain(joined(sampleSupervisionOrder.requirements![1]!));
  });

  it.runIf(hasPoppler)('司法确认申请书 names both applicants, the court, the request, the 30 days and the attachments', async () => {
    const pdf = await renderJudicialConfirmationPdf(sampleJudicialConfirmation);
    expectPdf(pdf);
    const all = joined(pdfText(pdf, 'confirmation').text);
    for (const item of ['司法确认申请书', '申请人一', '申请人二', '王建国', '李秀兰', '鄂尔多斯市东胜区人民法院', '请求事项', '事实和理由', '申请期限至2025年4月17日', '生效之日起30日内共同', '附件', '授权委托书']) {
      expect(all).toContain(item);
    }
  });
});

describe('.docx for editing', () => {
  it('each document unzips to WordprocessingML with its text, A4 page and page-number footer', async () => {
    const [agreement, order, confirmation] = await Promise.all([
      renderAgreementDocx(sampleMediationAgreement),
      renderSupervisionOrderDocx(sampleSupervisionOrder),
      renderJudicialConfirmationDocx(sampleJudicialConfirmation),
    ]);
    const agreementXml = await docxXml(agreement);
    expect(agreementXml).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    const text = xmlText(agreementXml);
    expect(text).toContain('人民调解协议书');
    expect(text).toContain('王建国');
    expect(text).toContain(joined(sampleMediationAgreement.terms![0]!.content!));
    expect(text).toContain('本协议一式三份');
    expect(xmlText(await docxXml(order))).toContain('东胜区交通街道办事处');
    expect(xmlText(await docxXml(confirmation))).toContain('鄂尔多斯市东胜区人民法院');
    const footer = await (await JSZip.loadAsync(agreement)).file('word/footer1.xml')!.async('string');
    expect(footer).toMatch(/PAGE[\s\S]*NUMPAGES/);
  });

  it('escapes text that would break the XML', async () => {
    const xml = await docxXml(await renderAgreementDocx({ ...sampleMediationAgreement, facts: '甲 <乙> & "丙"' }));
    expect(xml).toContain('甲 &lt;乙&gt; &amp; &quot;丙&quot;');
  });
});
