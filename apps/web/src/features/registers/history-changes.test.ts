import { describe, expect, it } from 'vitest';
import { changesOf } from './history-changes.ts';

describe('a history row as lines of changes', () => {
  it('lists plain changes and hides personal values', () => {
    expect(
      changesOf({
        name: { from: '张三', to: '张叁' },
        idNumber: { changed: true },
        phone: { from: '139', to: '138' },
      }),
    ).toEqual([
      { field: 'name', personal: false, from: '张三', to: '张叁' },
      { field: 'idNumber', personal: true, from: null, to: null },
      { field: 'phone', personal: true, from: '139', to: '138' },
    ]);
  });

  it('opens a person’s type items, whether nested or one object change', () => {
    expect(changesOf({ details: { permitType: { from: null, to: '01' } } })).toEqual([{ field: 'permitType', personal: false, from: null, to: '01' }]);
    expect(changesOf({ details: { from: { permitType: '01', note: 'x' }, to: { permitType: '02', note: 'x', residenceType: '03' } } })).toEqual([
      { field: 'permitType', personal: false, from: '01', to: '02' },
      { field: 'residenceType', personal: false, from: null, to: '03' },
    ]);
  });

  it('skips what is not a change', () => {
    expect(changesOf({ version: 3, note: null })).toEqual([]);
  });
});
