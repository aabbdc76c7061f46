import { pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash as argon2Hash } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemContext } from '../../src/core/context';
import { createErasureService } from '../../src/modules/audit';
import { type ImportOptions, type Refusal, runImport } from '../../src/modules/import';
import { outboxMailer } from '../../src/modules/mail';
import { createStorage } from '../../src/modules/media';
import { createTestTenant, describeHttp, type HttpFixture, lastMail, login, type TestTenant } from '../helpers/http';
import { importQueries } from './queries';

const ndjson = (rows: unknown[]) => `${rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n')}\n`;
const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');
const ab64 = (b: Buffer) => b64(b).replace(/\+/g, '.');

/** One hash of every accepted legacy format, each of its own password. */
async function legacyHashes(): Promise<{ scheme: string; password: string; hash: string }[]> {
  const pw = (scheme: string) => `Old-${scheme}-secret`;
  const salt = randomBytes(16);
  const bcryptHash = (p: string) => bcrypt.hashSync(p, 4);
  return [
    { scheme: 'bcrypt-2a', password: pw('2a'), hash: bcryptHash(pw('2a')).replace(/^\$2b\$/, '$2a$') },
    { scheme: 'bcrypt-2b', password: pw('2b'), hash: bcryptHash(pw('2b')) },
    { scheme: 'bcrypt-2y', password: pw('2y'), hash: bcryptHash(pw('2y')).replace(/^\$2b\$/, '$2y$') },
    {
      scheme: 'scrypt',
      password: pw('scrypt'),
      hash: `$scrypt$ln=10,r=8,p=1$${b64(salt)}$${b64(scryptSync(pw('scrypt'), salt, 32, { N: 1024, r: 8, p: 1 }))}`,
    },
    {
      scheme: 'pbkdf2-sha256',
      password: pw('p256'),
      hash: `$pbkdf2-sha256$1000$${ab64(salt)}$${ab64(pbkdf2Sync(pw('p256'), salt, 1000, 32, 'sha256'))}`,
    },
    {
      scheme: 'pbkdf2-sha512',
      password: pw('p512'),
      hash: `$pbkdf2-sha512$1000$${ab64(salt)}$${ab64(pbkdf2Sync(pw('p512'), salt, 1000, 64, 'sha512'))}`,
    },
    {
      scheme: 'django',
      password: pw('django'),
      hash: `pbkdf2_sha256$1000$saltsalt$${pbkdf2Sync(pw('django'), 'saltsalt', 1000, 32, 'sha256').toString('base64')}`,
    },
    { scheme: 'argon2i', password: pw('a2i'), hash: await argon2Hash(pw('a2i'), { algorithm: 1, memoryCost: 1024, timeCost: 1 }) },
    { scheme: 'argon2d', password: pw('a2d'), hash: await argon2Hash(pw('a2d'), { algorithm: 0, memoryCost: 1024, timeCost: 1 }) },
    { scheme: 'argon2id', password: pw('a2id'), hash: await argon2Hash(pw('a2id'), { algorithm: 2, memoryCost: 1024, timeCost: 1 }) },
  ];
}

describeHttp('mono import', (t: HttpFixture) => {
  let tenant: TestTenant;
  let dir: string;
  let refused: (Refusal & { file: string })[];
  let hashes: Awaited<ReturnType<typeof legacyHashes>>;
  const { q, count, mapped } = importQueries(t, () => tenant.id);
  const run = (options: Partial<ImportOptions> = {}) => {
    refused = [];
    return runImport(
      { db: t.db, config: t.config, mailer: outboxMailer() },
      { tenantId: tenant.id, dir, batchSize: 4, onRefused: (file, r) => void refused.push({ file, ...r }), ...options },
    );
  };

  function writeFiles(version: 1 | 2) {
    writeFileSync(
      join(dir, 'users.ndjson'),
      ndjson([
        { externalId: 'u1', email: 'Ann@Example.com', displayName: version === 1 ? 'Ann' : 'Ann Smith', skills: ['piano'], emailVerified: true },
        { externalId: 'u2', email: 'ben@example.com', displayName: 'Ben', username: 'ben_b' },
        { externalId: 'u3', email: 'not-an-address', displayName: '' },
        'this is not JSON',
        '',
        { externalId: 'u4', email: 'ann@example.com', displayName: 'Ann twice' },
        { externalId: 'u5', email: 'cy@example.com', displayName: 'Cy', roles: ['no-such-role'] },
        { externalId: 'u6', email: 'dee@example.com', displayName: 'Dee', passwordHash: 'plaintext' },
        ...hashes.map((h) => ({ externalId: `h-${h.scheme}`, email: `${h.scheme}@example.com`, displayName: h.scheme, passwordHash: h.hash })),
      ]),
    );
    writeFileSync(
      join(dir, 'accounts.ndjson'),
      ndjson([
        {
          externalId: 'a1',
          identifier: 'ann-studio',
          name: version === 1 ? 'Ann Studio' : 'Ann’s Studio',
          type: 'AGENCY',
          owner: 'u1',
          limits: { maxMembers: 10 },
        },
        { externalId: 'a2', identifier: 'ghost', name: 'Ghost', type: 'VENDOR', owner: 'nobody' },
        { externalId: 'a3', identifier: 'pro-shop', name: 'Pro Shop', type: 'VENDOR', plan: 'pro', owner: 'u2' },
      ]),
    );
    writeFileSync(join(dir, 'memberships.csv'), 'account,user,role\na1,u2,member\na1,h-scrypt,viewer\na1,h-django,member\na9,u1,member\n');
    writeFileSync(join(dir, 'categories.csv'), 'externalId,name,parent,position\nc2,"Piano, lessons",c1,2\nc1,Music,,1\nc3,Orphan,c404,\nc5,Music,,\n');
    const listing = (n: number, extra: Record<string, unknown>) => ({
      externalId: `l${n}`,
      account: 'a1',
      user: 'u1',
      type: 'SERVICE',
      title: `Lesson ${n}`,
      description: 'One hour',
      priceType: 'HOURLY',
      price: '40.00',
      currency: 'EUR',
      ...extra,
    });
    writeFileSync(
      join(dir, 'listings.ndjson'),
      ndjson([
        listing(1, { status: 'ACTIVE', title: version === 1 ? 'Lesson 1' : 'Lesson one' }),
        listing(2, { status: 'ACTIVE' }),
        listing(3, { status: 'ACTIVE' }),
        listing(4, { status: 'ACTIVE' }), // the free plan allows 3 active listings
        listing(5, { featured: true }), // not on the free plan
        listing(6, { account: 'a3', user: 'u2', featured: true, status: 'ACTIVE' }),
        listing(7, { price: 'forty' }),
      ]),
    );
  }

  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'import');
    dir = mkdtempSync(join(tmpdir(), 'mono-import-'));
    hashes = await legacyHashes();
    writeFiles(1);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports the good records of a dirty file and reports each bad one by file, line and field', async () => {
    const summary = await run();
    const byFile = Object.fromEntries(summary.files.map((f) => [f.file, f]));
    expect(byFile['users.ndjson']).toMatchObject({ inserted: 2 + hashes.length, updated: 0, refused: 5 });
    expect(byFile['accounts.ndjson']).toMatchObject({ inserted: 2, refused: 1 });
    expect(byFile['memberships.csv']).toMatchObject({ inserted: 3, refused: 1 });
    // c5 takes c1's slug: the batch goes row by row, c2 (before its parent c1) on a second pass
    expect(byFile['categories.csv']).toMatchObject({ inserted: 2, refused: 2 });
    expect(byFile['listings.ndjson']).toMatchObject({ inserted: 4, refused: 3 });
    const report = refused.map((r) => `${r.file}:${r.line}:${r.field}:${r.code}`);
    expect(report).toEqual([
      'users.ndjson:3:email:VALIDATION_FAILED',
      'users.ndjson:3:displayName:VALIDATION_FAILED',
      'users.ndjson:4:(record):VALIDATION_FAILED',
      'users.ndjson:6:email:EMAIL_TAKEN',
      'users.ndjson:7:roles:UNKNOWN_ROLE',
      'users.ndjson:8:passwordHash:VALIDATION_FAILED',
      'accounts.ndjson:2:owner:UNKNOWN_REFERENCE',
      'memberships.csv:5:account:UNKNOWN_REFERENCE',
      'categories.csv:4:parent:UNKNOWN_REFERENCE',
      'categories.csv:5:slug:SLUG_TAKEN',
      'listings.ndjson:4:status:LISTING_LIMIT_REACHED',
      'listings.ndjson:5:featured:FEATURE_NOT_IN_PLAN',
      'listings.ndjson:7:price:VALIDATION_FAILED',
    ]);
    expect(refused.find((r) => r.line === 3 && r.field === 'email')!.message).toBe('must be an e-mail address');
    expect(await count('users')).toBe(1 + 2 + hashes.length);
  });

  it('resolves references between files to the imported rows', async () => {
    const [ann, ben, studio, music, piano, lesson] = await Promise.all([
      mapped('users', 'u1'),
      mapped('users', 'u2'),
      mapped('accounts', 'a1'),
      mapped('categories', 'c1'),
      mapped('categories', 'c2'),
      mapped('listings', 'l1'),
    ]);
    const [user] = await q('select email, email_verified from users where tenant_id = $1 and id = $2', [tenant.id, ann]);
    expect(user).toEqual({ email: 'ann@example.com', email_verified: true });
    const [profile] = await q('select display_name, skills, completeness from user_profiles where tenant_id = $1 and user_id = $2', [tenant.id, ann]);
    expect(profile).toMatchObject({ display_name: 'Ann', skills: ['piano'] });
    expect(profile!.completeness).toBeGreaterThan(8); // the database's trigger computed it
    const members = await q<{ user_id: string; role: string }>(
      'select user_id, role from account_users where tenant_id = $1 and account_id = $2 order by role',
      [tenant.id, studio],
    );
    expect(members.map((m) => m.role)).toEqual(['admin', 'member', 'member', 'viewer']);
    expect(members.find((m) => m.role === 'admin')!.user_id).toBe(ann);
    expect(members.some((m) => m.user_id === ben)).toBe(true);
    const [category] = await q('select parent_id, slug, position from categories where tenant_id = $1 and id = $2', [tenant.id, piano]);
    expect(category).toEqual({ parent_id: music, slug: 'piano-lessons', position: 2 });
    const [listing] = await q('select account_id, user_id, status, price from listings where tenant_id = $1 and id = $2', [tenant.id, lesson]);
    expect(listing).toEqual({ account_id: studio, user_id: ann, status: 'ACTIVE', price: '40.0000' });
    const [plan] = await q('select plan from account_subscriptions where tenant_id = $1 and account_id = $2', [tenant.id, await mapped('accounts', 'a3')]);
    expect(plan!.plan).toBe('pro');
    const [featured] = await q('select featured_at is not null as f from listings where tenant_id = $1 and id = $2', [
      tenant.id,
      await mapped('listings', 'l6'),
    ]);
    expect(featured!.f).toBe(true);
  });

  it('audits every imported row with the run as its author and the external id beside the Mono id', async () => {
    const ann = await mapped('users', 'u1');
    const entries = await q<{ resource: string; user_id: string | null; request_id: string; new_values: any }>(
      `select resource, user_id, request_id, new_values from audit_logs where tenant_id = $1 and resource_id = $2 and action = 'create' order by resource`,
      [tenant.id, ann],
    );
    expect(entries.map((e) => e.resource)).toEqual(['users']);
    expect(entries[0]!.user_id).toBeNull();
    expect(entries[0]!.request_id).toMatch(/^system:import:[0-9a-f-]{36}$/);
    const [mapping] = await q<{ request_id: string; new_values: any }>(
      `select request_id, new_values from audit_logs where tenant_id = $1 and resource = 'import_batches' and new_values -> 'records' @> $2::jsonb`,
      [tenant.id, JSON.stringify([{ externalId: 'u1', monoId: ann }])],
    );
    expect(mapping!.new_values).toMatchObject({ kind: 'users', file_name: 'users.ndjson', first_line: 1 });
    expect(mapping!.request_id).toBe(entries[0]!.request_id);
  });

  it('a user without a password hash gets the set-password e-mail through the outbox; one with a hash does not', async () => {
    expect((await lastMail(t.db, 'ann@example.com', 'auth.invitation'))?.payload.token).toEqual(expect.any(String));
    expect(await lastMail(t.db, 'bcrypt-2b@example.com', 'auth.invitation')).toBeUndefined();
  });

  it('an unchanged file is skipped; a changed one updates its rows and duplicates nothing', async () => {
    const before = {
      users: await count('users'),
      accounts: await count('accounts'),
      listings: await count('listings'),
      map: await count('import_external_ids'),
    };
    const again = await run();
    expect(again.files.every((f) => f.status === 'skipped')).toBe(true);
    writeFiles(2);
    const changed = await run();
    const byFile = Object.fromEntries(changed.files.map((f) => [f.file, f]));
    expect(byFile['users.ndjson']).toMatchObject({ status: 'imported', inserted: 0, updated: 2 + hashes.length });
    expect(byFile['listings.ndjson']).toMatchObject({ inserted: 0, updated: 4 });
    expect({
      users: await count('users'),
      accounts: await count('accounts'),
      listings: await count('listings'),
      map: await count('import_external_ids'),
    }).toEqual(before);
    const [profile] = await q('select display_name from user_profiles where tenant_id = $1 and user_id = $2', [tenant.id, await mapped('users', 'u1')]);
    expect(profile!.display_name).toBe('Ann Smith');
    const [listing] = await q('select title from listings where tenant_id = $1 and id = $2', [tenant.id, await mapped('listings', 'l1')]);
    expect(listing!.title).toBe('Lesson one');
    // still within the limit: the three listings that were active stay active, the fourth is refused again
    expect(refused.filter((r) => r.code === 'LISTING_LIMIT_REACHED')).toHaveLength(1);
  });

  it('each legacy hash signs in once with the old password and is re-hashed with argon2id', async () => {
    for (const h of hashes) {
      const email = `${h.scheme}@example.com`;
      await expect(login(tenant.anon, email, 'Wrong-password-123'), h.scheme).rejects.toThrow(/401/);
      await login(tenant.anon, email, h.password);
      const [user] = await q<{ hashed_password: string }>('select hashed_password from users where tenant_id = $1 and email = $2', [tenant.id, email]);
      expect(user!.hashed_password, h.scheme).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      await login(tenant.anon, email, h.password); // and the new hash works
    }
  }, 120_000);

  it('a re-run keeps the password a user has now (the re-hash is not undone)', async () => {
    const summary = await run({ restart: true });
    expect(summary.files.find((f) => f.kind === 'users')).toMatchObject({ status: 'imported', inserted: 0 });
    const [user] = await q<{ hashed_password: string }>('select hashed_password from users where tenant_id = $1 and email = $2', [
      tenant.id,
      'bcrypt-2b@example.com',
    ]);
    expect(user!.hashed_password).toMatch(/^\$argon2id\$/);
  });

  it('erasing an imported person removes their external id from the map', async () => {
    const id = await mapped('users', 'h-argon2d');
    expect(id).toBeDefined();
    await createErasureService({ db: t.db, storage: createStorage(t.config) }).eraseUser(systemContext(tenant.id, 'test-erase'), { user: id! });
    expect(await mapped('users', 'h-argon2d')).toBeUndefined();
    expect(await mapped('users', 'h-argon2i')).toBeDefined();
  });

  it('a run that dies after a batch resumes after it, nothing twice, nothing skipped', async () => {
    const big = Array.from({ length: 30 }, (_, i) => ({ externalId: `bulk-${i}`, email: `bulk${i}@example.com`, displayName: `Bulk ${i}` }));
    writeFileSync(join(dir, 'users.ndjson'), ndjson(big));
    for (const f of ['accounts.ndjson', 'memberships.csv', 'categories.csv', 'listings.ndjson']) rmSync(join(dir, f));
    const usersBefore = await count('users');
    let batches = 0;
    await expect(
      run({
        onBatch: () => {
          if (++batches === 3) throw new Error('killed after batch 3');
        },
      }),
    ).rejects.toThrow('killed after batch 3');
    expect(await count('users')).toBe(usersBefore + 12);
    const resumed = await run();
    expect(resumed.files[0]).toMatchObject({ resumedAfterLine: 12, inserted: 18, updated: 0, refused: 0 });
    expect(await count('users')).toBe(usersBefore + 30);
    const [map] = await q<{ n: number }>(`select count(*)::int as n from import_external_ids where tenant_id = $1 and external_id like 'bulk-%'`, [tenant.id]);
    expect(map!.n).toBe(30);
  });
});
