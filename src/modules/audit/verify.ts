import type { Database } from '../../db/client';
import { type ChainState, chainStates, tenantsToVerify, verifyChainBatch } from './verify-repository';

/**
 * Tamper evidence: walks every audit hash chain of each tenant (decisions 3 and 51: a
 * tenant has up to 8 chains, each with its own head) with mono.audit_verify_chain_batch,
 * keyset batch after keyset batch, and reports the first broken or missing link of each. Runs as the owner (the CLI): the chain must be read whole,
 * across RLS, and nothing here writes.
 *
 * After `mono partitions prune` a tenant's chain starts after its anchor (the last
 * pruned entry, recorded on the chain head when its partition was dropped); the
 * pruned prefix is verifiable from the export files.
 */
export interface ChainReport {
  tenantId: string;
  identifier: string;
  /** Which of the tenant's chains (0 for a tenant that never had concurrent writers). */
  chain: number;
  ok: boolean;
  /** Entries verified in this run. */
  checked: number;
  /** Verification started after this seq (0, or the last pruned entry). */
  anchorSeq: number;
  /** The chain head's last seq when verification started. */
  headSeq: number;
  /** Its hash (hex): write it down somewhere else to detect a rewrite of the whole chain later. */
  headHash: string | null;
  /** The first problem: which entry, and what is wrong. */
  problem?: { seq: number | null; message: string };
}

export interface VerifyOptions {
  /** Only this tenant (id or identifier). */
  tenant?: string;
  /** Entries per database call. */
  batchSize?: number;
  /** Called after each batch: entries verified so far of this tenant, and how many there are. */
  onProgress?: (tenant: { identifier: string }, checked: number, total: number) => void;
}

const sameBytes = (a: Uint8Array | null, b: Uint8Array | null) => (a === null || b === null ? a === b : Buffer.from(a).equals(Buffer.from(b)));

const num = (value: number | string | null) => (value === null ? null : Number(value));

/** Every chain of one tenant, in chain order (one report for a tenant without entries). */
export async function verifyTenantChains(
  db: Database,
  tenant: { id: string; identifier: string },
  options: Omit<VerifyOptions, 'tenant'> = {},
): Promise<ChainReport[]> {
  const states = await chainStates(db, tenant.id);
  if (states.length === 0) {
    return [{ tenantId: tenant.id, identifier: tenant.identifier, chain: 0, ok: true, checked: 0, anchorSeq: 0, headSeq: 0, headHash: null }];
  }
  const reports: ChainReport[] = [];
  for (const state of states) reports.push(await verifyChain(db, tenant, state, options));
  return reports;
}

async function verifyChain(
  db: Database,
  tenant: { id: string; identifier: string },
  start: ChainState,
  options: Omit<VerifyOptions, 'tenant'>,
): Promise<ChainReport> {
  const batchSize = options.batchSize ?? 10_000;
  const chain = Number(start.chain);
  const state = async () => (await chainStates(db, tenant.id)).find((s) => Number(s.chain) === chain);
  const anchorSeq = Number(start.anchor_seq);
  const headSeq = Number(start.last_seq);
  const headHash = start.last_hash ? Buffer.from(start.last_hash).toString('hex') : null;
  const report: ChainReport = { tenantId: tenant.id, identifier: tenant.identifier, chain, ok: true, checked: 0, anchorSeq, headSeq, headHash };
  const fail = (seq: number | null, message: string) => ({ ...report, ok: false, problem: { seq, message } });

  if (!start.has_head) {
    return fail(null, `the tenant has audit entries${chain ? ` in chain ${chain}` : ''} but no chain head${chain ? ' for it' : ''} (the head was deleted)`);
  }

  let seq = anchorSeq;
  let hash = start.anchor_hash;
  while (seq < headSeq) {
    const want = Math.min(batchSize, headSeq - seq);
    const [batch] = await verifyChainBatch(db, tenant.id, chain, seq, hash, want);
    if (batch!.problem) {
      report.checked += Math.max(0, batch!.checked - 1);
      return fail(num(batch!.problem_seq), batch!.problem);
    }
    report.checked += batch!.checked;
    if (batch!.checked < want) {
      const from = Number(batch!.last_seq) + 1;
      return fail(
        from,
        from === headSeq ? `entry seq ${from} is missing` : `entries seq ${from} to ${headSeq} are missing (the chain head says there are ${headSeq})`,
      );
    }
    seq = Number(batch!.last_seq);
    hash = batch!.last_hash;
    options.onProgress?.(tenant, report.checked, headSeq - anchorSeq);
  }
  if (!sameBytes(hash, start.last_hash)) {
    return fail(headSeq, `the chain head does not match entry seq ${headSeq} (the head was changed, or the last entries replaced)`);
  }
  const end = await state();
  if (end && end.max_seq !== null && Number(end.max_seq) > Number(end.last_seq)) {
    return fail(
      Number(end.last_seq) + 1,
      `entries beyond the chain head (seq ${Number(end.last_seq) + 1} to ${end.max_seq}): inserted outside the audit trigger, or the head was rolled back`,
    );
  }
  return report;
}

/** Every chain of every tenant (or of one tenant), in identifier and chain order. */
export async function verifyAuditChains(db: Database, options: VerifyOptions = {}): Promise<ChainReport[]> {
  const tenants = await tenantsToVerify(db, options.tenant);

  const reports: ChainReport[] = [];
  for (const tenant of tenants) reports.push(...(await verifyTenantChains(db, tenant, options)));
  return reports;
}
