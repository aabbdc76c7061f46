import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { toPage } from '../../core/pagination';
import { changesOf, hasChanges, optionalDate } from '../../core/patch';
import { idCursor } from '../../db/keyset';
import { type Tx, withPlatform } from '../../db/tenant-context';
import type { TenantDeps } from './deps';
import {
  allowReindexTime,
  findTenant,
  listTenants as listTenantRows,
  softDeleteTenant,
  type TenantListQuery,
  type TenantRow,
  updateTenant as updateTenantRow,
} from './repository';
import { presentTenant } from './schemas';

/** What platform operators do with tenants (besides creating them): list, read, change, suspend, activate, delete. */

async function existing(tx: Tx, tenantId: string): Promise<TenantRow> {
  const tenant = await findTenant(tx, tenantId);
  if (!tenant) throw new AppError('TENANT_NOT_FOUND');
  return tenant;
}

export async function listTenants(deps: TenantDeps, ctx: RequestContext, query: TenantListQuery) {
  const found = await withPlatform(deps.db, ctx, (tx) => listTenantRows(tx, query));
  return toPage(found, query.limit, (t) => idCursor(t.id), presentTenant);
}

export async function getTenant(deps: TenantDeps, ctx: RequestContext, tenantId: string) {
  return presentTenant(await withPlatform(deps.db, ctx, (tx) => existing(tx, tenantId)));
}

export async function updateTenant(
  deps: TenantDeps,
  ctx: RequestContext,
  tenantId: string,
  input: { name?: string; plan?: string; planExpiry?: string | null; features?: string[]; settings?: Record<string, unknown> },
) {
  const changes = changesOf({ ...input, planExpiry: optionalDate(input.planExpiry) });
  return withPlatform(deps.db, ctx, async (tx) => {
    if (changes.settings) await allowReindexTime(tx, tenantId, changes.settings);
    const tenant = hasChanges(changes) ? await updateTenantRow(tx, tenantId, changes) : await findTenant(tx, tenantId);
    if (!tenant) throw new AppError('TENANT_NOT_FOUND');
    return presentTenant(tenant);
  });
}

async function setStatus(deps: TenantDeps, ctx: RequestContext, tenantId: string, status: 'ACTIVE' | 'SUSPENDED') {
  const tenant = await withPlatform(deps.db, ctx, async (tx) => {
    const current = await existing(tx, tenantId);
    if (current.identifier === deps.config.platformTenant && status !== 'ACTIVE') {
      throw new AppError('PLATFORM_TENANT_PROTECTED', 'The platform tenant cannot be suspended: its operators would lock themselves out');
    }
    if (current.deletedAt) throw new AppError('TENANT_DELETED', 'This tenant was deleted');
    return (await updateTenantRow(tx, tenantId, { status }))!;
  });
  deps.resolver?.forget(tenant.identifier);
  return presentTenant(tenant);
}

/** Its users get 403 TENANT_SUSPENDED (public routes within the resolver's few seconds of caching). */
export const suspendTenant = (deps: TenantDeps, ctx: RequestContext, tenantId: string) => setStatus(deps, ctx, tenantId, 'SUSPENDED');

export const activateTenant = (deps: TenantDeps, ctx: RequestContext, tenantId: string) => setStatus(deps, ctx, tenantId, 'ACTIVE');

/** Soft delete: the tenant goes INACTIVE and its identifier becomes free again. */
export async function deleteTenant(deps: TenantDeps, ctx: RequestContext, tenantId: string): Promise<void> {
  const deleted = await withPlatform(deps.db, ctx, async (tx) => {
    const current = await existing(tx, tenantId);
    if (current.identifier === deps.config.platformTenant) throw new AppError('PLATFORM_TENANT_PROTECTED', 'The platform tenant cannot be deleted');
    if (current.deletedAt) return null;
    await softDeleteTenant(tx, tenantId);
    return current.identifier;
  });
  if (deleted) deps.resolver?.forget(deleted);
}
