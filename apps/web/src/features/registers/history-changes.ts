import { personalFields } from './record-fields.ts';

export interface FieldChange {
  field: string;
  /** An ID number or phone: the history says it changed, never from what to what. */
  personal: boolean;
  from: unknown;
  to: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * A history row's `changes` (`{ field: { from, to } }`, a personal field as `{ changed: true }`) as
 * one list. A person's type items may come as one `details` change holding two objects, or nested
 * per item; either way each item that differs becomes its own line.
 */
export function changesOf(changes: Record<string, unknown>): FieldChange[] {
  const list: FieldChange[] = [];
  for (const [field, value] of Object.entries(changes)) {
    if (!isRecord(value)) continue;
    if ('from' in value || 'to' in value) {
      const from = value.from ?? null;
      const to = value.to ?? null;
      if ((isRecord(from) || from === null) && (isRecord(to) || to === null) && (isRecord(from) || isRecord(to))) {
        const before = isRecord(from) ? from : {};
        const after = isRecord(to) ? to : {};
        for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
          const a = before[key] ?? null;
          const b = after[key] ?? null;
          if (a !== b) list.push({ field: key, personal: personalFields.has(key), from: a, to: b });
        }
      } else {
        list.push({ field, personal: personalFields.has(field), from, to });
      }
    } else if ('changed' in value) {
      list.push({ field, personal: true, from: null, to: null });
    } else {
      list.push(...changesOf(value));
    }
  }
  return list;
}
