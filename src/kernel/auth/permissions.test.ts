import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, permissionsOf, ROLES } from './permissions.js';

describe('the permission matrix', () => {
  it('gives platform_admin every permission', () => {
    expect(permissionsOf(['platform_admin'])).toEqual(PERMISSIONS);
  });

  it('reserves tenant administration and the catalogue for platform_admin', () => {
    for (const role of ROLES.filter((r) => r !== 'platform_admin')) {
      expect(can([role], 'tenant:admin'), role).toBe(false);
      expect(can([role], 'catalogue:manage'), role).toBe(false);
    }
  });

  it('lets a viewer read but change nothing', () => {
    const granted = permissionsOf(['viewer']);
    expect(granted.length).toBeGreaterThan(0);
    expect(granted.every((p) => p.endsWith(':read'))).toBe(true);
  });

  it('grants nothing to no roles', () => {
    expect(permissionsOf([])).toEqual([]);
  });

  it('combines roles as a union', () => {
    const union = permissionsOf(['builder', 'risk_reviewer']);
    expect(new Set(union)).toEqual(new Set([...permissionsOf(['builder']), ...permissionsOf(['risk_reviewer'])]));
  });

  it('keeps the ledger to risk reviewers, executives and admins', () => {
    expect(ROLES.filter((r) => can([r], 'ledger:read'))).toEqual(['platform_admin', 'risk_reviewer', 'executive']);
  });

  it('every permission is held by someone besides platform_admin or is explicitly admin-only', () => {
    const adminOnly = PERMISSIONS.filter((p) => ROLES.every((r) => r === 'platform_admin' || !can([r], p)));
    expect(adminOnly.sort()).toEqual(['catalogue:manage', 'tenant:admin']);
  });
});
