import { describe, expect, it } from 'vitest';
import { changedFields, clean } from './form-values.ts';

describe('form values for the registers API', () => {
  it('turns empty inputs into null and trims text', () => {
    expect(clean('  王 ')).toBe('王');
    expect(clean('   ')).toBeNull();
    expect(clean(undefined)).toBeNull();
    expect(clean(0)).toBe(0);
    expect(clean({ permitNumber: ' ', note: 'x ' })).toEqual({ permitNumber: null, note: 'x' });
  });

  it('sends only what changed, keeping personal values left empty', () => {
    const initial = { name: '张三', gender: '1', phone: null, idNumber: null, details: { permitType: '01', note: null } };
    const next = { name: '张三', gender: '2', phone: null, idNumber: '150602198507090123', details: { permitType: '01', note: null } };
    expect(changedFields(initial, next, ['idNumber', 'phone'])).toEqual({ gender: '2', idNumber: '150602198507090123' });
  });

  it('sends the whole details object when one item changed', () => {
    expect(changedFields({ details: { permitType: '01', note: 'a' } }, { details: { permitType: '02' } })).toEqual({
      details: { permitType: '02', note: 'a' },
    });
    expect(changedFields({ details: null }, { details: { note: null } })).toEqual({});
  });
});
