import type { RequestContext } from '../../core/context';
import { systemPermissions } from '../../core/context';
import type { Database } from '../../db/client';
import type { TenantTx } from '../../db/tenant-context';
import { type CompiledPermissions, compilePermissions, type Grant } from './engine';
import { type GrantSetRow, userGrantRows, userGrantSet } from './repository';

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
 * What users of one tenant share, valid for one authorization version: the permission
 * names of each role, and the compiled permissions of each combination of role
 * assignments and direct grants (users with the same roles get the same object).
 */
interface TenantShare {
  version: number;
  roles: Map<string, readonly string[]>;
  combos: Map<string, CompiledPermissions>;
}

const MAX_SHARED = 1_000;

/** Per database handle, so that every resolver on it shares the compiled roles. */
const shares = new WeakMap<Database, Map<string, TenantShare>>();

/** The set a map may hold no more of: drop the oldest entry (Map keeps insertion order). */
function makeRoom<K, V>(map: Map<K, V>, max: number): void {
  if (map.size >= max) map.delete(map.keys().next().value!);
}

/**
 * Effective permissions per user, cached in memory. An entry is valid while the
 * tenant's authorization version (bumped by the database on every change to roles,
 * grants, memberships or role permissions, and read with every authenticated request)
 * is unchanged and none of its grants has expired — so a revoked permission stops
 * working on the very next request, in every API process.
 *
 * A user not in the cache (a cold resolution) costs one round trip of a few rows
 * (mono.user_grant_set, migration 0851): the user's role assignments and direct grants.
 * The roles' definitions and the compiled permissions of each combination of roles are
 * shared by every resolver on the database and every user of the tenant, for one
 * authorization version (decision 51); a role's definition travels only when no user of
 * that version brought it yet.
 */
export class PermissionResolver {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly shared: Map<string, TenantShare>;

  constructor(
    private readonly db: Database,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    let shared = shares.get(db);
    if (!shared) shares.set(db, (shared = new Map()));
    this.shared = shared;
  }

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
    const permissions = await this.load({ ...ctx, permissions: systemPermissions }, tenantId, userId, version);
    makeRoom(this.cache, this.maxEntries);
    this.cache.set(`${tenantId}:${userId}`, { version, permissions });
    return permissions;
  }

  private async load(ctx: RequestContext, tenantId: string, userId: string, version: number): Promise<CompiledPermissions> {
    let share = this.shared.get(tenantId);
    const known = share?.version === version ? [...share.roles.keys()] : [];
    let rows = await userGrantSet(this.db, ctx, userId, known);
    let current = Number(rows.find((r) => r.kind === 'v')!.version);
    if (known.length > 0 && current !== version) {
      // The grants changed since the request was authenticated: the definitions held are
      // of the older version, so take them all from this snapshot.
      rows = await userGrantSet(this.db, ctx, userId, []);
      current = Number(rows.find((r) => r.kind === 'v')!.version);
    }
    if (!share || share.version !== current) {
      share = { version: current, roles: new Map(), combos: new Map() };
      makeRoom(this.shared, MAX_SHARED);
      this.shared.set(tenantId, share);
    }
    return compileGrantSet(share, rows);
  }
}

/** The user's permissions from their grant set and the tenant's shared role definitions. */
function compileGrantSet(share: TenantShare, rows: readonly GrantSetRow[]): CompiledPermissions {
  let nextExpiry = Number.POSITIVE_INFINITY;
  const parts: string[] = [];
  const brought = new Map<string, readonly string[]>();
  for (const r of rows) {
    if (r.kind === 'd') {
      brought.set(r.role_id!, r.permissions!);
    } else if (r.kind === 'r' || r.kind === 'g') {
      if (r.expires_at) nextExpiry = Math.min(nextExpiry, new Date(r.expires_at).getTime());
      parts.push(r.kind === 'r' ? `r ${r.role_id} ${r.account_id ?? ''}` : `g ${r.permission} ${r.account_id ?? ''} ${r.granted}`);
    }
  }
  const key = parts.sort().join('\n');
  let combo = share.combos.get(key);
  if (!combo) {
    const grants: Grant[] = [];
    for (const r of rows) {
      if (r.kind === 'r') {
        const names = brought.get(r.role_id!) ?? share.roles.get(r.role_id!);
        if (!names) throw new Error(`the definition of role ${r.role_id} is missing`);
        for (const permission of names) grants.push({ permission, accountId: r.account_id, granted: true });
      } else if (r.kind === 'g') {
        grants.push({ permission: r.permission!, accountId: r.account_id, granted: r.granted });
      }
    }
    combo = compilePermissions(grants);
    makeRoom(share.combos, MAX_SHARED);
    share.combos.set(key, combo);
  }
  for (const [roleId, names] of brought) {
    makeRoom(share.roles, MAX_SHARED);
    share.roles.set(roleId, names);
  }
  return nextExpiry === Number.POSITIVE_INFINITY ? combo : { ...combo, validUntil: nextExpiry };
}
