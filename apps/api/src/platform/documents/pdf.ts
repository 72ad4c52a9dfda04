import PDFDocument from 'pdfkit';
import { documentFonts } from './fonts.ts';
import type { Block, Cell, DocumentModel, Signature } from './layout.ts';

/**
 * Draws a DocumentModel on A4 with pdfkit: title centred, numbered clauses with a hanging indent,
 * bordered tables whose rows never split across pages, signature blocks kept together, and
 * "第 N 页 共 M 页" at the foot of every page. Line breaking of Chinese text is pdfkit's (UAX #14:
 * a break may fall between any two ideographs but never before a closing mark such as "，" or "。").
 */

// Margins close to GB/T 9704 (top 37 mm there; a form needs less): 25 mm top and bottom, 28 mm left, 26 mm right.
const mm = 72 / 25.4;
const margins = { top: 25 * mm, bottom: 25 * mm, left: 28 * mm, right: 26 * mm };
const size = { title: 20, subtitle: 11, heading: 13, body: 12, table: 11, footer: 9 };
const lineGap = { body: 5, table: 3 };
const cellPad = 5;
const ink = '#000000';
const rule = '#333333';
const shade = '#f0f0f0';

type Doc = PDFKit.PDFDocument;

export async function renderPdf(model: DocumentModel): Promise<Buffer> {
  const fonts = documentFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins,
    bufferPages: true,
    lang: 'zh-CN',
    info: { Title: model.title, Creator: 'shizhi 市治', Producer: 'shizhi 市治' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('body', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.fillColor(ink).strokeColor(rule);

  model.blocks.forEach((block, i) => drawBlock(doc, block, model.blocks[i + 1]));
  drawPageNumbers(doc);

  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

const left = (doc: Doc) => doc.page.margins.left;
const textWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const maxY = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` more points fit on this one. */
function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > maxY(doc)) doc.addPage();
}

function lineHeight(doc: Doc, font: string, fontSize: number, gap: number): number {
  return doc.font(font).fontSize(fontSize).currentLineHeight(true) + gap;
}

function drawBlock(doc: Doc, block: Block, next: Block | undefined): void {
  switch (block.kind) {
    case 'title':
      doc.font('bold').fontSize(size.title).text(block.text, left(doc), doc.y, { width: textWidth(doc), align: 'center', characterSpacing: 2 });
      doc.moveDown(0.4);
      return;
    case 'subtitle':
      doc.font('body').fontSize(size.subtitle).text(block.text, left(doc), doc.y, { width: textWidth(doc), align: block.align });
      doc.moveDown(0.6);
      return;
    case 'heading':
      // Keep a heading with the start of what follows it: two lines of text, or a table's first row.
      doc.moveDown(0.3);
      ensureRoom(doc, lineHeight(doc, 'bold', size.heading, 4) + 8 + startHeight(doc, next));
      doc.font('bold').fontSize(size.heading).text(block.text, left(doc), doc.y, { width: textWidth(doc), lineGap: 4 });
      doc.moveDown(0.15);
      return;
    case 'paragraph':
      ensureRoom(doc, lineHeight(doc, 'body', size.body, lineGap.body));
      doc.font('body').fontSize(size.body).text(block.text, left(doc), doc.y, {
        width: textWidth(doc),
        lineGap: lineGap.body,
        indent: block.indent ? 2 * size.body : 0,
        align: block.align ?? 'left',
      });
      doc.moveDown(0.2);
      return;
    case 'clauses':
      drawClauses(doc, block.items);
      return;
    case 'table':
      drawTable(doc, block.widths, block.rows);
      doc.moveDown(0.5);
      return;
    case 'signatures':
      drawSignatures(doc, block.items);
      return;
    case 'space':
      doc.moveDown(block.lines);
      return;
  }
}

function startHeight(doc: Doc, next: Block | undefined): number {
  if (next?.kind === 'table') {
    const columns = next.widths.map((w) => w * textWidth(doc));
    return next.rows[0] ? rowHeight(doc, placeCells(next.rows[0], columns)) : 0;
  }
  return 2 * lineHeight(doc, 'body', size.body, lineGap.body);
}

function rowHeight(doc: Doc, placed: readonly { cell: Cell; width: number }[]): number {
  doc.font('body').fontSize(size.table);
  return Math.max(
    ...placed.map(({ cell, width }) => Math.max(cell.minHeight ?? 0, doc.heightOfString(cell.text || ' ', { width: width - 2 * cellPad, lineGap: lineGap.table }) + 2 * cellPad)),
  );
}

function drawClauses(doc: Doc, items: readonly string[]): void {
  const labelWidth = 2.2 * size.body;
  const x = left(doc);
  const width = textWidth(doc);
  items.forEach((item, i) => {
    ensureRoom(doc, lineHeight(doc, 'body', size.body, lineGap.body));
    const y = doc.y;
    doc.font('body').fontSize(size.body).text(`${i + 1}．`, x, y, { width: labelWidth, lineBreak: false });
    doc.text(item, x + labelWidth, y, { width: width - labelWidth, lineGap: lineGap.body });
    doc.moveDown(0.15);
  });
}

function drawTable(doc: Doc, widths: readonly number[], rows: readonly Cell[][]): void {
  const x0 = left(doc);
  const total = textWidth(doc);
  const columns = widths.map((w) => w * total);
  doc.font('body').fontSize(size.table);
  for (const row of rows) {
    const placed = placeCells(row, columns);
    const height = rowHeight(doc, placed);
    ensureRoom(doc, height);
    const y = doc.y;
    for (const { cell, offset, width } of placed) {
      const x = x0 + offset;
      if (cell.label) doc.rect(x, y, width, height).fill(shade);
      doc.lineWidth(0.6).rect(x, y, width, height).stroke(rule);
      doc.fillColor(ink).font('body').fontSize(size.table).text(cell.text, x + cellPad, y + cellPad, {
        width: width - 2 * cellPad,
        lineGap: lineGap.table,
        align: cell.label ? 'center' : 'left',
      });
    }
    doc.x = x0;
    doc.y = y + height;
  }
}

function placeCells(row: readonly Cell[], columns: readonly number[]): { cell: Cell; offset: number; width: number }[] {
  let column = 0;
  let offset = 0;
  return row.map((cell) => {
    const span = cell.span ?? 1;
    const width = columns.slice(column, column + span).reduce((a, b) => a + b, 0);
    const placed = { cell, offset, width };
    column += span;
    offset += width;
    return placed;
  });
}

/** Two columns of signature places, each: the label, the name and a line to sign on, the date line. */
function drawSignatures(doc: Doc, items: readonly Signature[]): void {
  const line = lineHeight(doc, 'body', size.body, 8);
  const blockHeight = (item: Signature) => line * (item.date ? 3 : 2) + 14;
  const rows: Signature[][] = [];
  for (let i = 0; i < items.length; i += 2) rows.push(items.slice(i, i + 2));
  const total = rows.reduce((sum, row) => sum + Math.max(...row.map(blockHeight)), 0);
  doc.moveDown(1);
  // Kept together: a signature page with no text above it is acceptable, a block cut in two is not.
  ensureRoom(doc, Math.min(total, maxY(doc) - doc.page.margins.top));
  const columnWidth = textWidth(doc) / 2;
  for (const row of rows) {
    const height = Math.max(...row.map(blockHeight));
    ensureRoom(doc, height);
    const y = doc.y;
    row.forEach((item, i) => {
      const x = left(doc) + i * columnWidth;
      const width = columnWidth - 12;
      doc.font('body').fontSize(size.body).text(item.label, x, y, { width, lineBreak: false });
      const lineY = y + line;
      // A long organisation name shrinks (not below 10 pt) to fit the column; its seal goes over the
      // printed name, so the line to sign on is drawn only where room is left.
      const nameSize = item.name ? Math.max(10, Math.min(size.body, (size.body * (width - 6)) / doc.widthOfString(item.name))) : size.body;
      const nameWidth = item.name ? doc.fontSize(nameSize).widthOfString(item.name) + 6 : 0;
      if (item.name) doc.text(item.name, x, lineY + (size.body - nameSize) / 2, { width, lineBreak: false, ellipsis: true });
      doc.fontSize(size.body);
      const ruleStart = x + nameWidth;
      const ruleEnd = x + width - 6;
      if (ruleEnd - ruleStart >= 40) doc.lineWidth(0.5).moveTo(ruleStart, lineY + line - 6).lineTo(ruleEnd, lineY + line - 6).stroke(rule);
      if (item.date) doc.text('年　　月　　日', x, lineY + line + 2, { width: width - 6, align: 'right', lineBreak: false });
    });
    doc.x = left(doc);
    doc.y = y + height;
  }
}

function drawPageNumbers(doc: Doc): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin: lift the margin first, or pdfkit starts a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('body').fontSize(size.footer).fillColor('#444444').text(`第 ${i + 1 - start} 页 共 ${count} 页`, left(doc), doc.page.height - bottom / 2 - size.footer / 2, {
      width: textWidth(doc),
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor(ink);
}
