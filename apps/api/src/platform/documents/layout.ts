/**
 * A document as a list of blocks, written once per document kind and drawn twice: as PDF for
 * printing (pdf.ts) and as .docx for staff to edit (docx.ts), so both say the same thing.
 */

/** A table cell; `span` counts the columns it covers, `label` cells are shaded and bold-less grey. */
export interface Cell {
  text: string;
  span?: number;
  label?: boolean;
  /** Minimum height in points, for cells left empty to write in by hand. */
  minHeight?: number;
}

/** One signature line: who signs, and the date line under it when the block has one. */
export interface Signature {
  /** 当事人（签名、盖章或按指印）：王建国 */
  label: string;
  /** Printed after the label, e.g. the party's name, so a person knows where to sign. */
  name?: string;
  date?: boolean;
}

export type Block =
  | { kind: 'title'; text: string }
  /** A line under the title: the document number (right-aligned in print). */
  | { kind: 'subtitle'; text: string; align: 'center' | 'right' }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; indent?: boolean; align?: 'left' | 'right' }
  /** Numbered clauses with hanging indent: "1．" then the text. */
  | { kind: 'clauses'; items: string[] }
  /** `widths` are fractions of the text width, one per column. */
  | { kind: 'table'; widths: number[]; rows: Cell[][] }
  /** Signature lines laid out in two columns, kept together on one page. */
  | { kind: 'signatures'; items: Signature[] }
  | { kind: 'space'; lines: number };

export interface DocumentModel {
  /** Metadata title for the file. */
  title: string;
  blocks: Block[];
}

/** A blank to fill by hand where an item is still missing. */
export const fillIn = (value: string | undefined | null, width = 8): string =>
  value === undefined || value === null || value.trim() === '' ? '＿'.repeat(width) : value.trim();
