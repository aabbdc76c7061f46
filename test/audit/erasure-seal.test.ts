import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';
import { describeCli } from '../helpers/cli';
import { createTenantGraph, type TenantGraph } from '../helpers/graph';

interface Entry {
  id: string;
  seq: number;
  chain_version: number;
  old_values: Record<string, unknown> | null;
  new_values: Record<string, unknown> | null;
  values_digest: Uint8Array;
  ip_address: string | null;
  user_agent: string | null;
  erased_at: Date | null;
}

const json = (value: unknown) => (value === null ? null : JSON.stringify(value));

/**
 * Erasure is covered by the audit chain (migration 0960): an erased entry is sealed under
 * the installation's audit key (its hash, erased_at and the values it keeps), the hash of
 * a version 2 entry covers what erasure may leave of it, and its values digest is an HMAC,
 * so it confirms no guess without the key. Whoever writes audit_logs directly (the
 * database owner) cannot mark entries erased, move erased_at, or edit what erasure left.
 */
describeCli('audit erasure seal', (t) => {
  const tenants: Record<string, TenantGraph> = {};
  const names = ['clean', 'moved', 'edited', 'marked', 'unmarked', 'digest', 'legacy'];
  /** The `users` create entry of the erased person, as it was before the erasure. */
  const before: Record<string, Entry> = {};

  const entriesOf = (tenant: string, where = 'true') =>
    t.db.query<Entry>(
      `select id, seq, chain_version, old_values, new_values, values_digest, ip_address, user_agent, erased_at from audit_logs where tenant_id = $1 and ${where} order by chain, seq`,
      [tenants[tenant]!.tenantId],
    );
  const userCreate = async (tenant: string) =>
    (await entriesOf(tenant, `resource = 'users' and action = 'create' and resource_id = '${tenants[tenant]!.otherUserId}'`))[0]!;
  const verify = (tenant: string) => t.cli(['audit', 'verify', '--tenant', tenants[tenant]!.identifier]);
  const erase = async (tenant: string) => {
    const result = await t.cli(['user', 'erase', '--tenant', tenants[tenant]!.identifier, '--user', tenants[tenant]!.otherUserId]);
    expect(result.code, result.text).toBe(0);
  };

  beforeAll(async () => {
    for (const name of names) {
      tenants[name] = await createTenantGraph(t.db, `seal-${name}`);
      before[name] = await userCreate(name);
    }
    for (const name of names.filter((n) => n !== 'marked' && n !== 'legacy')) await erase(name);
  }, 120_000);

  it('writes version 2 entries, and an erased one is sealed and still verifies', async () => {
    const entries = await entriesOf('clean');
    expect(entries.every((e) => e.chain_version === 2)).toBe(true);
    const erased = await userCreate('clean');
    expect(erased.erased_at).not.toBeNull();
    expect(erased.new_values!.email).toBe('[erased]');
    const [sealed] = await t.db.query<{ n: number }>(
      'select count(*)::int as n from audit_logs where tenant_id = $1 and erased_at is not null and erasure_seal is null',
      [tenants.clean!.tenantId],
    );
    expect(sealed!.n).toBe(0);
    const result = await verify('clean');
    expect(result.code, result.text).toBe(0);
  });

  it('detects an erased_at that was moved', async () => {
    const { id, seq } = await userCreate('moved');
    await t.db.query(`update audit_logs set erased_at = erased_at - interval '1 day' where id = $1`, [id]);
    const result = await verify('moved');
    expect(result.code).toBe(1);
    expect(result.text).toContain(`entry seq ${seq} is marked erased, but not by Mono: its erasure seal does not match its erased_at and values`);
  });

  it('detects values written into an erased entry (same keys)', async () => {
    const { id, seq } = await userCreate('edited');
    await t.db.query(`update audit_logs set new_values = jsonb_set(new_values, '{email}', '"someone.else@example.org"') where id = $1`, [id]);
    const result = await verify('edited');
    expect(result.code).toBe(1);
    expect(result.text).toContain(`entry seq ${seq} is marked erased, but not by Mono`);
  });

  it('detects an entry marked erased without the key (the values blanked as erasure would)', async () => {
    const { id, seq } = await userCreate('marked');
    await t.db.query(
      `update audit_logs set erased_at = now(), ip_address = null, user_agent = null,
              old_values = mono.audit_erase_values(old_values), new_values = mono.audit_erase_values(new_values)
        where id = $1`,
      [id],
    );
    const result = await verify('marked');
    expect(result.code).toBe(1);
    expect(result.text).toContain(`entry seq ${seq} is marked erased, but not by Mono`);
  });

  it('detects an erased entry whose erased_at was removed', async () => {
    const { id, seq } = await userCreate('unmarked');
    await t.db.query('update audit_logs set erased_at = null where id = $1', [id]);
    const result = await verify('unmarked');
    expect(result.code).toBe(1);
    expect(result.text).toContain(`the values of entry seq ${seq} were changed after it was written (values digest mismatch`);
  });

  it('detects a changed digest of an erased entry', async () => {
    const { id, seq } = await userCreate('digest');
    await t.db.query(`update audit_logs set values_digest = sha256('guess'::bytea) where id = $1`, [id]);
    const result = await verify('digest');
    expect(result.code).toBe(1);
    expect(result.text).toContain(`entry seq ${seq} was changed after it was written (hash mismatch)`);
  });

  it('an erased entry confirms no guessed e-mail address without the key', async () => {
    const original = before.clean!;
    const erased = await userCreate('clean');
    const digest = Buffer.from(erased.values_digest);
    expect(digest.equals(Buffer.from(original.values_digest))).toBe(true);
    // The guess is right: these are exactly the values the entry was written with.
    const [input] = await t.db.query<{ text: string }>(
      `select coalesce($1::jsonb::text, '') || E'\\x1f' || coalesce($2::jsonb::text, '') || E'\\x1f' || coalesce($3, '') || E'\\x1f' || coalesce($4, '') as text`,
      [json(original.old_values), json(original.new_values), original.ip_address, original.user_agent],
    );
    expect(JSON.stringify(original.new_values)).toContain(`other@${tenants.clean!.identifier}.test`);
    // Unkeyed, or under any other key, the right guess does not match…
    expect(createHash('sha256').update(input!.text).digest().equals(digest)).toBe(false);
    expect(createHmac('sha256', Buffer.alloc(32, 12)).update(input!.text).digest().equals(digest)).toBe(false);
    const [unkeyed] = await t.db.query<{ d: Uint8Array }>('select mono.audit_values_digest($1::jsonb, $2::jsonb, $3, $4) as d', [
      json(original.old_values),
      json(original.new_values),
      original.ip_address,
      original.user_agent,
    ]);
    expect(Buffer.from(unkeyed!.d).equals(digest)).toBe(false);
    // …only under the installation's key (which is what verification uses).
    expect(createHmac('sha256', TEST_AUDIT_KEY).update(input!.text).digest().equals(digest)).toBe(true);
  });

  describe('entries written before migration 0960 (chain version 1)', () => {
    it('still verify, and an erasure of theirs from before the migration is sealed by it', async () => {
      const tenantId = tenants.legacy!.tenantId;
      // Rewrite the tenant's chains as the version 1 trigger wrote them (unkeyed digest, v1 hash).
      await t.db.query(
        `do $$
         declare e record; prev bytea; cur smallint := -1; h bytea;
         begin
           for e in select * from audit_logs where tenant_id = '${tenantId}' order by chain, seq loop
             if e.chain <> cur then prev := null; cur := e.chain; end if;
             h := mono.audit_entry_hash(prev, e.tenant_id, e.seq, e.id, e.created_at, e.user_id, e.action, e.resource, e.resource_id, e.request_id,
                                        mono.audit_values_digest(e.old_values, e.new_values, e.ip_address, e.user_agent));
             update audit_logs set chain_version = 1, values_digest = mono.audit_values_digest(e.old_values, e.new_values, e.ip_address, e.user_agent),
                                   prev_hash = prev, hash = h
              where tenant_id = e.tenant_id and id = e.id;
             update mono.audit_chain_heads set last_hash = h where tenant_id = e.tenant_id and chain = e.chain;
             prev := h;
           end loop;
         end $$`,
      );
      let result = await verify('legacy');
      expect(result.code, result.text).toBe(0);

      // Erased by the old erasure (no seal), then migrated: 0960 seals it as it is.
      const { id } = await userCreate('legacy');
      await t.db.query(
        `update audit_logs set erased_at = now(), ip_address = null, user_agent = null,
                old_values = mono.audit_erase_values(old_values), new_values = mono.audit_erase_values(new_values)
          where id = $1`,
        [id],
      );
      result = await verify('legacy');
      expect(result.code).toBe(1);
      const migration = readFileSync(new URL('../../src/db/migrations/0960_audit_erasure_seal.sql', import.meta.url), 'utf8');
      const sealing = migration.slice(migration.lastIndexOf('update audit_logs'));
      await t.db.exec(sealing);
      result = await verify('legacy');
      expect(result.code, result.text).toBe(0);

      // And an erasure now reaches them like any other entry.
      await erase('legacy');
      result = await verify('legacy');
      expect(result.code, result.text).toBe(0);
      expect((await entriesOf('legacy', 'erased_at is not null')).length).toBeGreaterThan(1);
    }, 180_000);
  });
});
