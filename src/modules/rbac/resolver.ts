import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { RequestContext } from '../../core/context';
import { systemPermissions } from '../../core/context';
import type { Database } from '../../db/client';
import { permissions, rolePermissions, roles, userPermissions, userRoles } from '../../db/schema/rbac';
import { accounts, accountUsers } from '../../db/schema/tenancy';
import { withTenant, type Tx } from '../../db/tenant-context';
import { compilePermissions, type CompiledPermissions, type Grant } from './engine';

/**
 * Loads every grant that applies to a user right now, in one query:
 *  - roles assigned to the user (tenant-wide or scoped to an account), unexpired;
 *  - account memberships, as the system role their role stands for, in that account;
 *  - direct grants and explicit denies, unexpired.
 * Also answers when the earliest of those grants expires.
 *
 * A named prepared statement: planning this three-way union under row-level security
 * costs about 2 ms, four times its execution (benchmark 5, docs/benchmarks.md), and a
 * cold resolution happens for every user after each change to the tenant's grants. Each
 * pooled connection plans it once. The plan is safe to reuse across tenants: the tenant
 * is read from the transaction's settings when it runs, not fixed when it is planned.
 */
export async function loadGrants(tx: Tx, userId: string): Promise<{ grants: Grant[]; nextExpiry: number }> {
  const user = sql.placeholder('userId');
  const unexpired = (expiresAt: typeof userRoles.expiresAt | typeof userPermissions.expiresAt) => or(isNull(expiresAt), gt(expiresAt, sql`now()`));
  const byRoles = tx
    .select({ permission: permissions.name, accountId: userRoles.accountId, granted: sql<boolean>`true`.as('granted'), expiresAt: userRoles.expiresAt })
    .from(userRoles)
    .innerJoin(rolePermissions, and(eq(rolePermissions.tenantId, userRoles.tenantId), eq(rolePermissions.roleId, userRoles.roleId)))
    .innerJoin(permissions, eq(permissions.id, rolePermissions.permissionId))
    .where(and(eq(userRoles.userId, user), unexpired(userRoles.expiresAt)));
  const byMembership = tx
    .select({ permission: permissions.name, accountId: accountUsers.accountId, granted: sql<boolean>`true`.as('granted'), expiresAt: sql<Date | null>`null::timestamptz`.as('expires_at') })
    .from(accountUsers)
    .innerJoin(accounts, and(eq(accounts.tenantId, accountUsers.tenantId), eq(accounts.id, accountUsers.accountId), isNull(accounts.deletedAt)))
    .innerJoin(roles, and(eq(roles.tenantId, accountUsers.tenantId), eq(roles.type, 'SYSTEM'), eq(roles.name, sql`'account_' || ${accountUsers.role}`)))
    .innerJoin(rolePermissions, and(eq(rolePermissions.tenantId, roles.tenantId), eq(rolePermissions.roleId, roles.id)))
    .innerJoin(permissions, eq(permissions.id, rolePermissions.permissionId))
    .where(eq(accountUsers.userId, user));
  const direct = tx
    .select({ permission: permissions.name, accountId: userPermissions.accountId, granted: userPermissions.granted, expiresAt: userPermissions.expiresAt })
    .from(userPermissions)
    .innerJoin(permissions, eq(permissions.id, userPermissions.permissionId))
    .where(and(eq(userPermissions.userId, user), unexpired(userPermissions.expiresAt)));
  const result = await unionAll(byRoles, byMembership, direct).prepare('rbac_load_grants').execute({ userId });
  let nextExpiry = Number.POSITIVE_INFINITY;
  const grants = result.map((r) => {
    if (r.expiresAt) nextExpiry = Math.min(nextExpiry, new Date(r.expiresAt).getTime());
    return { permission: r.permission, accountId: r.accountId, granted: r.granted };
  });
  return { grants, nextExpiry };
}

interface CacheEntry {
  version: number;
  permissions: CompiledPermissions;
}

/**
 * Effective permissions per user, cached in memory. An entry is valid while the
 * tenant's authorization version (bumped by the database on every change to roles,
 * grants, memberships or role permissions, and read with every authenticated request)
 * is unchanged and none of its grants has expired — so a revoked permission stops
 * working on the very next request, in every API process.
 */
export class PermissionResolver {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly db: Database,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached compiled permissions, if still valid for `version`. */
  cached(tenantId: string, userId: string, version: number): CompiledPermissions | undefined {
    const key = `${tenantId}:${userId}`;
    const entry = this.cache.get(key);
    if (!entry) return undefined;
    if (entry.version !== version || entry.permissions.validUntil <= this.now()) {
      this.cache.delete(key);
      return undefined;
    }
    return entry.permissions;
  }

  async resolve(ctx: RequestContext, userId: string, version: number): Promise<CompiledPermissions> {
    const tenantId = ctx.tenantId!;
    const hit = this.cached(tenantId, userId, version);
    if (hit) return hit;
    const { grants, nextExpiry } = await withTenant(this.db, { ...ctx, permissions: systemPermissions }, (tx) => loadGrants(tx, userId));
    const permissions = compilePermissions(grants, nextExpiry);
    if (this.cache.size >= this.maxEntries) {
      // Map keeps insertion order: drop the oldest entry.
      this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(`${tenantId}:${userId}`, { version, permissions });
    return permissions;
  }
}
