import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditChains } from '../../src/modules/audit';
import { type ImportOptions, KIND_NAMES, type Refusal, runImport } from '../../src/modules/import';
import { outboxMailer } from '../../src/modules/mail';
import { createStorage } from '../../src/modules/media';
import { createTestTenant, describeHttp, type HttpFixture, type TestTenant } from '../helpers/http';
import { makeImage } from '../media/fixtures';
import { importQueries } from './queries';

const aboutUs = { externalId: 'p1', account: 'a1', user: 'u1', type: 'PAGE', title: 'About us', status: 'PUBLISHED', publishedAt: '2024-03-01T08:00:00Z' };
const ndjson = (rows: unknown[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;

/**
 * The kinds of `mono import` beyond users, accounts and listings: custom roles and grants,
 * applications, availability, bookings and content — each with good and bad rows, the
 * bad ones in the report with their line, field and a sentence, a re-run that duplicates
 * nothing, a resume after a failure, and an audit trail that still verifies.
 */
describeHttp('mono import: roles, grants, applications, availability, bookings, content', (t: HttpFixture) => {
  let tenant: TestTenant;
  let dir: string;
  let refused: (Refusal & { file: string })[];
  const { q, count, mapped } = importQueries(t, () => tenant.id);
  const run = (options: Partial<ImportOptions> = {}) => {
    refused = [];
    return runImport(
      {
        db: t.db,
        config: t.config,
        mailer: outboxMailer(),
        media: { storage: createStorage(t.config), maxUploadBytes: t.config.maxUploadBytes, tempDir: join(t.config.dataDir, 'tmp', 'uploads') },
      },
      { tenantId: tenant.id, dir, batchSize: 50, onRefused: (file, r) => void refused.push({ file, ...r }), ...options },
    );
  };
  const report = () => refused.map((r) => `${r.file}:${r.line}:${r.field}:${r.code}`);
  const messageAt = (file: string, line: number) => refused.find((r) => r.file === file && r.line === line)?.message;

  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'import-kinds');
    dir = mkdtempSync(join(tmpdir(), 'mono-import-kinds-'));
    writeFileSync(
      join(dir, 'roles.ndjson'),
      ndjson([
        { externalId: 'r1', name: 'editor', description: 'Edits content', permissions: ['tenant.content.read', 'tenant.content.review'] },
        { externalId: 'r2', name: 'booker', level: 'ACCOUNT', permissions: ['account.bookings.read', 'account.bookings.manage'] },
        { externalId: 'r3', name: 'typo', permissions: ['tenant.content.reed'] },
        { externalId: 'r4', name: 'root', permissions: ['platform.audit.read'] },
        { externalId: 'r5', name: 'user', permissions: [] },
      ]),
    );
    writeFileSync(
      join(dir, 'users.ndjson'),
      ndjson([
        { externalId: 'u1', email: 'owner@kinds.test', displayName: 'Olga Owner' },
        { externalId: 'u2', email: 'applicant@kinds.test', displayName: 'Abe Applicant', roles: ['editor'] },
        { externalId: 'u3', email: 'client@kinds.test', displayName: 'Cleo Client' },
      ]),
    );
    writeFileSync(join(dir, 'accounts.csv'), 'externalId,identifier,name,type,plan,owner\na1,kinds-studio,Kinds Studio,AGENCY,enterprise,u1\n');
    writeFileSync(
      join(dir, 'grants.csv'),
      [
        'user,role,permission,granted,account,expiresAt',
        'u3,booker,,,a1,',
        'u3,,account.listings.read,true,a1,',
        'u2,,tenant.audit.read,false,,',
        'u3,nobody,,,,',
        'u3,,tenant.listings.read,,a1,',
        'u3,editor,account.listings.read,,,',
        'u3,editor,,,a1,',
        'u3,,account.listings.read,,a9,',
        `${'x'.repeat(195)},booker,,,a1,`,
      ].join('\n'),
    );
    mkdirSync(join(dir, 'media'));
    const logo = await makeImage({ format: 'png', seed: 3 });
    writeFileSync(join(dir, 'media', 'logo.png'), logo);
    writeFileSync(join(dir, 'media', 'logo-copy.png'), logo);
    writeFileSync(join(dir, 'media', 'portrait.jpg'), await makeImage({ format: 'jpeg', seed: 4, gps: true }));
    writeFileSync(join(dir, 'media', 'notes.txt'), 'just some text\n');
    writeFileSync(join(dir, '..', `secret-${tenant.id}.png`), logo);
    writeFileSync(
      join(dir, 'media.ndjson'),
      ndjson([
        { externalId: 'm1', file: 'media/logo.png', user: 'u1', account: 'a1', title: 'Logo', tags: ['Brand'] },
        { externalId: 'm2', file: 'media/logo-copy.png', user: 'u1', account: 'a1' },
        { externalId: 'm3', file: 'media/notes.txt', user: 'u2' },
        { externalId: 'm4', file: `../secret-${tenant.id}.png`, user: 'u2' },
        { externalId: 'm5', file: 'media/missing.png', user: 'u2' },
        { externalId: 'm6', file: 'media/portrait.jpg', user: 'u2', title: 'Portrait' },
      ]),
    );
    writeFileSync(join(dir, 'categories.csv'), 'externalId,name\nc1,News\nc2,Guides\n');
    writeFileSync(
      join(dir, 'listings.ndjson'),
      ndjson([
        {
          externalId: 'l1',
          account: 'a1',
          user: 'u1',
          type: 'SERVICE',
          title: 'Portraits',
          description: 'One hour',
          priceType: 'FIXED',
          price: '80.00',
          currency: 'EUR',
          status: 'ACTIVE',
        },
      ]),
    );
    writeFileSync(
      join(dir, 'applications.ndjson'),
      ndjson([
        { externalId: 'ap1', listing: 'l1', user: 'u2', coverLetter: 'I would love to', status: 'SHORTLISTED' },
        { externalId: 'ap2', listing: 'l1', user: 'u1' },
        { externalId: 'ap3', listing: 'l1', user: 'u2', coverLetter: 'Me again' },
        { externalId: 'ap4', listing: 'l404', user: 'u3' },
        { externalId: 'ap5', listing: 'l1', user: 'u3', status: 'HIRED' },
        { externalId: 'ap6', listing: 'l1', user: 'u3' },
      ]),
    );
    writeFileSync(
      join(dir, 'availability.ndjson'),
      ndjson([
        { externalId: 'w1', user: 'u1', dayOfWeek: 1, start: '09:00', end: '12:00', timezone: 'Europe/Vienna' },
        { externalId: 'w2', user: 'u1', dayOfWeek: 1, start: '11:00', end: '13:00', timezone: 'Europe/Vienna' },
        { externalId: 'w3', user: 'u1', dayOfWeek: 2, start: '09:00', end: '12:00', timezone: 'America/New_York' },
        { externalId: 'w4', user: 'u1', date: '2027-12-24', start: '00:00', end: '00:00', timezone: 'Europe/Vienna', available: false },
        { externalId: 'w5', user: 'u1', dayOfWeek: 3, date: '2027-12-25', start: '09:00', end: '10:00', timezone: 'Europe/Vienna' },
        { externalId: 'w6', user: 'u1', dayOfWeek: 4, start: '09:00', end: '10:00', timezone: 'Mars/Olympus' },
        { externalId: 'w7', user: 'u1', dayOfWeek: 2, start: '13:00', end: '17:00', timezone: 'Europe/Vienna' },
      ]),
    );
    const booking = (n: number, start: string, end: string, extra: Record<string, unknown> = {}) => ({
      externalId: `b${n}`,
      resource: 'u1',
      client: 'u3',
      listing: 'l1',
      title: `Session ${n}`,
      start,
      end,
      timezone: 'Europe/Vienna',
      ...extra,
    });
    writeFileSync(
      join(dir, 'bookings.ndjson'),
      ndjson([
        booking(1, '2027-01-04T09:00:00Z', '2027-01-04T10:00:00Z', { status: 'CONFIRMED', price: '80.00', currency: 'EUR', paid: true }),
        booking(2, '2027-01-04T09:30:00Z', '2027-01-04T10:30:00Z'),
        booking(3, '2027-01-04T09:30:00Z', '2027-01-04T10:30:00Z', { status: 'CANCELLED' }),
        booking(4, '2027-01-04T12:00:00Z', '2027-01-04T11:00:00Z'),
        booking(5, '2027-01-04T10:00:00Z', '2027-01-04T11:00:00Z', { status: 'COMPLETED' }),
        booking(6, '2027-01-05T10:00:00Z', '2027-01-05T11:00:00Z', { client: 'u404' }),
        booking(7, '2027-01-05T10:00:00Z', '2027-01-05T11:00:00Z', { price: '10.00' }),
      ]),
    );
    writeFileSync(
      join(dir, 'content.ndjson'),
      ndjson([
        { ...aboutUs, body: 'We take portraits.', categories: ['c1', 'c2'], tags: ['Studio'] },
        { externalId: 'p2', account: 'a1', user: 'u2', type: 'ARTICLE', title: 'Lighting tips', status: 'DRAFT' },
        { externalId: 'p3', account: 'a1', user: 'u2', type: 'ARTICLE', title: 'News', status: 'PUBLISHED' },
        { externalId: 'p4', account: 'a1', user: 'u2', type: 'ARTICLE', title: 'About us', status: 'IN_REVIEW' },
        { externalId: 'p5', account: 'a1', user: 'u2', type: 'ARTICLE', title: 'Lost', categories: ['c1', 'c404'] },
        { externalId: 'p6', account: 'a1', user: 'u2', type: 'ARTICLE', title: 'Old news', status: 'ARCHIVED', publishedAt: '2020-01-01T00:00:00Z' },
      ]),
    );
  }, 60_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(dir, '..', `secret-${tenant.id}.png`), { force: true });
  });

  it('imports the good rows of every kind and reports each bad one with its line, field and a sentence', async () => {
    const summary = await run();
    const byKind = Object.fromEntries(summary.files.map((f) => [f.kind, f]));
    expect(summary.files.map((f) => f.kind)).toEqual(KIND_NAMES.filter((kind) => kind !== 'memberships')); // no memberships file
    expect(byKind.roles).toMatchObject({ inserted: 2, refused: 3 });
    expect(byKind.users).toMatchObject({ inserted: 3, refused: 0 });
    expect(byKind.media).toMatchObject({ inserted: 2, refused: 4 });
    expect(byKind.grants).toMatchObject({ inserted: 3, refused: 6 });
    expect(byKind.applications).toMatchObject({ inserted: 2, refused: 4 });
    expect(byKind.availability).toMatchObject({ inserted: 3, refused: 4 });
    expect(byKind.bookings).toMatchObject({ inserted: 3, refused: 4 });
    expect(byKind.content).toMatchObject({ inserted: 3, refused: 3 });
    expect(report()).toEqual([
      'roles.ndjson:3:permissions:UNKNOWN_PERMISSION',
      'roles.ndjson:4:permissions:PLATFORM_PERMISSION',
      'roles.ndjson:5:name:ROLE_NAME_TAKEN',
      'grants.csv:5:role:UNKNOWN_ROLE',
      'grants.csv:6:account:SCOPE_NOT_ALLOWED',
      'grants.csv:7:role:VALIDATION_FAILED',
      'grants.csv:8:account:SCOPE_NOT_ALLOWED',
      'grants.csv:9:account:UNKNOWN_REFERENCE',
      'grants.csv:10:(record):VALIDATION_FAILED',
      'media.ndjson:2:file:MEDIA_DUPLICATE',
      'media.ndjson:3:file:UNSUPPORTED_MEDIA_TYPE',
      'media.ndjson:4:file:VALIDATION_FAILED',
      'media.ndjson:5:file:VALIDATION_FAILED',
      'applications.ndjson:2:user:OWN_LISTING',
      'applications.ndjson:3:user:ALREADY_APPLIED',
      'applications.ndjson:4:listing:UNKNOWN_REFERENCE',
      'applications.ndjson:5:status:VALIDATION_FAILED',
      'availability.ndjson:2:start:AVAILABILITY_WINDOWS_OVERLAP',
      'availability.ndjson:3:timezone:AVAILABILITY_TIMEZONE_MISMATCH',
      'availability.ndjson:5:dayOfWeek:VALIDATION_FAILED',
      'availability.ndjson:6:timezone:INVALID_TIMEZONE',
      'bookings.ndjson:2:start:BOOKING_SLOT_TAKEN',
      'bookings.ndjson:4:end:VALIDATION_FAILED',
      'bookings.ndjson:6:client:UNKNOWN_REFERENCE',
      'bookings.ndjson:7:currency:VALIDATION_FAILED',
      'content.ndjson:3:publishedAt:VALIDATION_FAILED',
      'content.ndjson:4:slug:SLUG_TAKEN',
      'content.ndjson:5:categories:UNKNOWN_REFERENCE',
    ]);
    expect(messageAt('bookings.ndjson', 2)).toBe('The person booked already has an active booking that overlaps this time');
    expect(messageAt('applications.ndjson', 3)).toBe('This person has another application to this listing already');
    expect(messageAt('roles.ndjson', 3)).toBe('Not in the permission catalog: tenant.content.reed');
    expect(messageAt('content.ndjson', 5)).toBe('There is no record of categories with the external id "c404"');
    expect(messageAt('media.ndjson', 4)).toBe('must be a path inside the import folder');
    expect(messageAt('media.ndjson', 5)).toBe('There is no file media/missing.png in the import folder');
    expect(messageAt('content.ndjson', 3)).toBe('is required for PUBLISHED and ARCHIVED content');
  });

  it('writes roles with their permissions, and grants that resolve users, roles and accounts', async () => {
    const editor = await mapped('roles', 'r1');
    const [role] = await q<{ name: string; type: string; level: string; permissions: string[] }>(
      `select r.name, r.type, r.level, array_agg(p.name order by p.name) as permissions
         from roles r join role_permissions rp on rp.tenant_id = r.tenant_id and rp.role_id = r.id join permissions p on p.id = rp.permission_id
        where r.tenant_id = $1 and r.id = $2 group by r.tenant_id, r.id`,
      [tenant.id, editor],
    );
    expect(role).toEqual({ name: 'editor', type: 'CUSTOM', level: 'TENANT', permissions: ['tenant.content.read', 'tenant.content.review'] });
    const [abe, cleo, studio] = await Promise.all([mapped('users', 'u2'), mapped('users', 'u3'), mapped('accounts', 'a1')]);
    // users.roles names a role of roles.ndjson
    const abeRoles = await q<{ name: string }>(
      'select r.name from user_roles ur join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id where ur.tenant_id = $1 and ur.user_id = $2 order by r.name',
      [tenant.id, abe],
    );
    expect(abeRoles.map((r) => r.name)).toEqual(['editor', 'user']);
    const [booker] = await q<{ account_id: string }>(
      `select ur.account_id from user_roles ur join roles r on r.tenant_id = ur.tenant_id and r.id = ur.role_id where ur.tenant_id = $1 and ur.user_id = $2 and r.name = 'booker'`,
      [tenant.id, cleo],
    );
    expect(booker!.account_id).toBe(studio);
    const direct = await q<{ user_id: string; name: string; granted: boolean; account_id: string | null }>(
      'select up.user_id, p.name, up.granted, up.account_id from user_permissions up join permissions p on p.id = up.permission_id where up.tenant_id = $1 order by p.name',
      [tenant.id],
    );
    expect(direct).toEqual([
      { user_id: cleo, name: 'account.listings.read', granted: true, account_id: studio },
      { user_id: abe, name: 'tenant.audit.read', granted: false, account_id: null },
    ]);
  });

  it('writes applications with their status, availability windows, bookings and content with its publication', async () => {
    const [listing, abe] = await Promise.all([mapped('listings', 'l1'), mapped('users', 'u2')]);
    const [application] = await q(
      'select listing_id, applicant_id, status, reviewed_at is not null as reviewed from applications where tenant_id = $1 and id = $2',
      [tenant.id, await mapped('applications', 'ap1')],
    );
    expect(application).toEqual({ listing_id: listing, applicant_id: abe, status: 'SHORTLISTED', reviewed: true });
    const [counter] = await q<{ application_count: number }>('select application_count from listings where tenant_id = $1 and id = $2', [tenant.id, listing]);
    expect(counter!.application_count).toBe(2); // the database's counter trigger ran

    const windows = await q(
      'select day_of_week, date::text as date, start_time, end_time, available from availabilities where tenant_id = $1 order by start_time, date',
      [tenant.id],
    );
    expect(windows).toEqual([
      { day_of_week: null, date: '2027-12-24', start_time: '00:00', end_time: '00:00', available: false },
      { day_of_week: 1, date: null, start_time: '09:00', end_time: '12:00', available: true },
      { day_of_week: 2, date: null, start_time: '13:00', end_time: '17:00', available: true },
    ]);

    const bookings = await q(
      'select title, status, price, paid, listing_id, confirmed_at is not null as confirmed from bookings where tenant_id = $1 order by title',
      [tenant.id],
    );
    expect(bookings).toEqual([
      { title: 'Session 1', status: 'CONFIRMED', price: '80.0000', paid: true, listing_id: listing, confirmed: true },
      { title: 'Session 3', status: 'CANCELLED', price: null, paid: false, listing_id: listing, confirmed: false },
      { title: 'Session 5', status: 'COMPLETED', price: null, paid: false, listing_id: listing, confirmed: true },
    ]);

    const page = await mapped('content', 'p1');
    const [about] = await q<{ slug: string; status: string; published_at: Date; tags: string[] }>(
      'select slug, status, published_at, tags from contents where tenant_id = $1 and id = $2',
      [tenant.id, page],
    );
    expect(about).toEqual({ slug: 'about-us', status: 'PUBLISHED', published_at: new Date('2024-03-01T08:00:00Z'), tags: ['studio'] });
    const links = await q<{ category_id: string }>('select category_id from content_categories where tenant_id = $1 and content_id = $2 order by category_id', [
      tenant.id,
      page,
    ]);
    expect(links.map((l) => l.category_id).sort()).toEqual([await mapped('categories', 'c1'), await mapped('categories', 'c2')].sort());
  });

  it('stores media files through the upload pipeline: typed, thumbnailed, stored, counted against the owner’s library', async () => {
    const [olga, abe, studio] = await Promise.all([mapped('users', 'u1'), mapped('users', 'u2'), mapped('accounts', 'a1')]);
    const files = await q<{
      id: string;
      uploader_id: string;
      account_id: string | null;
      mimetype: string;
      title: string;
      tags: string[];
      thumbnail_url: string | null;
      storage_key: string;
      metadata: any;
    }>('select id, uploader_id, account_id, mimetype, title, tags, thumbnail_url, storage_key, metadata from media_files where tenant_id = $1 order by title', [
      tenant.id,
    ]);
    expect(files.map((f) => [f.title, f.uploader_id, f.account_id, f.mimetype, f.tags])).toEqual([
      ['Logo', olga, studio, 'image/png', ['brand']],
      ['Portrait', abe, null, 'image/jpeg', []],
    ]);
    expect(files.map((f) => f.id)).toEqual([await mapped('media', 'm1'), await mapped('media', 'm6')]);
    const storage = createStorage(t.config);
    for (const f of files) {
      expect(f.thumbnail_url).not.toBeNull();
      expect(await storage.head(f.storage_key)).not.toBeNull();
    }
    const [usage] = await q<{ bytes: number }>('select bytes::int as bytes from media_storage_usage where tenant_id = $1 and account_id = $2', [
      tenant.id,
      studio,
    ]);
    expect(usage!.bytes).toBeGreaterThan(0); // the database's usage trigger counted the file
  });

  it('a re-run from the first line updates and duplicates nothing, and refuses the same rows', async () => {
    const tables = [
      'roles',
      'user_roles',
      'user_permissions',
      'applications',
      'availabilities',
      'bookings',
      'contents',
      'content_categories',
      'import_external_ids',
    ];
    const before = Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await count(table)] as const)));
    const first = report();
    writeFileSync(join(dir, 'content.ndjson'), ndjson([{ ...aboutUs, categories: ['c2'] }]));
    const again = await run({ restart: true });
    expect(again.files.filter((f) => f.inserted > 0)).toEqual([]);
    expect(report()).toEqual(first.filter((line) => !line.startsWith('content.ndjson')));
    const after = Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await count(table)] as const)));
    expect(after).toEqual({ ...before, content_categories: before.content_categories! - 1 });
  });

  it('a bookings file that fails after its first batch resumes after it', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      externalId: `series-${i}`,
      resource: 'u1',
      client: 'u3',
      title: `Weekly ${i}`,
      start: new Date(Date.UTC(2028, 0, 3 + 7 * i, 9)).toISOString(),
      end: new Date(Date.UTC(2028, 0, 3 + 7 * i, 10)).toISOString(),
      status: 'CONFIRMED',
    }));
    for (const file of [
      'roles.ndjson',
      'users.ndjson',
      'accounts.csv',
      'grants.csv',
      'media.ndjson',
      'categories.csv',
      'listings.ndjson',
      'applications.ndjson',
      'availability.ndjson',
      'content.ndjson',
    ]) {
      rmSync(join(dir, file));
    }
    writeFileSync(join(dir, 'bookings.ndjson'), ndjson(many));
    const before = await count('bookings');
    let batches = 0;
    await expect(
      run({
        batchSize: 5,
        onBatch: () => {
          if (++batches === 1) throw new Error('killed after batch 1');
        },
      }),
    ).rejects.toThrow('killed after batch 1');
    expect(await count('bookings')).toBe(before + 5);
    const resumed = await run({ batchSize: 5 });
    expect(resumed.files[0]).toMatchObject({ kind: 'bookings', resumedAfterLine: 5, inserted: 7, refused: 0 });
    expect(await count('bookings')).toBe(before + 12);
  });

  it('the audit chain verifies after the imports', async () => {
    const reports = await verifyAuditChains(t.db, { tenant: tenant.id });
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.filter((r) => !r.ok)).toEqual([]);
  });
});
