import type { RequestContext } from '../../core/context';
import { systemPermissions } from '../../core/context';
import type { Database } from '../../db/client';
import { type TenantTx, withTenant } from '../../db/tenant-context';
import { type CompiledPermissions, compilePermissions, type Grant } from './engine';
import { userGrantRows } from './repository';

/**
 * Loads every grant that applies to a user right now, in one call of
 * `mono.user_grants` (migration 0014):
 *  - roles assigned to the user (tenant-wide or scoped to an account), unexpired;
 *  - account memberships, as the system role their role stands for, in that account;
 *  - direct grants and explicit denies, unexpired.
 * Also answers when the earliest of those grants expires.
 *
 * A PL/pgSQL function rather than a query built here: the function keeps its plan per
 * connection, and planning this three-way union under row-level security costs more
 * than running it (benchmark 5, docs/benchmarks.md) — and a cold resolution happens
 * for every user after each change to the tenant's grants.
 */
export async function loadGrants(tx: TenantTx, userId: string): Promise<{ grants: Grant[]; nextExpiry: number }> {
  const result = await userGrantRows(tx, userId);
  let nextExpiry = Number.POSITIVE_INFINITY;
  const grants = result.map((r) => {
    if (r.expires_at) nextExpiry = Math.min(nextExpiry, new Date(r.expires_at).getTime());
    return grantOf(r);
  });
  return { grants, nextExpiry };
}

const grantOf = (r: { permission: string; account_id: string | null; granted: boolean }): Grant => ({
  permission: r.permission,
  accountId: r.account_id,
  granted: r.granted,
});

/**
 * The user's permissions as they will stand at `at` (null: for good), counting only the
 * grants and denies still valid then. Grants never start in the future, so whoever holds
 * a permission now and at `at` holds it all the way: what one may hand out until `at`.
 */
export async function authorityAt(tx: TenantTx, userId: string, at: Date | null): Promise<CompiledPermissions> {
  const valid = (expiresAt: Date | string | null) => expiresAt === null || (at !== null && new Date(expiresAt).getTime() >= at.getTime());
  const rows = await userGrantRows(tx, userId);
  return compilePermissions(rows.filter((r) => valid(r.expires_at)).map(grantOf));
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
