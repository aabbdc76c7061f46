import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/core/context';
import { withPlatform } from '../../src/db/tenant-context';
import { verifyTenantChains } from '../../src/modules/audit';
import { createStorage, type ObjectStorage } from '../../src/modules/media';
import { EXCLUDED_TENANT_TABLES, exportTenant, GLOBAL_TABLES, importTenant, TenantDumpError, tenantDumpPlan } from '../../src/modules/transfer';
import { describeDb, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createTenantGraph, ensureTestPermission, type TenantGraph } from '../helpers/graph';

const localStorage = (dir: string): ObjectStorage =>
  createStorage({
    dataDir: dir,
    storage: { driver: 'local', s3: { bucket: undefined, region: 'x', endpoint: undefined, accessKeyId: undefined, secretAccessKey: undefined } },
  });

async function streamText(storage: ObjectStorage, key: string): Promise<Buffer | null> {
  const body = await storage.get(key);
  if (!body) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * `mono tenant export` / `mono tenant import` (decision 63): a tenant leaves one database
 * and arrives in another exactly as it was — every row, file and audit entry — and a dump
 * that was changed, or a tenant that exists already, is refused with nothing written.
 */
describeDb('tenant dump', (t) => {
  let target: TestDatabase;
  let work: string;
  let source: { storage: ObjectStorage; dir: string };
  let dest: { storage: ObjectStorage; dir: string };
  let graph: TenantGraph;
  const bytes = Buffer.from('%PDF-1.4 exported bytes\n');
  const sha = createHash('sha256').update(bytes).digest('hex');

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'mono-tenant-dump-'));
    source = { dir: join(work, 'src'), storage: localStorage(join(work, 'src')) };
    dest = { dir: join(work, 'dst'), storage: localStorage(join(work, 'dst')) };
    target = await openTestDatabase(t.engine);
    graph = await createTenantGraph(t.db, 'dump');
    await createTenantGraph(t.db, 'dump-other'); // another tenant that must stay behind
    // a stored file behind the graph's media row, and a thumbnail
    const key = `media/${graph.tenantId}/${sha.slice(0, 2)}/${sha}`;
    // (the media guard refuses changing a file's bytes: set them as an upload would have)
    await t.db.exec(
      `begin; set local session_replication_role = replica;
       update media_files set storage_key = '${key}', content_hash = '${sha}' where tenant_id = '${graph.tenantId}'; commit`,
    );
    await source.storage.put(key, Readable.from([bytes]), { size: bytes.length, sha256: sha });
    await source.storage.put(`${key}.thumb.webp`, Readable.from([Buffer.from('thumb')]), { size: 5 });
    // the graph's ready personal data export
    await source.storage.put(`exports/${graph.tenantId}/graph.zip`, Readable.from([Buffer.from('PK archive of 22 bytes')]), { size: 22 });
  }, 60_000);
  afterAll(async () => {
    await target?.close();
    await rm(work, { recursive: true, force: true });
  });

  const deps = () => ({ db: t.db, storage: source.storage });
  const into = () => ({ db: target, storage: dest.storage });
  const dumpDir = (name: string) => join(work, name);

  it('dumps every table with a tenant_id, and names a reason for every other table', async () => {
    const plan = await tenantDumpPlan(t.db);
    const dumped = new Set(plan.tables.map((table) => table.name));
    const all = await t.db.query<{ name: string; tenant_owned: boolean }>(
      `select c.oid::regclass::text as name, exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id') as tenant_owned
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('public', 'mono') and c.relkind in ('r', 'p') and not c.relispartition`,
    );
    const unaccounted = all.filter((table) => !dumped.has(table.name) && !GLOBAL_TABLES[table.name] && !EXCLUDED_TENANT_TABLES[table.name]);
    expect(unaccounted.map((table) => table.name)).toEqual([]);
    expect(all.filter((table) => table.tenant_owned && !dumped.has(table.name)).map((table) => table.name)).toEqual(Object.keys(EXCLUDED_TENANT_TABLES));
    expect(plan.tables[0]!.name).toBe('tenants');
    // parents before children: every dumped foreign key points backwards
    const position = new Map(plan.tables.map((table, i) => [table.name, i]));
    for (const fk of plan.foreignKeys.filter((f) => f.parent !== f.child && position.has(f.parent))) {
      expect(position.get(fk.parent)!, `${fk.child} → ${fk.parent}`).toBeLessThan(position.get(fk.child)!);
    }
  });

  it('round trip: every row, file and audit entry arrives unchanged, the chain verifies and goes on', async () => {
    const dir = dumpDir('round-trip');
    const summary = await exportTenant(deps(), graph.identifier, dir, { batchSize: 3 });
    expect(summary.files).toBe(3);
    await ensureTestPermission(target); // the graph grants a test permission; its id differs here
    const restored = await importTenant(into(), dir, { batchSize: 2 });
    expect(restored.rows).toBe(summary.rows);

    const plan = await tenantDumpPlan(t.db);
    for (const table of plan.tables) {
      // permission ids differ between installations: compare the grants by permission name
      const named = table.globalRefs.some((r) => r.table === 'permissions');
      const rowsOf = (db: TestDatabase) =>
        db.query<{ row: string }>(
          `select (to_jsonb(x) ${named ? `- 'permission_id' || jsonb_build_object('permission', (select name from permissions p where p.id = x.permission_id))` : ''}
                   ${table.name === 'events' ? `- 'txid'` : ''})::text as row
             from ${table.name} x where ${table.name === 'tenants' ? 'id' : 'tenant_id'} = $1 order by 1`,
          [graph.tenantId],
        );
      const before = await rowsOf(t.db);
      expect(await rowsOf(target), table.name).toEqual(before);
      if (['users', 'audit_logs', 'tenants', 'mono.audit_chain_heads', 'role_permissions', 'media_files'].includes(table.name)) {
        expect(before.length, table.name).toBeGreaterThan(0);
      }
    }
    // the event feed keeps its order
    const feed = (db: TestDatabase) => db.query('select id from events where tenant_id = $1 order by txid, id', [graph.tenantId]);
    expect(await feed(target)).toEqual(await feed(t.db));
    // the other tenant stayed behind
    expect(await target.query('select identifier from tenants where identifier like $1', ['dump-other%'])).toEqual([]);
    // the files, byte for byte
    const [media] = await target.query<{ storage_key: string }>('select storage_key from media_files where tenant_id = $1', [graph.tenantId]);
    expect(await streamText(dest.storage, media!.storage_key)).toEqual(bytes);
    expect(String(await streamText(dest.storage, `${media!.storage_key}.thumb.webp`))).toBe('thumb');
    expect(String(await streamText(dest.storage, `exports/${graph.tenantId}/graph.zip`))).toBe('PK archive of 22 bytes');

    // the chain verifies, and the next change continues it (no trigger re-fired on restore)
    const tenant = { id: graph.tenantId, identifier: graph.identifier };
    const chains = async (db: TestDatabase) => {
      const reports = await verifyTenantChains(db, tenant);
      for (const r of reports) expect(r.ok, `chain ${r.chain}: ${r.problem?.message}`).toBe(true);
      return { checked: reports.reduce((n, r) => n + r.checked, 0), heads: reports.map((r) => `${r.chain}:${r.headSeq}`) };
    };
    const report = await chains(target);
    expect(report).toEqual(await chains(t.db));
    await withPlatform(target, systemContext(graph.tenantId, 'test'), (tx) =>
      tx.execute(sql`update users set username = 'moved' where tenant_id = ${graph.tenantId} and id = ${graph.userId}`),
    );
    const after = await chains(target);
    expect(after.checked).toBe(report.checked + 1);
  });

  it('refuses a tenant that exists already, and writes nothing', async () => {
    const dir = dumpDir('round-trip');
    const count = async () => (await target.query<{ n: number }>('select count(*)::int as n from audit_logs'))[0]!.n;
    const before = await count();
    await expect(importTenant(into(), dir)).rejects.toThrow(/already exists here/);
    expect(await count()).toBe(before);
  });

  describe('a changed dump', () => {
    let dir: string;
    // an installation without the tenant: the refusals are about the dump
    let db: TestDatabase;
    beforeAll(async () => {
      dir = dumpDir('changed');
      await exportTenant(deps(), graph.tenantId, dir);
      db = await openTestDatabase(t.engine);
      await ensureTestPermission(db);
    }, 60_000);
    afterAll(async () => db?.close());

    it('is refused when a row file was edited (checksum), with nothing written', async () => {
      const copy = dumpDir('edited');
      await rm(copy, { recursive: true, force: true });
      await import('node:fs/promises').then((fs) => fs.cp(dir, copy, { recursive: true }));
      const manifest = JSON.parse(await readFile(join(copy, 'manifest.json'), 'utf8')) as { tables: { table: string; file: string }[] };
      const users = manifest.tables.find((x) => x.table === 'users')!;
      const text = await readFile(join(copy, users.file), 'utf8');
      await writeFile(join(copy, users.file), text.replace('owner@', 'admin@'));
      {
        const error = await importTenant({ db, storage: dest.storage }, copy).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(TenantDumpError);
        expect(String(error)).toMatch(/users\.ndjson does not match its checksum/);
        expect(await db.query('select id from tenants where id = $1', [graph.tenantId])).toEqual([]);
      }
    });

    it('is refused, all or nothing, when its rows do not hold together even with matching checksums', async () => {
      const copy = dumpDir('dangling');
      await rm(copy, { recursive: true, force: true });
      await import('node:fs/promises').then((fs) => fs.cp(dir, copy, { recursive: true }));
      const path = join(copy, 'manifest.json');
      const manifest = JSON.parse(await readFile(path, 'utf8')) as { tables: { table: string; file: string; sha256: string; bytes: number; rows: number }[] };
      // a listing whose account is not in the dump, with the manifest "fixed" to match
      const listings = manifest.tables.find((x) => x.table === 'listings')!;
      const line = JSON.parse((await readFile(join(copy, listings.file), 'utf8')).split('\n')[0]!) as Record<string, unknown>;
      await appendFile(
        join(copy, listings.file),
        `${JSON.stringify({ ...line, id: '01890000-0000-7000-8000-000000000001', account_id: '01890000-0000-7000-8000-00000000abcd' })}\n`,
      );
      const content = await readFile(join(copy, listings.file));
      Object.assign(listings, { rows: listings.rows + 1, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') });
      await writeFile(path, JSON.stringify(manifest));
      await expect(importTenant({ db, storage: dest.storage }, copy)).rejects.toThrow(/reference a missing accounts row/);
      expect(await db.query('select id from tenants where id = $1', [graph.tenantId])).toEqual([]);
      expect(await db.query('select id from audit_logs where tenant_id = $1 limit 1', [graph.tenantId])).toEqual([]);
    });
  });
});
