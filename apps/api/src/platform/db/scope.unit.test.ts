import { describe, expect, it } from 'vitest';
import { isInScope, minimalScope } from './scope.ts';

describe('scope paths', () => {
  it('keeps only the outermost subtrees', () => {
    expect(minimalScope(['15.1506.150602.150602001', '15.1506.150602', '15.1506.150602.150602001.150602001001'])).toEqual([
      '15.1506.150602',
    ]);
    expect(minimalScope(['15.1506.150602.150602001', '15.1506.150602.150602002'])).toHaveLength(2);
  });

  it('does not mistake a sibling with a longer code for a descendant', () => {
    const actor = { scopePaths: ['15.1506.150602.150602001'] };
    expect(isInScope(actor, '15.1506.150602.150602001.150602001003')).toBe(true);
    expect(isInScope(actor, '15.1506.150602.1506020010')).toBe(false);
    expect(isInScope(actor, '15.1506.150602')).toBe(false);
  });
});
