import { describe, expect, it } from 'vitest';
import { localInputToIso, parseAttendees } from './attendees.ts';

describe('attendees typed one a line', () => {
  it('reads the role word at the end, the longest first', () => {
    expect(parseAttendees('张三 申请人\n李四，被申请人\n\n王调解 调解员\nJohn Smith third party\n赵六')).toEqual([
      { name: '张三', role: 'applicant' },
      { name: '李四', role: 'respondent' },
      { name: '王调解', role: 'mediator' },
      { name: 'John Smith', role: 'third_party' },
      { name: '赵六', role: 'other' },
    ]);
  });

  it('keeps a name that is only a role word as it is', () => {
    expect(parseAttendees('申请人')).toEqual([{ name: '申请人', role: 'other' }]);
  });
});

describe('datetime-local to ISO', () => {
  it('refuses what is not a date and time', () => {
    expect(localInputToIso('')).toBeNull();
    expect(localInputToIso('2026-02-30')).toBeNull();
    expect(localInputToIso('2026-03-01T09:30')).toMatch(/^2026-03-0[12]T\d{2}:30:00\.000Z$/);
  });
});
