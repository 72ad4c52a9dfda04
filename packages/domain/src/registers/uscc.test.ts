import { describe, expect, it } from 'vitest';
import { checkUscc, makeUscc } from './uscc.ts';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts codes published for well-known companies (quoted alike in many public codebases)', () => {
    expect(checkUscc('914403001922038216')).toEqual({ valid: true }); // 华为技术有限公司
    expect(checkUscc('91330100799655058B')).toEqual({ valid: true }); // 阿里巴巴（中国）有限公司
    expect(checkUscc('9144030071526726XG')).toEqual({ valid: true }); // 腾讯科技（深圳）有限公司
    expect(checkUscc(' 91330100799655058b ')).toEqual({ valid: true });
  });

  it('names a wrong check character and a malformed code', () => {
    expect(checkUscc('914403001922038217')).toEqual({ valid: false, problem: 'checksum' });
    expect(checkUscc('91440300192203821')).toEqual({ valid: false, problem: 'format' });
    // I, O, S, V, Z are not in the charset.
    expect(checkUscc('91440300192203821I')).toEqual({ valid: false, problem: 'format' });
  });

  it('completes 17 characters, mapping a check value of 31 to 0', () => {
    expect(makeUscc('91440300192203821')).toBe('914403001922038216');
    const made = makeUscc('93150602MA0N00001');
    expect(checkUscc(made).valid).toBe(true);
  });
});
