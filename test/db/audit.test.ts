import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { rows } from '../../src/db/sql';
import { withTenant } from '../../src/db/tenant-context';
import { ctxFor } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { createTenantGraph, type TenantGraph } from '../helpers/graph';

describeDb('audit trail', (t) => {
  let a: TenantGraph;
  beforeAll(async () => {
    a = await createTenantGraph(t.db, 'audit');
  });
  const entriesFor = (resourceId: string) => t.db.query<Record<string, any>>(`select * from audit_logs where resource_id = $1 order by seq`, [resourceId]);
  const ctx = () => ctxFor(a.tenantId, a.userId, { requestId: 'req-audit-1', ip: '203.0.113.7', userAgent: 'vitest/agent' });

  it('records create, update, soft delete and delete with actor, request id, ip and user agent', async () => {
    const [account] = await withTenant(t.db, ctx(), (tx) =>
      rows<{ id: string }>(
        tx,
        sql`insert into accounts (tenant_id, identifier, name, type) values (${a.tenantId}, 'audited', 'Audited', 'VENDOR') returning id`,
      ),
    );
    await withTenant(t.db, ctx(), (tx) => tx.execute(sql`update accounts set name = 'Renamed', status = 'SUSPENDED' where id = ${account!.id}`));
    await withTenant(t.db, ctx(), (tx) => tx.execute(sql`update accounts set deleted_at = now() where id = ${account!.id}`));
    await withTenant(t.db, ctx(), (tx) => tx.execute(sql`delete from accounts where id = ${account!.id}`));

    const entries = await entriesFor(account!.id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update', 'soft_delete', 'delete']);
    for (const e of entries) {
      expect(e).toMatchObject({
        tenant_id: a.tenantId,
        user_id: a.userId,
        resource: 'accounts',
        request_id: 'req-audit-1',
        ip_address: '203.0.113.7',
        user_agent: 'vitest/agent',
      });
    }
    expect(entries[0]!.new_values).toMatchObject({ identifier: 'audited', name: 'Audited', type: 'VENDOR' });
    expect(entries[1]!.old_values).toEqual({ name: 'Audited', status: 'ACTIVE' });
    expect(entries[1]!.new_values).toEqual({ name: 'Renamed', status: 'SUSPENDED' });
    expect(entries[3]!.old_values).toMatchObject({ name: 'Renamed' });
  });

  it('writes nothing for a rolled-back change', async () => {
    const before = await t.db.query(`select count(*)::int as n from audit_logs`);
    await expect(
      withTenant(t.db, ctx(), async (tx) => {
        await tx.execute(sql`insert into accounts (tenant_id, identifier, name, type) values (${a.tenantId}, 'rolled-back', 'X', 'VENDOR')`);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const after = await t.db.query(`select count(*)::int as n from audit_logs`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('never stores secrets: password hashes, TOTP secrets and token hashes are redacted', async () => {
    await withTenant(t.db, ctx(), async (tx) => {
      await tx.execute(
        sql`update users set hashed_password = '$argon2id$SECRET-HASH-VALUE', two_factor_secret = 'TOTPSECRETVALUE', two_factor_enabled = true where id = ${a.userId}`,
      );
      await tx.execute(
        sql`insert into sessions (tenant_id, user_id, token_hash, expires_at) values (${a.tenantId}, ${a.userId}, sha256(convert_to('tok', 'UTF8')), now() + interval '1 hour')`,
      );
    });
    const [entry] = (await entriesFor(a.userId)).slice(-1);
    expect(entry!.new_values).toMatchObject({ hashed_password: '[redacted]', two_factor_secret: '[redacted]', two_factor_enabled: true });
    const leaks = await t.db.query(`select count(*)::int as n from audit_logs
       where old_values::text ~ 'SECRET-HASH-VALUE|TOTPSECRETVALUE|secret-hash' or new_values::text ~ 'SECRET-HASH-VALUE|TOTPSECRETVALUE|secret-hash'
          or new_values::text like '%' || encode(sha256(convert_to('tok', 'UTF8')), 'hex') || '%'`);
    expect(leaks[0]!.n).toBe(0);
    const sessionEntry = await t.db.query(`select new_values from audit_logs where resource = 'sessions' order by seq desc limit 1`);
    expect(sessionEntry[0]!.new_values).toMatchObject({ token_hash: '[redacted]' });
  });

  it('skips updates that change only bookkeeping columns', async () => {
    const before = (await entriesFor(a.userId)).length;
    await withTenant(t.db, ctx(), (tx) => tx.execute(sql`update users set login_count = login_count + 1, last_login_at = now() where id = ${a.userId}`));
    expect((await entriesFor(a.userId)).length).toBe(before);
  });

  it('chains every tenant’s entries by hash, in time order within each chain, also under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        withTenant(t.db, ctx(), (tx) => tx.execute(sql`insert into categories (tenant_id, name, slug) values (${a.tenantId}, ${`Cat ${i}`}, ${`cat-${i}`})`)),
      ),
    );
    const entries = await t.db.query<Record<string, any>>(
      `
      select chain, seq, prev_hash, hash, created_at,
             chain_version = 2 as v2,
             hash = mono.audit_entry_hash_v2(prev_hash, tenant_id, seq, id, created_at, user_id, action, resource, resource_id, request_id, values_digest,
                                             mono.audit_erased_form_digest(old_values, new_values)) as hash_ok,
             values_digest = mono.audit_values_hmac(old_values, new_values, ip_address, user_agent) as digest_ok
        from audit_logs where tenant_id = $1 order by chain, seq`,
      [a.tenantId],
    );
    expect(entries.length).toBeGreaterThan(40);
    // Concurrent committers may take different chain heads (decision 51); each chain is whole.
    const heads = await t.db.query<Record<string, any>>(`select chain, last_seq from mono.audit_chain_heads where tenant_id = $1 order by chain`, [a.tenantId]);
    for (const head of heads) {
      const chain = entries.filter((e) => e.chain === head.chain);
      chain.forEach((entry, i) => {
        expect(entry.seq).toBe(i + 1);
        // New entries are chain version 2 (migration 0960): keyed digest, erased form in the hash.
        expect(entry.v2 && entry.hash_ok && entry.digest_ok).toBe(true);
        // time order is chain order: a later link never has an earlier time
        if (i > 0) expect(new Date(entry.created_at).getTime()).toBeGreaterThanOrEqual(new Date(chain[i - 1]!.created_at).getTime());
        if (i === 0) expect(entry.prev_hash).toBeNull();
        else expect(Buffer.from(entry.prev_hash).equals(Buffer.from(chain[i - 1]!.hash))).toBe(true);
      });
      expect(Number(head.last_seq)).toBe(chain.length);
    }
    expect(heads.reduce((n, h) => n + Number(h.last_seq), 0)).toBe(entries.length);
  });

  it('is append-only for the runtime role', async () => {
    for (const statement of [sql`update audit_logs set action = 'forged'`, sql`delete from audit_logs`]) {
      await expect(withTenant(t.db, ctx(), (tx) => tx.execute(statement))).rejects.toMatchObject({ kind: 'forbidden' });
    }
  });
});

describeDb('monthly partitions', (t) => {
  let a: TenantGraph;
  beforeAll(async () => {
    a = await createTenantGraph(t.db, 'parts');
  });
  const partitionOf = async (id: string) =>
    (await t.db.query<{ part: string }>(`select tableoid::regclass::text as part from audit_logs where id = $1`, [id]))[0]?.part;

  it('has this month and the next ones, plus a default partition', async () => {
    const parts = await t.db.query<{ name: string }>(
      `select inhrelid::regclass::text as name from pg_inherits where inhparent = 'audit_logs'::regclass order by 1`,
    );
    const names = parts.map((p) => p.name);
    const now = new Date();
    const month = `${now.getUTCFullYear()}_${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    expect(names).toContain('audit_logs_default');
    expect(names).toContain(`audit_logs_p${month}`);
    expect(names.length).toBeGreaterThanOrEqual(5);
  });

  it('keeps a write for a month without partition, and moves it when the partition is created', async () => {
    const insert = (at: string) =>
      t.db.query<{ id: string }>(
        `
      insert into audit_logs (tenant_id, seq, action, resource, resource_id, values_digest, hash, created_at)
      values ($1, 0, 'create', 'test', 'x', '\\x00', '\\x00', $2) returning id`,
        [a.tenantId, at],
      );
    const [row] = await insert('2031-07-15T12:00:00Z');
    expect(await partitionOf(row!.id)).toBe('audit_logs_default');

    const created = await t.db.query<{ name: string }>(`select mono.ensure_monthly_partitions('audit_logs', 1, '2031-07-01') as name`);
    expect(created.map((c) => c.name)).toEqual(['audit_logs_p2031_07', 'audit_logs_p2031_08']);
    expect(await partitionOf(row!.id)).toBe('audit_logs_p2031_07');

    // idempotent
    const again = await t.db.query(`select mono.ensure_monthly_partitions('audit_logs', 1, '2031-07-01') as name`);
    expect(again).toEqual([]);
    const [policy] = await t.db.query<{ forced: boolean }>(`select relforcerowsecurity as forced from pg_class where relname = 'audit_logs_p2031_07'`);
    expect(policy!.forced).toBe(true);
  });
});
