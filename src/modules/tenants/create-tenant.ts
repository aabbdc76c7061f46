import type { RequestContext } from '../../core/context';
import { withPlatform } from '../../db/tenant-context';
import { syncSystemRoles } from '../access';
import { assertStrongPassword, hashPassword, insertUser, presentUser } from '../identity';
import type { TenantDeps } from './deps';
import { insertTenant } from './repository';
import { presentTenant } from './schemas';

export interface NewTenant {
  identifier: string;
  name: string;
  status?: 'ACTIVE' | 'TRIAL';
  plan?: string;
  planExpiry?: string | null;
  features?: string[];
  settings?: Record<string, unknown>;
  admin: { email: string; password: string; displayName: string };
}

/**
 * A tenant, its system roles and its first administrator, in one transaction on the
 * platform path (operators, the CLI, the seed). The platform tenant's administrator is
 * also a platform administrator.
 */
export async function createTenant(deps: TenantDeps, ctx: RequestContext, input: NewTenant) {
  assertStrongPassword(input.admin.password, input.admin.email, 'admin.password');
  const hashedPassword = await hashPassword(input.admin.password);
  return withPlatform(deps.db, ctx, async (tx) => {
    const tenant = await insertTenant(tx, {
      identifier: input.identifier,
      name: input.name,
      status: input.status ?? 'TRIAL',
      plan: input.plan ?? 'free',
      planExpiry: input.planExpiry ? new Date(input.planExpiry) : null,
      features: input.features ?? [],
      settings: input.settings ?? {},
    });
    await syncSystemRoles(tx, deps.config.platformTenant, tenant.id);
    const isPlatform = tenant.identifier === deps.config.platformTenant;
    const admin = await insertUser(tx, tenant.id, {
      email: input.admin.email,
      displayName: input.admin.displayName,
      hashedPassword,
      emailVerified: true,
      roles: isPlatform ? ['tenant_admin', 'platform_admin'] : ['tenant_admin'],
    });
    return { tenant: presentTenant(tenant), admin: presentUser(admin.user, admin.profile) };
  });
}
