import type { RequestContext } from '../../core/context';
import { AppError, invalidCursor } from '../../core/errors';
import { isUuid } from '../../core/ids';
import { decodeCursor, type Page, toPage } from '../../core/pagination';
import type { Database } from '../../db/client';
import { withPlatform, withTenant } from '../../db/tenant-context';
import { type AuditRow, type EntryQuery, findEntries, findTenantId } from './repository';
import {
  type AuditEntryView,
  type AuditHistoryQuery,
  type AuditListQuery,
  auditHistoryParams,
  auditHistoryQuery,
  auditListQuery,
  type PlatformAuditListQuery,
  parseAuditInput,
  platformAuditListQuery,
} from './schemas';

export interface AuditServiceDeps {
  db: Database;
  /** Identifier of the platform tenant, whose operators may appear as actors anywhere. */
  platformTenant: string;
}

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

/** An entry as the API shows it: one change per field, the actor by id and name. */
export function presentEntry(row: AuditRow): AuditEntryView {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    seq: Number(row.seq),
    action: row.action as AuditEntryView['action'],
    resource: row.resource,
    resourceId: row.resource_id,
    actor: row.user_id ? { id: row.user_id, name: row.actor_name } : null,
    apiKeyId: row.api_key_id,
    changes: row.changed_fields.map((field) => ({
      field,
      from: row.old_values?.[field] ?? null,
      to: row.new_values?.[field] ?? null,
    })),
    requestId: row.request_id,
    ipAddress: row.ip_address,
    userAgent: row.user_agent,
    erased: row.erased_at !== null,
    createdAt: iso(row.created_at),
  };
}

function afterCursor(cursor: string | undefined): EntryQuery['after'] {
  if (!cursor) return null;
  const [at, id] = decodeCursor(cursor, 2);
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || !isUuid(id)) {
    throw invalidCursor();
  }
  return { at, id };
}

const pageOf = (found: AuditRow[], limit: number): Page<AuditEntryView> => toPage(found, limit, (row) => [row.cursor_at, row.id], presentEntry);

/**
 * Reading the audit trail. Tenant administrators read their tenant's trail (RLS keeps
 * it to that tenant); platform operators read across tenants on the platform path, where
 * actors from the platform tenant get their names too.
 */
export function createAuditService(deps: AuditServiceDeps) {
  const { db } = deps;
  let platformTenantId: Promise<string | null> | undefined;
  const platformTenant = (ctx: RequestContext) =>
    (platformTenantId ??= withPlatform(db, ctx, (tx) => findTenantId(tx, deps.platformTenant)).catch((error) => {
      platformTenantId = undefined;
      throw error;
    }));

  return {
    /** The tenant's entries, newest first, filtered. */
    async list(ctx: RequestContext, query: AuditListQuery): Promise<Page<AuditEntryView>> {
      if (!ctx.tenantId || !ctx.permissions.can('tenant.audit.read')) throw new AppError('FORBIDDEN');
      const { limit, cursor, ...filters } = parseAuditInput(auditListQuery, query);
      const found = await withTenant(db, ctx, (tx) =>
        findEntries(tx, { tenantId: ctx.tenantId, actorTenantId: null, filters, after: afterCursor(cursor), limit: limit + 1 }),
      );
      return pageOf(found, limit);
    },

    /**
     * Everything that happened to one record, newest first, each entry as per-field
     * changes. A record the tenant never had (or another tenant's) is not found.
     */
    async history(ctx: RequestContext, params: { resource: string; id: string }, query: AuditHistoryQuery = {}): Promise<Page<AuditEntryView>> {
      if (!ctx.tenantId || !ctx.permissions.can('tenant.audit.read')) throw new AppError('FORBIDDEN');
      const { resource, id } = parseAuditInput(auditHistoryParams, params);
      const { limit, cursor } = parseAuditInput(auditHistoryQuery, query);
      const found = await withTenant(db, ctx, (tx) =>
        findEntries(tx, { tenantId: ctx.tenantId, actorTenantId: null, filters: { resource, resourceId: id }, after: afterCursor(cursor), limit: limit + 1 }),
      );
      if (found.length === 0 && !cursor) throw new AppError('AUDIT_HISTORY_NOT_FOUND');
      return pageOf(found, limit);
    },

    /** Entries of every tenant (or the one named), newest first: the platform path. */
    async listAcrossTenants(ctx: RequestContext, query: PlatformAuditListQuery): Promise<Page<AuditEntryView>> {
      if (!ctx.permissions.can('platform.audit.read')) throw new AppError('FORBIDDEN');
      const { limit, cursor, tenant, ...filters } = parseAuditInput(platformAuditListQuery, query);
      const actorTenantId = await platformTenant(ctx);
      const found = await withPlatform(db, ctx, async (tx) => {
        const tenantId = tenant ? await findTenantId(tx, tenant) : null;
        if (tenant && !tenantId) throw new AppError('TENANT_NOT_FOUND');
        return findEntries(tx, { tenantId, actorTenantId, filters, after: afterCursor(cursor), limit: limit + 1 });
      });
      return pageOf(found, limit);
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
