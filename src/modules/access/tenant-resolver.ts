import { systemContext } from '../../core/context';
import type { Database } from '../../db/client';
import { withPlatform } from '../../db/tenant-context';
import { findTenantByIdentifier, type TenantByIdentifierRow } from './repository';

export type ResolvedTenant = TenantByIdentifierRow;

/**
 * Finds a tenant by its identifier, for public routes that name it in X-Tenant or the
 * host name. Necessarily cross-tenant (nothing is known yet), so it takes the platform
 * path, and it reads only the tenants table. Answers are cached for a few seconds:
 * public reads are the hottest path, and a suspension reaches public routes within
 * that time (authenticated requests see the tenant's status live).
 */
export class TenantResolver {
  private readonly cache = new Map<string, { tenant: ResolvedTenant | null; until: number }>();

  constructor(
    private readonly db: Database,
    private readonly ttlMs = 5_000,
  ) {}

  async byIdentifier(identifier: string): Promise<ResolvedTenant | null> {
    const key = identifier.toLowerCase();
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.tenant;
    const row = await withPlatform(this.db, systemContext(null, 'resolve-tenant'), (tx) => findTenantByIdentifier(tx, key));
    const tenant = row ?? null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, { tenant, until: Date.now() + this.ttlMs });
    return tenant;
  }

  forget(identifier: string): void {
    this.cache.delete(identifier.toLowerCase());
  }
}
