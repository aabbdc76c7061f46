import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Orm } from '../../src/db/client';
import { withTenant } from '../../src/db/tenant-context';
import { verifyTenantChains } from '../../src/modules/audit';
import { ctxFor } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { createTenantGraph, type TenantGraph } from '../helpers/graph';

/**
 * A transaction's audit entries move their chain head once (migration 0970, definitions
 * 098 and 104): the first entries write the head through, later ones keep it in a
 * transaction-local setting and a deferred flush writes it after them. Whatever the
 * order of entries, tenants and savepoints, the head row ends on the chain's last entry
 * and every chain verifies.
 */
describeDb('audit head kept per transaction', (t) => {
  let n = 0;
  const insertCategory = (tx: Orm, g: TenantGraph) => {
    n += 1;
    return tx.execute(sql`insert into categories (tenant_id, name, slug) values (${g.tenantId}, ${`Flushed ${n}`}, ${`flushed-${n}`})`);
  };

  /** The chain's head row against the chain's last entry, and the tenant's verification. */
  const expectWhole = async (g: TenantGraph) => {
    const heads = await t.db.query<{ chain: number; head_seq: string; entry_seq: string | null; same_hash: boolean; entries: string }>(
      `select h.chain, h.last_seq::text as head_seq, max(a.seq)::text as entry_seq,
              bool_and(a.seq <> h.last_seq or a.hash = h.last_hash) as same_hash,
              count(a.*)::text as entries
         from mono.audit_chain_heads h left join audit_logs a on a.tenant_id = h.tenant_id and a.chain = h.chain
        where h.tenant_id = $1 group by h.chain, h.last_seq order by h.chain`,
      [g.tenantId],
    );
    for (const head of heads) {
      expect(head.head_seq).toBe(head.entry_seq ?? '0');
      if (head.entry_seq) expect(head.entries).toBe(head.entry_seq); // seq 1..n, none missing
      if (head.entry_seq) expect(head.same_hash).toBe(true);
    }
    const reports = await verifyTenantChains(t.db, { id: g.tenantId, identifier: g.identifier }, { batchSize: 7 });
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.every((r) => r.ok)).toBe(true);
    return heads;
  };

  /** A tenant without the flush row the graph leaves for the isolation tests. */
  const freshGraph = async (label: string): Promise<TenantGraph> => {
    const g = await createTenantGraph(t.db, label);
    await t.db.query('delete from mono.audit_head_flushes where tenant_id = $1', [g.tenantId]);
    return g;
  };
  const pendingFlushes = async (...graphs: TenantGraph[]) =>
    Number(
      (
        await t.db.query<{ n: number }>('select count(*)::int as n from mono.audit_head_flushes where tenant_id = any($1::uuid[])', [
          graphs.map((g) => g.tenantId),
        ])
      )[0]!.n,
    );

  it('chains 40 entries of one transaction exactly as one entry per transaction would, and leaves no flush behind', async () => {
    const g = await freshGraph('flush-one');
    const before = Number(
      (await t.db.query<{ n: number }>('select coalesce(max(seq), 0)::int as n from audit_logs where tenant_id = $1 and chain = 0', [g.tenantId]))[0]!.n,
    );
    const inFlight = await withTenant(t.db, ctxFor(g.tenantId, g.userId), async (tx) => {
      for (let i = 0; i < 40; i += 1) await insertCategory(tx, g);
      await tx.execute(sql`set constraints audit immediate`); // the entries now, the flush at commit
      const [row] = (
        await tx.execute(sql`select current_setting('mono.audit_head', true) as kept,
                                    (select last_seq::int from mono.audit_chain_heads where tenant_id = ${g.tenantId} and chain = 0) as written`)
      ).rows as { kept: string; written: number }[];
      return row!;
    });
    // Written through for the first four entries, then kept: 40 entries, seq before + 40.
    expect(inFlight.written).toBe(before + 4);
    expect(inFlight.kept.split(':').slice(2, 3)).toEqual([String(before + 40)]);
    expect(inFlight.kept.split(':')[4]).toBe('40');
    const heads = await expectWhole(g);
    expect(Number(heads.find((h) => h.chain === 0)!.head_seq)).toBe(before + 40);
    expect(await pendingFlushes(g)).toBe(0);
    // The next transaction continues the chain from the flushed head.
    await withTenant(t.db, ctxFor(g.tenantId, g.userId), (tx) => insertCategory(tx, g));
    expect(Number((await expectWhole(g)).find((h) => h.chain === 0)!.head_seq)).toBe(before + 41);
  });

  it('keeps two tenants’ chains apart when one transaction writes both, interleaved', async () => {
    const a = await freshGraph('flush-a');
    const b = await freshGraph('flush-b');
    // The platform's explicit cross-tenant path: one transaction, entries of both tenants
    // in the order A×6, B×6, A×6, B×2, A×1 (each run long enough to be kept, then flushed).
    await t.db.transaction('set local role mono_platform', async (tx) => {
      for (const [g, count] of [
        [a, 6],
        [b, 6],
        [a, 6],
        [b, 2],
        [a, 1],
      ] as const) {
        for (let i = 0; i < count; i += 1) await insertCategory(tx, g);
      }
    });
    await expectWhole(a);
    await expectWhole(b);
    expect(await pendingFlushes(a, b)).toBe(0);
  });

  it('survives savepoints: a flush fired in a rolled-back savepoint fires again at commit', async () => {
    const g = await freshGraph('flush-savepoint');
    const kept = await withTenant(t.db, ctxFor(g.tenantId, g.userId), async (tx) => {
      for (let i = 0; i < 6; i += 1) await insertCategory(tx, g);
      await tx.execute(sql`set constraints audit immediate`); // six entries now, the flush still deferred
      await tx.execute(sql`savepoint s`);
      for (let i = 0; i < 6; i += 1) await insertCategory(tx, g);
      await tx.execute(sql`set constraints all immediate`); // the flush fires inside the savepoint
      await tx.execute(sql`rollback to savepoint s`);
      for (let i = 0; i < 3; i += 1) await insertCategory(tx, g);
      return n;
    });
    const heads = await expectWhole(g);
    const chain0 = heads.find((h) => h.chain === 0)!;
    // Entries of the rolled-back savepoint are gone, the chain runs on without a gap.
    const slugs = await t.db.query<{ slug: string }>(
      `select new_values ->> 'slug' as slug from audit_logs where tenant_id = $1 and new_values ->> 'slug' like 'flushed-%' order by chain, seq`,
      [g.tenantId],
    );
    expect(slugs.map((s) => s.slug)).toEqual([
      ...Array.from({ length: 6 }, (_, i) => `flushed-${kept - 14 + i}`),
      ...Array.from({ length: 3 }, (_, i) => `flushed-${kept - 2 + i}`),
    ]);
    expect(Number(chain0.head_seq)).toBeGreaterThanOrEqual(9);
    expect(await pendingFlushes(g)).toBe(0);
  });

  it('changes nothing for the common transaction of one entry: the head is written through, no flush queued', async () => {
    const g = await freshGraph('flush-single');
    const flushes = await withTenant(t.db, ctxFor(g.tenantId, g.userId), async (tx) => {
      await insertCategory(tx, g);
      await tx.execute(sql`set constraints audit immediate`);
      return (await tx.execute(sql`select count(*)::int as n from mono.audit_head_flushes`)).rows[0] as { n: number };
    });
    expect(flushes.n).toBe(0);
    await expectWhole(g);
  });
});
