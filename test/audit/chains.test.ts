import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { withTenant } from '../../src/db/tenant-context';
import { verifyTenantChains } from '../../src/modules/audit';
import { ctxFor } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { createTenantGraph, type TenantGraph } from '../helpers/graph';

/**
 * Several chain heads per tenant (decision 51): concurrent committers take different
 * heads instead of queueing on one, and `mono audit verify` checks every chain as
 * strictly as the single chain before — tampering in any chain is found.
 */
describeDb(
  'audit chains',
  (t) => {
    const tenants: Record<string, TenantGraph> = {};
    let n = 0;
    const write = (g: TenantGraph, chain?: number) =>
      withTenant(t.db, ctxFor(g.tenantId, g.userId), async (tx) => {
        // Which head a transaction uses is the trigger's choice; the setting it keeps for the
        // rest of the transaction lets a test put entries into a given chain on one connection.
        if (chain !== undefined) await tx.execute(sql`select set_config('mono.audit_chain', ${`${g.tenantId}:${chain}`}, true)`);
        n += 1;
        await tx.execute(sql`insert into categories (tenant_id, name, slug) values (${g.tenantId}, ${`Chained ${n}`}, ${`chained-${n}`})`);
      });
    /** Chains 0, 1 and 2 of the tenant, with 5 entries in chain 2. */
    const threeChains = async (label: string) => {
      const g = await createTenantGraph(t.db, label);
      await t.db.query('insert into mono.audit_chain_heads (tenant_id, chain) select $1, g from generate_series(0, 2) g on conflict do nothing', [g.tenantId]);
      for (let i = 0; i < 2; i += 1) await write(g, 1);
      for (let i = 0; i < 5; i += 1) await write(g, 2);
      return g;
    };
    const verify = (g: TenantGraph) => verifyTenantChains(t.db, { id: g.tenantId, identifier: g.identifier }, { batchSize: 2 });
    const idOf = async (g: TenantGraph, chain: number, seq: number) =>
      (await t.db.query<{ id: string }>('select id from audit_logs where tenant_id = $1 and chain = $2 and seq = $3', [g.tenantId, chain, seq]))[0]!.id;

    beforeAll(async () => {
      for (const name of ['clean', 'deleted', 'changed', 'reordered', 'moved', 'headless']) tenants[name] = await threeChains(`chains-${name}`);
    });

    it('commits concurrent writers of one tenant on different chain heads, each chain whole', async () => {
      const g = await createTenantGraph(t.db, 'chains-parallel');
      const started = Date.now();
      // Each writer fires its audit trigger early and then holds its head for 300 ms.
      await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          withTenant(t.db, ctxFor(g.tenantId, g.userId), async (tx) => {
            await tx.execute(sql`insert into categories (tenant_id, name, slug) values (${g.tenantId}, ${`Parallel ${i}`}, ${`parallel-${i}`})`);
            await tx.execute(sql`set constraints all immediate`);
            await tx.execute(sql`select pg_sleep(0.3)`);
          }),
        ),
      );
      const elapsed = Date.now() - started;
      const used = await t.db.query<{ chain: number }>(
        `select distinct chain from audit_logs where tenant_id = $1 and resource = 'categories' and new_values ->> 'slug' like 'parallel-%'`,
        [g.tenantId],
      );
      if (t.engine === 'postgres') {
        // Nobody waited for another's head: four chains, and far less than 4 × 300 ms.
        expect(used.length).toBe(4);
        expect(elapsed).toBeLessThan(1100);
      } else {
        expect(used.length).toBe(1); // one connection: the writers ran one after another
      }
      const reports = await verify(g);
      expect(reports.every((r) => r.ok)).toBe(true);
      expect(reports.reduce((sum, r) => sum + r.checked, 0)).toBe(
        Number((await t.db.query<{ n: number }>('select count(*)::int as n from audit_logs where tenant_id = $1', [g.tenantId]))[0]!.n),
      );
    });

    it('verifies every chain of a tenant, each up to its own head', async () => {
      const reports = await verify(tenants.clean!);
      expect(reports.map((r) => [r.chain, r.ok])).toEqual([
        [0, true],
        [1, true],
        [2, true],
      ]);
      expect(reports.map((r) => r.headSeq).slice(1)).toEqual([2, 5]);
      // The other heads were opened with the tenant and never used: nothing to verify there.
      const heads = await t.db.query<{ hash: string | null }>(
        `select encode(last_hash, 'hex') as hash from mono.audit_chain_heads where tenant_id = $1 order by chain`,
        [tenants.clean!.tenantId],
      );
      expect(heads.length).toBe(8);
      expect(reports.map((r) => r.headHash)).toEqual(heads.slice(0, 3).map((h) => h.hash));
      expect(heads.slice(3).every((h) => h.hash === null)).toBe(true);
    });

    it('detects a deleted entry in a chain other than the first', async () => {
      await t.db.query('delete from audit_logs where id = $1', [await idOf(tenants.deleted!, 2, 3)]);
      const broken = (await verify(tenants.deleted!)).filter((r) => !r.ok);
      expect(broken.map((r) => [r.chain, r.problem!.message])).toEqual([[2, 'entry seq 3 is missing']]);
    });

    it('detects a changed entry in a chain other than the first', async () => {
      await t.db.query(`update audit_logs set new_values = new_values || '{"name": "Forged"}' where id = $1`, [await idOf(tenants.changed!, 1, 2)]);
      const broken = (await verify(tenants.changed!)).filter((r) => !r.ok);
      expect(broken.map((r) => [r.chain, r.problem!.message])).toEqual([
        [1, 'the values of entry seq 2 were changed after it was written (values digest mismatch, or the audit key is not the one it was written with)'],
      ]);
    });

    it('detects re-ordered entries in a chain', async () => {
      const [second, third] = [await idOf(tenants.reordered!, 2, 2), await idOf(tenants.reordered!, 2, 3)];
      await t.db.query('update audit_logs set seq = case when id = $1 then 3 else 2 end where id in ($1, $2)', [second, third]);
      const broken = (await verify(tenants.reordered!)).filter((r) => !r.ok);
      expect(broken.map((r) => [r.chain, r.problem!.message])).toEqual([[2, 'entry seq 2 does not link to the previous entry (prev_hash mismatch)']]);
    });

    it('detects an entry moved from one chain to another', async () => {
      await t.db.query('update audit_logs set chain = 1, seq = 3 where id = $1', [await idOf(tenants.moved!, 2, 5)]);
      const broken = (await verify(tenants.moved!)).filter((r) => !r.ok);
      expect(broken.map((r) => r.chain)).toEqual([1, 2]);
      expect(broken[0]!.problem!.message).toMatch(/entries beyond the chain head|does not link/);
      expect(broken[1]!.problem!.message).toBe('entry seq 5 is missing');
    });

    it('detects a chain whose head was deleted', async () => {
      await t.db.query('delete from mono.audit_chain_heads where tenant_id = $1 and chain = 2', [tenants.headless!.tenantId]);
      const broken = (await verify(tenants.headless!)).filter((r) => !r.ok);
      expect(broken.map((r) => [r.chain, r.problem!.message])).toEqual([
        [2, 'the tenant has audit entries in chain 2 but no chain head for it (the head was deleted)'],
      ]);
    });
  },
  { poolSize: 6 },
);
