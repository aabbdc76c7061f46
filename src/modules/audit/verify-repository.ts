import type { Database } from '../../db/client';
import { ownerQuery } from '../../db/tenant-context';

/**
 * The reads of `mono audit verify` (verify.ts): as the owner, across RLS, one tenant per
 * statement. The two that compute HMACs go through ownerQuery (on Citus they run on the
 * workers, which need the audit key).
 */

export interface ChainState {
  chain: number;
  has_head: boolean;
  last_seq: number | string;
  last_hash: Uint8Array | null;
  anchor_seq: number | string;
  anchor_hash: Uint8Array | null;
  max_seq: number | string | null;
}

export interface BatchResult {
  checked: number;
  last_seq: number | string;
  last_hash: Uint8Array | null;
  problem: string | null;
  problem_seq: number | string | null;
}

/** Every chain of the tenant with its head, anchor and highest seq (mono.audit_chain_states, 0850). */
export const chainStates = (db: Database, tenantId: string) => ownerQuery<ChainState>(db, 'select * from mono.audit_chain_states($1)', [tenantId]);

/** One keyset batch of one chain of the tenant (mono.audit_verify_chain_batch). */
export const verifyChainBatch = (db: Database, tenantId: string, chain: number, afterSeq: number, prevHash: Uint8Array | null, maxRows: number) =>
  ownerQuery<BatchResult>(db, 'select * from mono.audit_verify_chain_batch($1, $2, $3, $4, $5)', [tenantId, chain, afterSeq, prevHash, maxRows]);

/** The tenant given by id or identifier (a live one before a deleted one), or every tenant. */
export const tenantsToVerify = (db: Database, tenant?: string) =>
  db.query<{ id: string; identifier: string }>(
    tenant
      ? `select id, identifier from tenants where id::text = $1 or identifier = lower($1) order by deleted_at nulls first limit 1`
      : `select id, identifier from tenants order by identifier, id`,
    tenant ? [tenant] : [],
  );
