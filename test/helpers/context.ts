import type { PermissionChecker, RequestContext } from '../../src/core/context';
import { systemPermissions } from '../../src/core/context';

/**
 * Permissions from a list of grants for service-level tests: exact names or
 * per-segment wildcards, optionally scoped to an account ('account.listings.*@<accountId>').
 * HTTP tests use the real resolver instead.
 */
export function permissionsOf(grants: string[]): PermissionChecker {
  const matches = (pattern: string, name: string) => {
    if (pattern === '*') return true;
    const p = pattern.split('.');
    const n = name.split('.');
    return p.length === n.length && p.every((seg, i) => seg === '*' || seg === n[i]);
  };
  const parsed = grants.map((g) => {
    const [pattern, accountId] = g.split('@');
    return { pattern: pattern!, accountId };
  });
  return {
    can: (permission, accountId) => parsed.some((g) => matches(g.pattern, permission) && (g.accountId === undefined || g.accountId === accountId)),
    accountIds: [...new Set(parsed.flatMap((g) => (g.accountId ? [g.accountId] : [])))],
  };
}

/** A request context for tenant work in tests (all permissions unless given). */
export function ctxFor(tenantId: string, userId?: string, extra: Partial<RequestContext> = {}): RequestContext {
  return {
    requestId: extra.requestId ?? `test-${Math.random().toString(36).slice(2, 10)}`,
    tenantId,
    actor: userId ? { userId, tenantId } : null,
    permissions: systemPermissions,
    ...extra,
  };
}
