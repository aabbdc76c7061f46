import { and, eq, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Scope } from '../core/context';
import type { TenantTx } from './tenant-context';

/** The columns a table offers for scoping: its tenant, and the account / owner a scope may name. */
export interface ScopeColumns {
  tenantId: AnyPgColumn;
  accountId?: AnyPgColumn;
  userId?: AnyPgColumn;
}

/**
 * The WHERE condition of a scope on a table: always the transaction's tenant, plus the
 * account or the owner the scope names. A record outside the scope is simply not found,
 * exactly like a missing one.
 */
export function inScope(tx: TenantTx, scope: Scope, columns: ScopeColumns): SQL {
  const tenant = eq(columns.tenantId, tx.tenantId);
  switch (scope.kind) {
    case 'tenant':
      return tenant;
    case 'account':
      if (!columns.accountId) throw new Error('this table cannot be scoped to an account');
      return and(tenant, eq(columns.accountId, scope.accountId))!;
    case 'own':
      if (!columns.userId) throw new Error('this table has no owner to scope to');
      return and(tenant, eq(columns.userId, scope.userId))!;
  }
}

/** The tenant predicate alone, for statements that need no narrower scope. */
export const ofTenant = (tx: TenantTx, tenantIdColumn: AnyPgColumn): SQL => eq(tenantIdColumn, tx.tenantId);
