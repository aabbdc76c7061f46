import { bindUseCases } from '../../core/use-case';
import { createTenant } from './create-tenant';
import type { TenantDeps } from './deps';
import { getOwnTenant, getPublicTenant, updateOwnTenantSettings } from './own-tenant';
import { activateTenant, deleteTenant, getTenant, listTenants, suspendTenant, updateTenant } from './platform-tenants';
import { recoverTenantAdmin } from './recover-admin';

export type { NewTenant } from './create-tenant';

/** The tenant use cases over one set of deps (routes, the CLI, the seed and tests use them so). */
export function createTenantService(deps: TenantDeps) {
  return bindUseCases(deps, {
    create: createTenant,
    list: listTenants,
    get: getTenant,
    update: updateTenant,
    suspend: suspendTenant,
    activate: activateTenant,
    remove: deleteTenant,
    getOwn: getOwnTenant,
    updateOwn: updateOwnTenantSettings,
    getPublic: getPublicTenant,
    recoverAdmin: recoverTenantAdmin,
  });
}

export type TenantService = ReturnType<typeof createTenantService>;
