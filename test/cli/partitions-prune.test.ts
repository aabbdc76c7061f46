import { createHash, createHmac } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '../../src/core/ids';
import { withTenant } from '../../src/db/tenant-context';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';
import { describeCli } from '../helpers/cli';
import { ctxFor } from '../helpers/context';

/**
 * `mono partitions prune`: old partitions are exported, read back and checked before
 * they are dropped; a failed export drops nothing; the audit chain verifies afterwards
 * from the anchor the prune recorded.
 */
describeCli('mono partitions prune', (t) => {
  const tenantId = newId();
  const userId = newId();
  const identifier = `prune-${tenantId.slice(-8)}`;
  const HISTORY = 40;
  let dir: string;

  const exists = async (name: string) => (await t.db.query<{ ok: boolean }>('select to_regclass($1) is not null as ok', [name]))[0]!.ok;
  const count = async (table: string) => Number((await t.db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mono-prune-'));
    await t.db.query(`select mono.ensure_monthly_partitions('audit_logs', 1, '2024-01-01')`);
    await t.db.query(`select mono.ensure_monthly_partitions('activities', 1, '2024-01-01')`);
    // A tenant with two years of history: a correctly chained audit trail in January and
    // February 2024 (what the trigger would have written then), and activity rows.
    await t.db.exec(`
      do $$
      declare
        prev bytea;
        entry_id uuid;
        at timestamptz;
        digest bytea;
        h bytea;
      begin
        insert into tenants (id, identifier, name, status) values ('${tenantId}', '${identifier}', 'Prune', 'ACTIVE');
        for i in 1 .. ${HISTORY} loop
          entry_id := mono.uuid_v7();
          at := timestamptz '2024-01-20 10:00:00+00' + i * interval '1 day';
          digest := mono.audit_values_digest('{"n": 0}', jsonb_build_object('n', i), '192.0.2.1', 'old-agent');
          h := mono.audit_entry_hash(prev, '${tenantId}', i, entry_id, at, null, 'update', 'accounts', 'legacy', 'req-' || i, digest);
          insert into audit_logs (id, tenant_id, seq, action, resource, resource_id, old_values, new_values, ip_address, user_agent,
                                  request_id, values_digest, prev_hash, hash, created_at)
          values (entry_id, '${tenantId}', i, 'update', 'accounts', 'legacy', '{"n": 0}', jsonb_build_object('n', i), '192.0.2.1',
                  'old-agent', 'req-' || i, digest, prev, h, at);
          prev := h;
        end loop;
        insert into mono.audit_chain_heads (tenant_id, last_seq, last_hash) values ('${tenantId}', ${HISTORY}, prev);
        insert into users (tenant_id, id, email) values ('${tenantId}', '${userId}', 'someone@prune.test');
        insert into activities (tenant_id, user_id, type, target, target_id, created_at)
        select '${tenantId}', '${userId}', 'view', 'contents', 'c' || g, timestamptz '2024-01-05 00:00:00+00' + g * interval '1 hour'
          from generate_series(1, 25) g;
      end $$`);
    // …and it goes on today, through the trigger.
    await withTenant(t.db, ctxFor(tenantId, userId), (tx) => tx.execute(sql`update users set username = 'someone' where id = ${userId}`));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists what it would prune with --dry-run, and drops nothing', async () => {
    const result = await t.cli(['partitions', 'prune', '--keep-months', '3', '--dry-run']);
    expect(result.code, result.text).toBe(0);
    expect(result.out).toEqual(
      expect.arrayContaining([
        'would prune audit_logs_p2024_01 (2024-01-01 to 2024-02-01)',
        'would prune audit_logs_p2024_02 (2024-02-01 to 2024-03-01)',
        'would prune activities_p2024_01 (2024-01-01 to 2024-02-01)',
      ]),
    );
    expect(await exists('audit_logs_p2024_01')).toBe(true);
  });

  it('drops nothing when the export cannot be written', async () => {
    const notADirectory = join(dir, 'a-file');
    writeFileSync(notADirectory, 'x');
    const result = await t.cli(['partitions', 'prune', '--keep-months', '3', '--out', join(notADirectory, 'archive')]);
    expect(result.code).toBe(1);
    expect(result.err).toEqual([expect.stringMatching(/^mono: cannot create the export directory .*; nothing was dropped$/)]);
    expect(await count('audit_logs_p2024_01')).toBe(11);
    expect(await count('audit_logs_p2024_02')).toBe(HISTORY - 11);
    expect(await count('activities_p2024_01')).toBe(25);
  });

  it('keeps a partition whose export fails midway, and every partition after it', async () => {
    const out = join(dir, 'archive');
    // Something in the way of the second audit partition's export file.
    mkdirSync(join(out, 'audit_logs_p2024_02.ndjson.gz.partial', 'blocker'), { recursive: true });
    const result = await t.cli(['partitions', 'prune', '--keep-months', '3', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.err.at(-1)).toMatch(
      /^mono: exporting audit_logs_p2024_02 failed: .*; audit_logs_p2024_02 and every later partition were kept \(1 pruned before\)$/,
    );
    expect(await exists('audit_logs_p2024_01')).toBe(false);
    expect(await count('audit_logs_p2024_02')).toBe(HISTORY - 11);
    expect(await count('activities_p2024_01')).toBe(25);
    const [head] = await t.db.query<{ anchor_seq: number }>('select anchor_seq from mono.audit_chain_heads where tenant_id = $1 and chain = 0', [tenantId]);
    expect(Number(head!.anchor_seq)).toBe(11);
    rmSync(join(out, 'audit_logs_p2024_02.ndjson.gz.partial'), { recursive: true });
  });

  it('exports, checks and drops the rest; the files hold every row with a manifest that checks out', async () => {
    const out = join(dir, 'archive');
    const result = await t.cli(['partitions', 'prune', '--keep-months', '3', '--out', out]);
    expect(result.code, result.text).toBe(0);
    expect(result.out.at(-1)).toMatch(/^Pruned 3 partition\(s\) ending before \d{4}-\d\d-01; exports in /);
    for (const name of ['audit_logs_p2024_02', 'activities_p2024_01', 'activities_p2024_02']) expect(await exists(name)).toBe(false);

    let exported = 0;
    for (const name of ['audit_logs_p2024_01', 'audit_logs_p2024_02']) {
      const manifest = JSON.parse(readFileSync(join(out, `${name}.manifest.json`), 'utf8'));
      const file = readFileSync(join(out, manifest.file));
      expect(createHash('sha256').update(file).digest('hex')).toBe(manifest.sha256);
      const lines = gunzipSync(file)
        .toString('utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.length).toBe(manifest.rows);
      expect(lines.every((l) => l.tenant_id === tenantId && typeof l.hash === 'string')).toBe(true);
      exported += lines.length;
      expect(manifest.anchors).toEqual([
        { tenantId, chain: 0, seq: Math.max(...lines.map((l) => Number(l.seq))), hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      ]);
    }
    expect(exported).toBe(HISTORY);
    expect(existsSync(join(out, 'activities_p2024_01.ndjson.gz'))).toBe(true);
    const recorded = await t.db.query<{ partition_name: string; row_count: number }>('select partition_name, row_count from mono.pruned_partitions order by 1');
    expect(recorded.map((r) => [r.partition_name, Number(r.row_count)])).toEqual([
      ['activities_p2024_01', 25],
      ['activities_p2024_02', 0],
      ['audit_logs_p2024_01', 11],
      ['audit_logs_p2024_02', HISTORY - 11],
    ]);
  });

  it('leaves a chain that verifies from its anchor, and that still catches tampering after it', async () => {
    let result = await t.cli(['audit', 'verify', '--tenant', identifier]);
    expect(result.code, result.text).toBe(0);
    expect(result.out[0]).toMatch(new RegExp(`^ok .*: \\d+ entries verified \\(seq ${HISTORY + 1}–\\d+, after pruned entries up to ${HISTORY}\\)`));
    await t.db.query(`update audit_logs set request_id = 'forged' where tenant_id = $1 and seq = $2`, [tenantId, HISTORY + 1]);
    result = await t.cli(['audit', 'verify', '--tenant', identifier]);
    expect(result.code).toBe(1);
    expect(result.text).toContain(`entry seq ${HISTORY + 1} was changed after it was written (hash mismatch)`);
  });

  it('carries an erasure made after the export into the archive with the next prune, once', async () => {
    const out = join(dir, 'archive');
    const erased = await t.cli(['user', 'erase', '--tenant', identifier, '--user', userId]);
    expect(erased.code, erased.text).toBe(0);
    const result = await t.cli(['partitions', 'prune', '--keep-months', '3', '--out', out]);
    expect(result.code, result.text).toBe(0);
    expect(result.out[0]).toMatch(/^Nothing to prune/);
    const [carried] = result.out
      .slice(1)
      .map((line) => line.match(/^Carried 1 erasure\(s\) since the last prune into the archive: (.*erasures-\d{8}T\d{6}Z\.ndjson)\.$/)?.[1]);
    expect(carried, result.text).toBeDefined();
    const lines = readFileSync(carried!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      {
        tenantId,
        userId,
        erasedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        resources: expect.arrayContaining([`users:${userId}`]),
        valueMacs: expect.arrayContaining([createHmac('sha256', TEST_AUDIT_KEY).update('someone@prune.test').digest('hex')]),
      },
    ]);
    // The address itself is nowhere in the file; only its HMAC under the audit key.
    expect(readFileSync(carried!, 'utf8')).not.toContain('someone@prune.test');
    const [logged] = await t.db.query<{ carried_in: string }>('select carried_in from mono.erasure_log where tenant_id = $1 and user_id = $2', [
      tenantId,
      userId,
    ]);
    expect(logged!.carried_in).toBe(carried!.split('/').pop());
    const again = await t.cli(['partitions', 'prune', '--keep-months', '3', '--out', out]);
    expect(again.code, again.text).toBe(0);
    expect(again.out).toEqual([expect.stringMatching(/^Nothing to prune/)]);
  }, 120_000);

  it('applies the events retention too (--events-days; EVENTS_RETENTION_DAYS otherwise): drops old event months, without an export', async () => {
    await t.db.query(`select mono.ensure_monthly_partitions('events', 0, '2024-01-01')`);
    await t.db.query(`insert into events (tenant_id, type, resource_type, occurred_at) values ($1, 'user.updated', 'user', '2024-01-15T00:00:00Z')`, [
      tenantId,
    ]);
    const dry = await t.cli(['partitions', 'prune', '--keep-months', '3', '--events-days', '30', '--dry-run']);
    expect(dry.code, dry.text).toBe(0);
    expect(dry.out).toContain('would prune events_p2024_01 (2024-01-01 to 2024-02-01)');
    expect(dry.out.at(-1)).toMatch(/^Events: 1 partition\(s\) end before \d{4}-[^;]*; 0 event\(s\) in events_default and 0 webhook deliveries are older\.$/);
    expect(await exists('events_p2024_01')).toBe(true);
    const out = join(dir, 'archive');
    const result = await t.cli(['partitions', 'prune', '--keep-months', '3', '--out', out], { EVENTS_RETENTION_DAYS: '30' });
    expect(result.code, result.text).toBe(0);
    expect(result.out[0]).toMatch(
      /^Events older than \S+: dropped 1 partition\(s\) \(events_p2024_01\), deleted 0 event\(s\) from events_default and 0 webhook deliveries with their attempts\.$/,
    );
    expect(result.out[1]).toMatch(/^Nothing to prune/);
    expect(await exists('events_p2024_01')).toBe(false);
    expect(existsSync(join(out, 'events_p2024_01.ndjson.gz'))).toBe(false);
    const refused = await t.cli(['partitions', 'prune', '--keep-months', '3', '--events-days', '0']);
    expect(refused.code).not.toBe(0);
    expect(refused.text).toContain('--events-days must be a whole number ≥ 1');
  });
});
