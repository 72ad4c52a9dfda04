import JSZip from 'jszip';
import { docxFonts } from './fonts.ts';
import type { Block, Cell, DocumentModel, Signature } from './layout.ts';

/**
 * Draws a DocumentModel as a minimal WordprocessingML (.docx) package that Word, WPS and LibreOffice
 * open for editing: A4 with the PDF's margins, 宋体 body, 黑体 headings, bordered tables, a footer
 * "第 N 页 共 M 页" made of PAGE/NUMPAGES fields. Written by hand with jszip (already in the tree
 * through exceljs) rather than the `docx` package, whose current release pulls in @types/node 26.
 */

// Twentieths of a point (twips). A4 = 210 × 297 mm.
const twipsPerMm = 1440 / 25.4;
const page = { width: 11906, height: 16838 };
const margin = { top: mmTwips(25), bottom: mmTwips(25), left: mmTwips(28), right: mmTwips(26), footer: mmTwips(12) };
const textWidth = page.width - margin.left - margin.right;
// Half-points.
const sz = { title: 40, subtitle: 22, heading: 26, body: 24, table: 22 };

function mmTwips(mm: number): number {
  return Math.round(mm * twipsPerMm);
}

export async function renderDocx(model: DocumentModel): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', contentTypes);
  zip.file('_rels/.rels', rootRels);
  zip.file('docProps/core.xml', core(model.title));
  zip.file('word/_rels/document.xml.rels', documentRels);
  zip.file('word/styles.xml', styles);
  zip.file('word/footer1.xml', footer);
  zip.file('word/document.xml', documentXml(model));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const xmlHeader = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

interface RunStyle {
  bold?: boolean;
  size?: number;
  font?: string;
  underline?: boolean;
}

function run(text: string, style: RunStyle = {}): string {
  const props = [
    style.font ? `<w:rFonts w:ascii="${style.font}" w:hAnsi="${style.font}" w:eastAsia="${style.font}"/>` : '',
    style.bold ? '<w:b/><w:bCs/>' : '',
    style.size ? `<w:sz w:val="${style.size}"/><w:szCs w:val="${style.size}"/>` : '',
    style.underline ? '<w:u w:val="single"/>' : '',
  ].join('');
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
}

interface ParagraphStyle {
  align?: 'left' | 'center' | 'right' | 'both';
  firstLineChars?: number;
  hanging?: number;
  keepNext?: boolean;
  before?: number;
  after?: number;
}

function paragraph(runs: string, style: ParagraphStyle = {}): string {
  const props = [
    style.keepNext ? '<w:keepNext/>' : '',
    `<w:spacing w:before="${style.before ?? 0}" w:after="${style.after ?? 60}"/>`,
    style.firstLineChars ? `<w:ind w:firstLineChars="${style.firstLineChars}"/>` : '',
    style.hanging ? `<w:ind w:left="${style.hanging}" w:hanging="${style.hanging}"/>` : '',
    style.align ? `<w:jc w:val="${style.align}"/>` : '',
  ].join('');
  return `<w:p><w:pPr>${props}</w:pPr>${runs}</w:p>`;
}

function blockXml(block: Block): string {
  switch (block.kind) {
    case 'title':
      return paragraph(run(block.text, { bold: true, size: sz.title, font: docxFonts.heading }), { align: 'center', after: 120 });
    case 'subtitle':
      return paragraph(run(block.text, { size: sz.subtitle }), { align: block.align, after: 120 });
    case 'heading':
      return paragraph(run(block.text, { bold: true, size: sz.heading, font: docxFonts.heading }), { keepNext: true, before: 160, after: 60 });
    case 'paragraph':
      return paragraph(run(block.text), { ...(block.indent ? { firstLineChars: 200 } : {}), align: block.align === 'right' ? 'right' : 'both' });
    case 'clauses': {
      const hanging = 480;
      return block.items.map((item, i) => paragraph(`${run(`${i + 1}．`)}<w:r><w:tab/></w:r>${run(item)}`, { hanging, align: 'both' })).join('');
    }
    case 'table':
      return tableXml(block.widths, block.rows);
    case 'signatures':
      return signaturesXml(block.items);
    case 'space':
      return Array.from({ length: Math.max(1, Math.round(block.lines)) }, () => paragraph('')).join('');
  }
}

function tableXml(widths: readonly number[], rows: readonly Cell[][]): string {
  const columns = widths.map((w) => Math.round(w * textWidth));
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="333333"/>`;
  const borders = `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders>`;
  const grid = `<w:tblGrid>${columns.map((c) => `<w:gridCol w:w="${c}"/>`).join('')}</w:tblGrid>`;
  const body = rows
    .map((row) => {
      let column = 0;
      const minHeight = Math.max(0, ...row.map((c) => c.minHeight ?? 0));
      const cells = row
        .map((cell) => {
          const span = cell.span ?? 1;
          const width = columns.slice(column, column + span).reduce((a, b) => a + b, 0);
          column += span;
          const props = [
            `<w:tcW w:w="${width}" w:type="dxa"/>`,
            span > 1 ? `<w:gridSpan w:val="${span}"/>` : '',
            cell.label ? '<w:shd w:val="clear" w:color="auto" w:fill="F0F0F0"/>' : '',
            '<w:vAlign w:val="center"/>',
          ].join('');
          const lines = (cell.text || '').split('\n');
          const paragraphs = lines.map((line) => paragraph(run(line, { size: sz.table }), { align: cell.label ? 'center' : 'left', after: 0 })).join('');
          return `<w:tc><w:tcPr>${props}</w:tcPr>${paragraphs}</w:tc>`;
        })
        .join('');
      const rowProps = `<w:trPr><w:cantSplit/>${minHeight ? `<w:trHeight w:val="${minHeight * 20}" w:hRule="atLeast"/>` : `<w:trHeight w:val="440" w:hRule="atLeast"/>`}</w:trPr>`;
      return `<w:tr>${rowProps}${cells}</w:tr>`;
    })
    .join('');
  const props = `<w:tblPr><w:tblW w:w="${textWidth}" w:type="dxa"/>${borders}<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="100" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr>`;
  // An empty paragraph after a table keeps two tables in a row from merging into one when edited.
  return `<w:tbl>${props}${grid}${body}</w:tbl>${paragraph('', { after: 0 })}`;
}

/** Two columns without borders: label, the name with a line to sign on, the date. */
function signaturesXml(items: readonly Signature[]): string {
  const half = Math.round(textWidth / 2);
  const cell = (item: Signature | undefined) => {
    const content = item
      ? paragraph(run(item.label), { after: 120, keepNext: true }) +
        paragraph(`${item.name ? run(`${item.name} `) : ''}${run('                              ', { underline: true })}`, { after: 120, keepNext: true }) +
        (item.date ? paragraph(run('年　　月　　日'), { align: 'right', after: 240 }) : paragraph('', { after: 240 }))
      : paragraph('');
    return `<w:tc><w:tcPr><w:tcW w:w="${half}" w:type="dxa"/></w:tcPr>${content}</w:tc>`;
  };
  const rows: string[] = [];
  for (let i = 0; i < items.length; i += 2) rows.push(`<w:tr><w:trPr><w:cantSplit/></w:trPr>${cell(items[i])}${cell(items[i + 1])}</w:tr>`);
  const none = `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((s) => `<w:${s} w:val="nil"/>`).join('')}</w:tblBorders>`;
  return (
    paragraph('', { after: 120 }) +
    `<w:tbl><w:tblPr><w:tblW w:w="${textWidth}" w:type="dxa"/>${none}<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid><w:gridCol w:w="${half}"/><w:gridCol w:w="${half}"/></w:tblGrid>${rows.join('')}</w:tbl>` +
    paragraph('', { after: 0 })
  );
}

function documentXml(model: DocumentModel): string {
  const sect =
    `<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/>` +
    `<w:pgSz w:w="${page.width}" w:h="${page.height}"/>` +
    `<w:pgMar w:top="${margin.top}" w:right="${margin.right}" w:bottom="${margin.bottom}" w:left="${margin.left}" w:header="${margin.footer}" w:footer="${margin.footer}" w:gutter="0"/>` +
    `</w:sectPr>`;
  return `${xmlHeader}<w:document ${ns}><w:body>${model.blocks.map(blockXml).join('')}${sect}</w:body></w:document>`;
}

const field = (instruction: string) =>
  `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ${instruction} </w:instrText></w:r>` +
  `<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`;

const footer =
  `${xmlHeader}<w:ftr ${ns}><w:p><w:pPr><w:jc w:val="center"/><w:rPr><w:sz w:val="18"/></w:rPr></w:pPr>` +
  `${run('第 ', { size: 18 })}${field('PAGE')}${run(' 页 共 ', { size: 18 })}${field('NUMPAGES')}${run(' 页', { size: 18 })}</w:p></w:ftr>`;

const styles =
  `${xmlHeader}<w:styles ${ns}><w:docDefaults><w:rPrDefault><w:rPr>` +
  `<w:rFonts w:ascii="${docxFonts.latin}" w:hAnsi="${docxFonts.latin}" w:eastAsia="${docxFonts.eastAsia}" w:cs="${docxFonts.latin}"/>` +
  `<w:sz w:val="${sz.body}"/><w:szCs w:val="${sz.body}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>` +
  `<w:pPrDefault><w:pPr><w:spacing w:line="400" w:lineRule="atLeast"/></w:pPr></w:pPrDefault></w:docDefaults>` +
  `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`;

const contentTypes =
  `${xmlHeader}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
  `<Default Extension="xml" ContentType="application/xml"/>` +
  `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
  `<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
  `<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
  `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
  `</Types>`;

const rootRels =
  `${xmlHeader}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
  `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
  `</Relationships>`;

const documentRels =
  `${xmlHeader}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
  `<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>` +
  `</Relationships>`;

function core(title: string): string {
  return (
    `${xmlHeader}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    `xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${escapeXml(title)}</dc:title><dc:creator>shizhi 市治</dc:creator></cp:coreProperties>`
  );
}
