import { describe, expect, it } from 'vitest';
import { compilePermissions } from './engine';
import { assertHoldsAll, assertLevelAtMost, assertScopable, assertTierAllowed, expandPattern } from './policy';

describe('escalation rules', () => {
  const admin = compilePermissions([
    { permission: 'tenant.*.*', accountId: null, granted: true },
    { permission: 'tenant.users.erase', accountId: null, granted: false },
  ]);

  it('expands wildcards to catalog names', () => {
    expect(expandPattern('tenant.users.*')).toEqual(expect.arrayContaining(['tenant.users.read', 'tenant.users.delete']));
    expect(expandPattern('account.*.read').every((n) => n.startsWith('account.') && n.endsWith('.read'))).toBe(true);
    expect(expandPattern('*').length).toBeGreaterThan(80);
  });

  it('refuses granting what one does not hold, also hidden inside a wildcard or behind a deny', () => {
    expect(() => assertHoldsAll(admin, ['tenant.users.read'])).not.toThrow();
    expect(() => assertHoldsAll(admin, ['account.listings.read'])).toThrow(/do not hold/);
    expect(() => assertHoldsAll(admin, ['tenant.users.*'])).toThrow(/tenant\.users\.erase/);
    expect(() => assertHoldsAll(admin, ['*'])).toThrow();
  });

  it('checks account-scoped grants in that account', () => {
    const accountAdmin = compilePermissions([{ permission: 'account.*.*', accountId: 'a1', granted: true }]);
    expect(() => assertHoldsAll(accountAdmin, ['account.listings.update'], 'a1')).not.toThrow();
    expect(() => assertHoldsAll(accountAdmin, ['account.listings.update'], 'a2')).toThrow();
    expect(() => assertHoldsAll(accountAdmin, ['account.listings.update'])).toThrow();
  });

  it('orders levels', () => {
    expect(() => assertLevelAtMost('TENANT', 'ACCOUNT')).not.toThrow();
    expect(() => assertLevelAtMost('TENANT', 'TENANT')).not.toThrow();
    expect(() => assertLevelAtMost('TENANT', 'PLATFORM')).toThrow();
    expect(() => assertLevelAtMost('ACCOUNT', 'TENANT')).toThrow();
    expect(() => assertLevelAtMost(null, 'USER')).toThrow();
  });

  it('keeps platform permissions in the platform tenant and scopes to account permissions', () => {
    expect(() => assertTierAllowed(['platform.tenants.read'], false)).toThrow();
    expect(() => assertTierAllowed(['*'], false)).toThrow();
    expect(() => assertTierAllowed(['platform.tenants.read'], true)).not.toThrow();
    expect(() => assertScopable(['account.listings.*'], 'ACCOUNT')).not.toThrow();
    expect(() => assertScopable(['tenant.users.read'], null)).toThrow();
    expect(() => assertScopable([], 'TENANT')).toThrow();
  });
});
