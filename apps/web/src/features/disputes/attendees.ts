/** Who joined a session, typed one a line as “name role”; the role word may be Chinese or English. */
export type AttendeeRole = 'mediator' | 'applicant' | 'respondent' | 'third_party' | 'other';

const roleWords: Record<string, AttendeeRole> = {
  调解员: 'mediator',
  mediator: 'mediator',
  申请人: 'applicant',
  applicant: 'applicant',
  被申请人: 'respondent',
  respondent: 'respondent',
  第三人: 'third_party',
  'third party': 'third_party',
  third_party: 'third_party',
};

export function parseAttendees(text: string): { name: string; role: AttendeeRole }[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const lower = line.toLowerCase();
      // The longest role word that ends the line wins: 被申请人 before 申请人.
      const word = Object.keys(roleWords)
        .sort((a, b) => b.length - a.length)
        .find((w) => lower.endsWith(w.toLowerCase()) && lower.length > w.length);
      if (!word) return { name: line.slice(0, 60), role: 'other' as const };
      const name = line.slice(0, line.length - word.length).replace(/[\s,，:：、]+$/, '').trim();
      return { name: (name || line).slice(0, 60), role: roleWords[word]! };
    });
}

/** `<input type="datetime-local">` (the browser's own time) to the ISO instant the API takes. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}
