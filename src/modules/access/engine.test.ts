import { describe, expect, it } from 'vitest';
import { compilePermissions, covers, type Grant } from './engine';

const g = (permission: string, accountId: string | null = null, granted = true): Grant => ({ permission, accountId, granted });

describe('permission engine', () => {
  it('matches exact names and per-segment wildcards', () => {
    const p = compilePermissions([g('tenant.users.read'), g('account.listings.*'), g('tenant.*.delete')]);
    expect(p.can('tenant.users.read')).toBe(true);
    expect(p.can('tenant.users.update')).toBe(false);
    expect(p.can('account.listings.update')).toBe(true);
    expect(p.can('account.content.update')).toBe(false);
    expect(p.can('tenant.accounts.delete')).toBe(true);
    expect(p.can('account.accounts.delete')).toBe(false);
  });

  it('lets * cover everything', () => {
    const p = compilePermissions([g('*')]);
    expect(p.can('platform.tenants.create')).toBe(true);
    expect(p.can('account.listings.read', 'any')).toBe(true);
  });

  it('lets an explicit deny beat any grant, including wildcards and *', () => {
    const p = compilePermissions([g('*'), g('tenant.*.*'), g('tenant.users.delete', null, false)]);
    expect(p.can('tenant.users.delete')).toBe(false);
    expect(p.can('tenant.users.read')).toBe(true);
    const wildDeny = compilePermissions([g('tenant.users.delete'), g('tenant.*.delete', null, false)]);
    expect(wildDeny.can('tenant.users.delete')).toBe(false);
  });

  it('scopes account grants and denies to their account', () => {
    const p = compilePermissions([g('account.listings.update', 'acct-1'), g('account.*.read'), g('account.members.read', 'acct-2', false)]);
    expect(p.can('account.listings.update', 'acct-1')).toBe(true);
    expect(p.can('account.listings.update', 'acct-2')).toBe(false);
    expect(p.can('account.listings.update')).toBe(false);
    expect(p.can('account.members.read', 'acct-1')).toBe(true);
    expect(p.can('account.members.read', 'acct-2')).toBe(false);
    expect(p.can('account.members.read')).toBe(true);
    expect([...p.accountIds].sort()).toEqual(['acct-1', 'acct-2']);
  });

  it('applies a tenant-wide deny inside every account', () => {
    const p = compilePermissions([g('account.*.*', 'acct-1'), g('account.listings.delete', null, false)]);
    expect(p.can('account.listings.delete', 'acct-1')).toBe(false);
    expect(p.can('account.listings.update', 'acct-1')).toBe(true);
  });

  it('knows which patterns cover which', () => {
    expect(covers('tenant.*.read', 'tenant.users.read')).toBe(true);
    expect(covers('tenant.*.*', 'tenant.*.read')).toBe(true);
    expect(covers('tenant.*.read', 'tenant.*.*')).toBe(false);
    expect(covers('tenant.users.read', '*')).toBe(false);
    expect(covers('*', 'anything.at.all')).toBe(true);
  });
});
