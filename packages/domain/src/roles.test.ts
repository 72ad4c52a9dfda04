import { describe, expect, it } from 'vitest';
import { errorCatalogue } from './errors.ts';
import { capabilitiesOf, hasCapability, roles } from './roles.ts';

describe('roles and capabilities', () => {
  it('gives user management and the audit log only to the roles that administer', () => {
    expect(hasCapability(['sys_admin'], 'users.manage')).toBe(true);
    expect(roles.filter((r) => hasCapability([r], 'users.manage'))).toEqual(['sys_admin']);
    expect(hasCapability(['grid_worker'], 'audit.view')).toBe(false);
  });

  it('opens the mobile page for grid workers', () => {
    expect(capabilitiesOf(['grid_worker'])).toContain('mobile.view');
    expect(capabilitiesOf(['center_staff'])).not.toContain('mobile.view');
  });

  it('unions the capabilities of several roles without duplicates', () => {
    const caps = capabilitiesOf(['grid_worker', 'center_staff']);
    expect(new Set(caps).size).toBe(caps.length);
    expect(caps).toEqual(expect.arrayContaining(['mobile.view', 'audit.view']));
  });
});

describe('error catalogue', () => {
  it('gives every code an HTTP status and both languages', () => {
    for (const [code, spec] of Object.entries(errorCatalogue)) {
      expect(spec.status, code).toBeGreaterThanOrEqual(400);
      expect(spec.zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(spec.en, code).toMatch(/[A-Za-z]/);
    }
  });
});
