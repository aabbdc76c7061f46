import { and, desc, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import type { Config } from '../../config';
import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { toPage } from '../../core/pagination';
import { changesOf, hasChanges, optionalDate } from '../../core/patch';
import type { Database } from '../../db/client';
import { beforeIdCursor, idCursor } from '../../db/keyset';
import { containing } from '../../db/like';
import { tenants } from '../../db/schema';
import { withPlatform, withTenant } from '../../db/tenant-context';
import type { TenantResolver } from '../access';
import { syncSystemRoles } from '../access';
import { assertStrongPassword, hashPassword, insertUser, presentUser } from '../identity';
import { presentTenant, type TenantRow } from './schemas';

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
 * Tenants: created, changed, suspended and deleted by platform operators (and the CLI),
 * on the platform path. A tenant's own administrators may change its name and settings.
 */
export function createTenantService(deps: { db: Database; config: Config; resolver?: TenantResolver }) {
  const { db, config } = deps;

  async function load(ctx: RequestContext, tenantId: string): Promise<TenantRow> {
    const [tenant] = await withPlatform(db, ctx, (tx) => tx.select().from(tenants).where(eq(tenants.id, tenantId)));
    if (!tenant) throw new AppError('TENANT_NOT_FOUND');
    return tenant;
  }

  async function setStatus(ctx: RequestContext, tenantId: string, status: 'ACTIVE' | 'SUSPENDED'): Promise<TenantRow> {
    const current = await load(ctx, tenantId);
    if (current.identifier === config.platformTenant && status !== 'ACTIVE') {
      throw new AppError('PLATFORM_TENANT_PROTECTED', 'The platform tenant cannot be suspended: its operators would lock themselves out');
    }
    if (current.deletedAt) throw new AppError('TENANT_DELETED', 'This tenant was deleted');
    const [tenant] = await withPlatform(db, ctx, (tx) => tx.update(tenants).set({ status }).where(eq(tenants.id, tenantId)).returning());
    deps.resolver?.forget(tenant!.identifier);
    return tenant!;
  }

  return {
    /** A tenant, its system roles and its first administrator, in one transaction. */
    async create(ctx: RequestContext, input: NewTenant) {
      assertStrongPassword(input.admin.password, input.admin.email, 'admin.password');
      const hashedPassword = await hashPassword(input.admin.password);
      return withPlatform(db, ctx, async (tx) => {
        const [tenant] = await tx
          .insert(tenants)
          .values({
            identifier: input.identifier,
            name: input.name,
            status: input.status ?? 'TRIAL',
            plan: input.plan ?? 'free',
            planExpiry: input.planExpiry ? new Date(input.planExpiry) : null,
            features: input.features ?? [],
            settings: input.settings ?? {},
          })
          .returning();
        await syncSystemRoles(tx, config.platformTenant, tenant!.id);
        const isPlatform = tenant!.identifier === config.platformTenant;
        const admin = await insertUser(tx, tenant!.id, {
          email: input.admin.email,
          displayName: input.admin.displayName,
          hashedPassword,
          emailVerified: true,
          roles: isPlatform ? ['tenant_admin', 'platform_admin'] : ['tenant_admin'],
        });
        return { tenant: presentTenant(tenant!), admin: presentUser(admin.user, admin.profile) };
      });
    },

    async list(ctx: RequestContext, query: { status?: TenantRow['status']; q?: string; includeDeleted?: boolean; limit: number; cursor?: string }) {
      const rows = await withPlatform(db, ctx, (tx) =>
        tx
          .select()
          .from(tenants)
          .where(
            and(
              query.includeDeleted ? undefined : isNull(tenants.deletedAt),
              query.status ? eq(tenants.status, query.status) : undefined,
              query.q ? or(ilike(tenants.identifier, containing(query.q)), ilike(tenants.name, containing(query.q))) : undefined,
              beforeIdCursor(tenants.id, query.cursor),
            ),
          )
          .orderBy(desc(tenants.id))
          .limit(query.limit + 1),
      );
      return toPage(rows, query.limit, (t) => idCursor(t.id), presentTenant);
    },

    async get(ctx: RequestContext, tenantId: string) {
      return presentTenant(await load(ctx, tenantId));
    },

    async update(
      ctx: RequestContext,
      tenantId: string,
      input: { name?: string; plan?: string; planExpiry?: string | null; features?: string[]; settings?: Record<string, unknown> },
    ) {
      const changes = changesOf({ ...input, planExpiry: optionalDate(input.planExpiry) });
      if (!hasChanges(changes)) return presentTenant(await load(ctx, tenantId));
      const [tenant] = await withPlatform(db, ctx, (tx) => tx.update(tenants).set(changes).where(eq(tenants.id, tenantId)).returning());
      if (!tenant) throw new AppError('TENANT_NOT_FOUND');
      return presentTenant(tenant);
    },

    suspend: (ctx: RequestContext, tenantId: string) => setStatus(ctx, tenantId, 'SUSPENDED').then(presentTenant),
    activate: (ctx: RequestContext, tenantId: string) => setStatus(ctx, tenantId, 'ACTIVE').then(presentTenant),

    /** Soft delete: the tenant goes INACTIVE and its identifier becomes free again. */
    async remove(ctx: RequestContext, tenantId: string) {
      const current = await load(ctx, tenantId);
      if (current.identifier === config.platformTenant) throw new AppError('PLATFORM_TENANT_PROTECTED', 'The platform tenant cannot be deleted');
      if (current.deletedAt) return;
      await withPlatform(db, ctx, (tx) =>
        tx
          .update(tenants)
          .set({ status: 'INACTIVE', deletedAt: sql`now()` as unknown as Date })
          .where(eq(tenants.id, tenantId)),
      );
      deps.resolver?.forget(current.identifier);
    },

    /** The tenant's own view (tenant administrators). */
    async getOwn(ctx: RequestContext) {
      const [tenant] = await withTenant(db, ctx, (tx) => tx.select().from(tenants));
      if (!tenant) throw new AppError('TENANT_NOT_FOUND');
      return presentTenant(tenant);
    },

    /** Tenant administrators may change the name and settings only (column privileges enforce it). */
    async updateOwn(ctx: RequestContext, input: { name?: string; settings?: Record<string, unknown> }) {
      const changes = changesOf({ name: input.name, settings: input.settings });
      if (!hasChanges(changes)) return this.getOwn(ctx);
      const [tenant] = await withTenant(db, ctx, (tx) => tx.update(tenants).set(changes).where(eq(tenants.id, ctx.tenantId!)).returning());
      return presentTenant(tenant!);
    },

    /** What anyone may know about a tenant: name, features, branding settings. */
    async getPublic(ctx: RequestContext) {
      const [tenant] = await withTenant(db, ctx, (tx) => tx.select().from(tenants));
      if (!tenant) throw new AppError('TENANT_NOT_FOUND');
      return { identifier: tenant.identifier, name: tenant.name, features: tenant.features, branding: tenant.settings.branding ?? null };
    },
  };
}

export type TenantService = ReturnType<typeof createTenantService>;
