import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { changesOf, hasChanges } from '../../core/patch';
import { withTenant } from '../../db/tenant-context';
import type { TenantDeps } from './deps';
import { allowReindexTime, findOwnTenant, updateOwnTenant } from './repository';
import { presentTenant } from './schemas';

/** The tenant as its own administrators see it. */
export async function getOwnTenant(deps: TenantDeps, ctx: RequestContext) {
  const tenant = await withTenant(deps.db, ctx, (tx) => findOwnTenant(tx));
  if (!tenant) throw new AppError('TENANT_NOT_FOUND');
  return presentTenant(tenant);
}

/** Tenant administrators may change the name and settings only (column privileges enforce it). */
export async function updateOwnTenantSettings(deps: TenantDeps, ctx: RequestContext, input: { name?: string; settings?: Record<string, unknown> }) {
  const changes = changesOf({ name: input.name, settings: input.settings });
  const tenant = await withTenant(deps.db, ctx, async (tx) => {
    if (!hasChanges(changes)) return findOwnTenant(tx);
    if (changes.settings) await allowReindexTime(tx, tx.tenantId, changes.settings);
    return updateOwnTenant(tx, changes);
  });
  if (!tenant) throw new AppError('TENANT_NOT_FOUND');
  return presentTenant(tenant);
}

/** What anyone may know about a tenant: name, features, branding settings. */
export async function getPublicTenant(deps: TenantDeps, ctx: RequestContext) {
  const tenant = await withTenant(deps.db, ctx, (tx) => findOwnTenant(tx));
  if (!tenant) throw new AppError('TENANT_NOT_FOUND');
  return { identifier: tenant.identifier, name: tenant.name, features: tenant.features, branding: tenant.settings.branding ?? null };
}
