import { beforeAll, expect, it } from 'vitest';
import { systemContext } from '../../src/core/context';
import { withTenant } from '../../src/db/tenant-context';
import { emitEvent } from '../../src/modules/events';
import { createTestTenant, describeHttp, signUp, type TestTenant } from '../helpers/http';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeHttp('the event feed', (t) => {
  let tenant: TestTenant;
  let other: TestTenant;

  const emit = (target: TestTenant, type: string, extra: Record<string, unknown> = {}) =>
    withTenant(t.db, systemContext(target.id, 'test'), (tx) =>
      emitEvent(tx, { type, actorId: null, resourceType: type.split('.')[0]!, resourceId: null, payload: { n: extra.n ?? 0, ...extra } }),
    );

  /** Reads the feed from `cursor` to its current end, as a consumer does. */
  const drain = async (cursor: string | undefined, query = '') => {
    const seen: { id: string; type: string; data: Record<string, unknown> }[] = [];
    for (;;) {
      const page = await tenant.adminClient.get(`/api/v1/tenant/events?limit=7${query}${cursor ? `&after=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.data);
      cursor = page.body.nextCursor;
      if (!page.body.hasMore) return { seen, cursor: cursor! };
    }
  };

  /**
   * Drains until at least `count` events came: the feed serves an event once every older
   * transaction on the server has ended, and on a shared server another database's
   * transaction may hold it back for a moment.
   */
  const drainUntil = async (cursor: string | undefined, count: number, query = '') => {
    const seen: { id: string; type: string; data: Record<string, unknown> }[] = [];
    const end = Date.now() + 15_000;
    for (;;) {
      const page = await drain(cursor, query);
      seen.push(...page.seen);
      cursor = page.cursor;
      if (seen.length >= count || Date.now() > end) return { seen, cursor };
      await sleep(20);
    }
  };

  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'feed');
    other = await createTestTenant(t.app, 'feedother');
  });

  it('keeps an event only when its transaction commits', async () => {
    const start = await drain(undefined);
    await expect(
      withTenant(t.db, systemContext(tenant.id, 'test'), async (tx) => {
        await emitEvent(tx, { type: 'listing.created', actorId: null, resourceType: 'listing', resourceId: null, payload: { rolled: 'back' } });
        throw new Error('the change fails after the event was written');
      }),
    ).rejects.toThrow(/change fails/);
    await emit(tenant, 'listing.published', { kept: true });
    const after = await drainUntil(start.cursor, 1);
    expect(after.seen.map((e) => e.data)).toEqual([{ n: 0, kept: true }]);
    expect(after.seen[0]).toMatchObject({ type: 'listing.published', resource: { type: 'listing', id: null } });
  });

  it('filters by type, with families and *; another tenant’s events never show', async () => {
    const start = await drain(undefined);
    await emit(tenant, 'listing.paused');
    await emit(tenant, 'booking.confirmed');
    await emit(tenant, 'content.published');
    await emit(other, 'listing.paused', { secret: 'other tenant' });
    await drainUntil(start.cursor, 3);
    expect((await drain(start.cursor, '&types=listing.*,booking.confirmed')).seen.map((e) => e.type)).toEqual(['listing.paused', 'booking.confirmed']);
    expect((await drain(start.cursor, '&types=*')).seen.map((e) => e.type)).toEqual(['listing.paused', 'booking.confirmed', 'content.published']);
    expect((await drain(start.cursor, '&types=content.published')).seen.map((e) => e.type)).toEqual(['content.published']);
    expect(JSON.stringify((await drain(undefined)).seen)).not.toContain('other tenant');
    expect((await tenant.adminClient.get('/api/v1/tenant/events?types=LISTING')).status).toBe(400);
    expect((await tenant.adminClient.get('/api/v1/tenant/events?after=nonsense')).status).toBe(400);
  });

  it('answers a cursor also at the end, so a consumer resumes where it was', async () => {
    const end = await drain(undefined);
    const again = await tenant.adminClient.get(`/api/v1/tenant/events?after=${end.cursor}`);
    expect(again.body).toEqual({ data: [], nextCursor: end.cursor, hasMore: false });
  });

  it('never misses or repeats an event under concurrent writers, with a slow transaction committing late with an earlier id', async () => {
    const start = await drain(undefined);
    const expected: string[] = [];
    let writersDone!: () => void;
    const allWritten = new Promise<void>((r) => {
      writersDone = r;
    });
    let slowStarted!: () => void;
    const slowHasWritten = new Promise<void>((r) => {
      slowStarted = r;
    });
    // The slow transaction writes its event first (the earlier id and transaction id)
    // and commits only after the others (on a server; PGlite runs one transaction at a time).
    const slow = withTenant(t.db, systemContext(tenant.id, 'test'), async (tx) => {
      await emitEvent(tx, { type: 'booking.requested', actorId: null, resourceType: 'booking', resourceId: null, payload: { n: 'slow' } });
      slowStarted();
      await Promise.race([allWritten, sleep(800)]);
      await sleep(100);
    });
    expected.push('slow');
    await Promise.race([slowHasWritten, sleep(300)]);

    const seen: string[] = [];
    let cursor = start.cursor;
    let reading = true;
    const reader = (async () => {
      while (reading) {
        const page = await drain(cursor);
        seen.push(...page.seen.map((e) => String(e.data.n)));
        cursor = page.cursor;
        await sleep(5);
      }
    })();
    const writers = Array.from({ length: 8 }, (_, w) =>
      (async () => {
        for (let i = 0; i < 6; i++) {
          const n = `w${w}-${i}`;
          expected.push(n);
          await emit(tenant, 'booking.confirmed', { n });
        }
      })(),
    );
    await Promise.all(writers);
    writersDone();
    await slow;
    await sleep(50);
    reading = false;
    await reader;
    seen.push(...(await drainUntil(cursor, expected.length - seen.length)).seen.map((e) => String(e.data.n)));
    expect(seen.length).toBe(expected.length); // nothing twice
    expect([...seen].sort()).toEqual([...expected].sort()); // nothing missed, the slow one included
  });

  it('lands each event in its month’s partition and pages in commit order across months and partitions (migration 0980)', async () => {
    const start = await drain(undefined);
    await t.db.query(`select mono.ensure_monthly_partitions('events', 1, '2025-01-01')`);
    /** One transaction each, as the owner: an event with the given occurred_at (the writing transaction's start). */
    const written: { n: string; at: string; id?: string }[] = [
      { n: 'jan-last', at: '2025-01-31T23:59:59.999Z' },
      { n: 'feb-first', at: '2025-02-01T00:00:00Z' },
      { n: 'feb-second', at: '2025-02-01T00:00:01Z' },
      // a transaction that started in January and wrote after the February ones: the
      // January partition, a later txid — the feed still serves it after them
      { n: 'jan-late', at: '2025-01-31T23:59:58Z' },
      // a month without a partition: the DEFAULT one
      { n: 'june-2024', at: '2024-06-15T12:00:00Z' },
    ];
    for (const w of written) {
      const [row] = await t.db.query<{ id: string }>(
        `insert into events (tenant_id, type, resource_type, occurred_at, payload) values ($1, 'listing.published', 'listing', $2, $3) returning id`,
        [tenant.id, w.at, JSON.stringify({ n: w.n })],
      );
      w.id = row!.id;
    }
    await emit(tenant, 'listing.paused', { n: 'now' });
    const partitionOf = async (id: string) =>
      (await t.db.query<{ part: string }>('select tableoid::regclass::text as part from events where id = $1', [id]))[0]!.part;
    const [thisMonth] = await t.db.query<{ part: string }>(`select 'events_p' || to_char(now(), 'YYYY_MM') as part`);
    expect(await Promise.all(written.map((w) => partitionOf(w.id!)))).toEqual([
      'events_p2025_01',
      'events_p2025_02',
      'events_p2025_02',
      'events_p2025_01',
      'events_default',
    ]);
    const [now] = await t.db.query<{ id: string }>(`select id from events where tenant_id = $1 and payload->>'n' = 'now'`, [tenant.id]);
    expect(await partitionOf(now!.id)).toBe(thisMonth!.part);

    // pages of 7 and of 2 (every page boundary between partitions): same order, nothing twice
    const order = ['jan-last', 'feb-first', 'feb-second', 'jan-late', 'june-2024', 'now'];
    const first = await drainUntil(start.cursor, order.length);
    expect(first.seen.map((e) => e.data.n)).toEqual(order);
    const byTwo: unknown[] = [];
    let cursor: string | undefined = start.cursor;
    for (;;) {
      const page: { body: { data: { data: { n: unknown } }[]; nextCursor: string; hasMore: boolean } } = await tenant.adminClient.get(
        `/api/v1/tenant/events?limit=2&after=${cursor}`,
      );
      byTwo.push(...page.body.data.map((e) => e.data.n));
      cursor = page.body.nextCursor;
      if (!page.body.hasMore) break;
    }
    expect(byTwo).toEqual(order);
    expect(first.seen[0]).toMatchObject({ occurredAt: '2025-01-31T23:59:59.999Z' });

    // June 2024 gets its partition: the row moves out of DEFAULT, keeps its place in the feed
    const midway = await tenant.adminClient.get(`/api/v1/tenant/events?limit=3&after=${start.cursor}`);
    expect(await t.db.query(`select mono.ensure_monthly_partitions('events', 0, '2024-06-01') as name`)).toEqual([{ name: 'events_p2024_06' }]);
    expect(await partitionOf(written[4]!.id!)).toBe('events_p2024_06');
    expect((await drain(midway.body.nextCursor)).seen.map((e) => e.data.n)).toEqual(['jan-late', 'june-2024', 'now']);
    expect((await drain(start.cursor)).seen.map((e) => e.data.n)).toEqual(order);
  });

  it('orders by the transaction id as a number, not as its text: 9 before 10, nothing skipped when pages end between them', async () => {
    const digits = await createTestTenant(t.app, 'digits');
    // transaction ids of one and two digits (older than every real one: visible at once)
    for (const [txid, n] of [
      ['10', 'ten'],
      ['9', 'nine'],
    ]) {
      await t.db.query(`insert into events (tenant_id, txid, type, resource_type, payload) values ($1, $2::xid8, 'listing.paused', 'listing', $3)`, [
        digits.id,
        txid,
        JSON.stringify({ n }),
      ]);
    }
    const total = Number((await t.db.query<{ n: number }>('select count(*)::int as n from events where tenant_id = $1', [digits.id]))[0]!.n);
    const seen: unknown[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page: { body: { data: { data: { n?: unknown }; type: string }[]; nextCursor: string; hasMore: boolean } } = await digits.adminClient.get(
        `/api/v1/tenant/events?limit=1${cursor ? `&after=${cursor}` : ''}`,
      );
      seen.push(...page.body.data.map((e) => e.data.n ?? e.type));
      cursor = page.body.nextCursor;
      if (!page.body.hasMore) break;
    }
    expect(seen.slice(0, 2)).toEqual(['nine', 'ten']);
    expect(seen).toHaveLength(total);
  });

  it('tells what the use cases did: sign-up, account, listing lifecycle, application', async () => {
    const start = await drain(undefined);
    const owner = await signUp(tenant, 'owner');
    const account = await tenant.adminClient.post('/api/v1/tenant/accounts', {
      identifier: 'studio',
      name: 'Studio',
      type: 'AGENCY',
      ownerId: owner.id,
      plan: 'pro',
    });
    expect(account.status).toBe(201);
    const draft = await owner.client.post(`/api/v1/account/${account.body.id}/listings`, {
      type: 'GIG',
      title: 'Runway show',
      description: 'Two days in Vienna',
      price: '1500.00',
      priceType: 'FIXED',
      currency: 'EUR',
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const listingPath = `/api/v1/account/${account.body.id}/listings/${draft.body.id}/transition`;
    expect((await owner.client.post(listingPath, { action: 'publish' })).status).toBe(200);
    const applicant = await signUp(tenant, 'applicant');
    const applied = await applicant.client.post('/api/v1/user/applications', { listingId: draft.body.id, coverLetter: 'Hi!' });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect((await owner.client.post(listingPath, { action: 'pause' })).status).toBe(200);
    expect((await owner.client.post(listingPath, { action: 'cancel' })).status).toBe(200);
    // a refused change leaves no event
    expect((await owner.client.post(listingPath, { action: 'publish' })).status).toBe(409);

    const events = (await drainUntil(start.cursor, 8)).seen;
    expect(events.map((e) => e.type)).toEqual([
      'user.registered',
      'account.created',
      'listing.created',
      'listing.published',
      'user.registered',
      'application.submitted',
      'listing.paused',
      'listing.closed',
    ]);
    const published = events[3] as unknown as { resource: { id: string }; actorId: string; data: Record<string, unknown> };
    expect(published).toMatchObject({
      resource: { type: 'listing', id: draft.body.id },
      actorId: owner.id,
      data: { id: draft.body.id, status: 'ACTIVE', title: 'Runway show' },
    });
    expect(events[0]).toMatchObject({ resource: { type: 'user', id: owner.id }, data: { id: owner.id } });
    expect(events[7]!.data).toMatchObject({ status: 'CANCELLED' });
  });

  it('is for administrators only', async () => {
    const user = await signUp(tenant, 'plain');
    expect((await user.client.get('/api/v1/tenant/events')).status).toBe(403);
    expect((await tenant.anon.get('/api/v1/tenant/events')).status).toBe(401);
  });
});
