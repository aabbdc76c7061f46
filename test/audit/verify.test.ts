import { beforeAll, expect, it } from 'vitest';
import { describeCli } from '../helpers/cli';
import { createTenantGraph, type TenantGraph } from '../helpers/graph';

/**
 * `mono audit verify` finds each kind of tampering an owner of the database could do
 * behind the audit trigger's back: a changed entry, a deleted entry, an inserted
 * entry, a forged chain head — and a clean chain verifies.
 */
describeCli('mono audit verify', (t) => {
  const tenants: Record<string, TenantGraph> = {};
  beforeAll(async () => {
    for (const name of ['clean', 'values', 'keys', 'meta', 'deleted', 'head', 'inserted']) tenants[name] = await createTenantGraph(t.db, `verify-${name}`);
  });
  const seqOf = async (tenant: string, n: number) =>
    (await t.db.query<{ id: string }>('select id from audit_logs where tenant_id = $1 and seq = $2', [tenants[tenant]!.tenantId, n]))[0]!.id;
  const verify = (tenant: string) => t.cli(['audit', 'verify', '--tenant', tenants[tenant]!.identifier, '--batch-size', '7']);

  it('passes on untouched chains, in small keyset batches', async () => {
    const result = await t.cli(['audit', 'verify', '--batch-size', '5']);
    expect(result.code, result.text).toBe(0);
    const line = result.out.find((l) => l.includes(tenants.clean!.identifier))!;
    const [count] = await t.db.query<{ n: number }>('select count(*)::int as n from audit_logs where tenant_id = $1', [tenants.clean!.tenantId]);
    expect(line).toMatch(new RegExp(`^ok .*: ${count!.n} entries verified`));
    // The head hash is printed, to be kept elsewhere: a later rewrite of the whole chain shows.
    const [head] = await t.db.query<{ hash: string }>(
      `select encode(last_hash, 'hex') as hash from mono.audit_chain_heads where tenant_id = $1 and chain = 0`,
      [tenants.clean!.tenantId],
    );
    expect(line.endsWith(`, head ${head!.hash}`)).toBe(true);
    expect(result.out.at(-1)).toMatch(/All \d+ audit chain\(s\) verify/);
  });

  it('detects an entry whose values were changed by the owner', async () => {
    // Every value that is not null replaced, the keys kept: only the (keyed) values digest can tell.
    await t.db.query(
      `update audit_logs set new_values = (select jsonb_object_agg(key, case when value = 'null' then value else '"Forged"' end) from jsonb_each(new_values))
        where id = $1`,
      [await seqOf('values', 3)],
    );
    const result = await verify('values');
    expect(result.code).toBe(1);
    expect(result.out.join('\n')).toContain('the values of entry seq 3 were changed after it was written (values digest mismatch');
    expect(result.err.join('\n')).toContain('the audit trail of 1 of 1 tenant(s) is broken');
  });

  it('detects a value added to an entry by its hash (the hash covers the keys of its values)', async () => {
    await t.db.query(`update audit_logs set new_values = new_values || '{"forged": "yes"}', changed_fields = changed_fields || '{forged}' where id = $1`, [
      await seqOf('keys', 2),
    ]);
    const result = await verify('keys');
    expect(result.code).toBe(1);
    expect(result.text).toContain('entry seq 2 was changed after it was written (hash mismatch)');
  });

  it('detects an entry whose metadata was changed (hash mismatch)', async () => {
    await t.db.query(`update audit_logs set action = 'update' where id = $1`, [await seqOf('meta', 4)]);
    const result = await verify('meta');
    expect(result.code).toBe(1);
    expect(result.text).toContain('entry seq 4 was changed after it was written (hash mismatch)');
  });

  it('detects a deleted entry, in the middle and at the end of the chain', async () => {
    await t.db.query('delete from audit_logs where id = $1', [await seqOf('deleted', 9)]);
    let result = await verify('deleted');
    expect(result.code).toBe(1);
    expect(result.text).toContain('entry seq 9 is missing');

    const other = await createTenantGraph(t.db, 'verify-tail');
    const [head] = await t.db.query<{ last_seq: number }>('select last_seq from mono.audit_chain_heads where tenant_id = $1 and chain = 0', [other.tenantId]);
    await t.db.query('delete from audit_logs where tenant_id = $1 and seq >= $2', [other.tenantId, head!.last_seq - 1]);
    result = await t.cli(['audit', 'verify', '--tenant', other.identifier]);
    expect(result.code).toBe(1);
    expect(result.text).toContain(`entries seq ${head!.last_seq - 1} to ${head!.last_seq} are missing`);
  });

  it('detects a forged chain head, and entries appended behind the trigger’s back', async () => {
    await t.db.query(`update mono.audit_chain_heads set last_hash = sha256('forged'::bytea) where tenant_id = $1 and chain = 0`, [tenants.head!.tenantId]);
    let result = await verify('head');
    expect(result.code).toBe(1);
    expect(result.text).toMatch(/the chain head does not match entry seq \d+/);

    // A copy of the last entry appended with the next seq: its own hash is even right,
    // but the head does not know it.
    await t.db.query(
      `insert into audit_logs (tenant_id, seq, action, resource, resource_id, old_values, new_values, changed_fields, values_digest, prev_hash, hash, created_at)
       select tenant_id, seq + 1, action, resource, resource_id, old_values, new_values, changed_fields, values_digest, hash,
              mono.audit_entry_hash(hash, tenant_id, seq + 1, id, created_at, user_id, action, resource, resource_id, request_id, values_digest), created_at
         from audit_logs where tenant_id = $1 order by seq desc limit 1`,
      [tenants.inserted!.tenantId],
    );
    result = await verify('inserted');
    expect(result.code).toBe(1);
    expect(result.text).toMatch(/entries beyond the chain head \(seq (\d+) to \1\)/);
  });

  it('reports every broken tenant and still says which are fine', async () => {
    const result = await t.cli(['audit', 'verify']);
    expect(result.code).toBe(1);
    const broken = result.out.filter((l) => l.startsWith('BROKEN'));
    expect(broken.length).toBeGreaterThanOrEqual(5);
    expect(result.out.some((l) => l.startsWith('ok') && l.includes(tenants.clean!.identifier))).toBe(true);
  });

  it('answers one line for a tenant that does not exist', async () => {
    const result = await t.cli(['audit', 'verify', '--tenant', 'no-such-tenant']);
    expect(result.code).toBe(1);
    expect(result.err).toEqual(['mono: no tenant "no-such-tenant"']);
  });
});
