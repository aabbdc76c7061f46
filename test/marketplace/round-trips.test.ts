import { beforeAll, expect, it } from 'vitest';
import { buildApp, type MonoApp } from '../../src/app/app';
import { type Database, openDatabase } from '../../src/db/client';
import { readableScript } from '../../src/db/first-trip';
import { hashToken, tokenTenant } from '../../src/modules/access/tokens';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';
import { Client, createTestTenant, describeHttp, signUp, type TestTenant } from '../helpers/http';
import { createMedia } from './fixtures';

type User = Awaited<ReturnType<typeof signUp>>;

/**
 * Submitting an application is two round trips on a server (issue 20, decision 50): the
 * first with BEGIN, the context, the session guard and every read the checks need; the
 * second with the insert, its event and deliveries, its notice and COMMIT. Counted on the
 * connections of a second app process on the same database, whose pool reports every
 * message it sends and waits for. The guarantees that made the other trips are checked
 * beside it: the event's payload is the answer, its webhook delivery carries it, the notice
 * and the audit entry are written, a second application is still 409 ALREADY_APPLIED.
 */
describeHttp('applying to a listing: two round trips, every guarantee', (t) => {
  let tenant: TestTenant;
  let owner: User;
  let applicants: User[];
  let accountId: string;
  const listings: string[] = [];
  let endpointId: string;
  let applicationId: string | undefined;

  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'trips');
    [owner, ...applicants] = await Promise.all([signUp(tenant, 'owner'), signUp(tenant, 'first'), signUp(tenant, 'second')]);
    accountId = (
      await tenant.adminClient.post('/api/v1/tenant/accounts', { identifier: 'studio', name: 'Studio', type: 'AGENCY', ownerId: owner.id, plan: 'pro' })
    ).body.id;
    for (const title of ['Runway', 'Catalogue']) {
      const draft = await owner.client.post(`/api/v1/account/${accountId}/listings`, {
        type: 'GIG',
        title,
        description: 'Two days in Milan.',
        price: '500.00',
        priceType: 'FIXED',
        currency: 'EUR',
      });
      expect((await owner.client.post(`/api/v1/account/${accountId}/listings/${draft.body.id}/transition`, { action: 'publish' })).status).toBe(200);
      listings.push(draft.body.id);
    }
    // Endpoints written as the owner (no delivery worker runs here): one takes applications, one does not.
    const [endpoint] = await t.db.query<{ id: string }>(
      `insert into webhook_endpoints (tenant_id, url, event_types, secret) values ($1, 'https://hooks.example/in', '{application.*}', 'x'),
              ($1, 'https://hooks.example/other', '{listing.*}', 'x') returning id`,
      [tenant.id],
    );
    endpointId = endpoint!.id;
  });

  /**
   * The messages a second app process (same database) sends while `request` runs, one per
   * round trip (as the statements they run: db/first-trip.ts readableScript), with the
   * person's session cached there first; undefined on PGlite, which is in the process and
   * has no round trips to count.
   */
  async function roundTrips(user: User, request: (client: Client) => Promise<unknown>): Promise<string[] | undefined> {
    if (t.db.engine === 'pglite') return undefined;
    const trips: string[] = [];
    let counting = false;
    const counted: Database = await openDatabase({
      url: t.db.url!,
      auditKey: TEST_AUDIT_KEY,
      observeRoundTrip: (text) => counting && trips.push(readableScript(text)),
    });
    let other: MonoApp | undefined;
    try {
      other = await buildApp({ db: counted, config: t.config });
      const there = new Client(other, user.token, tenant.identifier);
      const cached = () => other!.deps.sessions.get(tokenTenant(user.token, 'mses')!, hashToken(user.token).toString('hex')) !== undefined;
      for (let i = 0; i < 50 && !cached(); i++) expect((await there.get('/api/v1/user/me')).status).toBe(200);
      expect(cached()).toBe(true);
      counting = true;
      await request(there);
      counting = false;
      return trips;
    } finally {
      await other?.close();
      await counted.close();
    }
  }

  it('applying makes two round trips with a cached session: the checks with BEGIN, the writes with COMMIT', async () => {
    const cv = await createMedia(t.db, tenant.id, applicants[0]!.id);
    const trips = await roundTrips(applicants[0]!, async (client) => {
      const applied = await client.post('/api/v1/user/applications', { listingId: listings[0], coverLetter: 'Counted.', attachments: [cv] });
      expect(applied.status).toBe(201);
      expect(applied.body.attachments).toEqual([cv]);
      applicationId = applied.body.id;
    });
    if (!trips) return;
    expect(trips).toHaveLength(2);
    expect(trips[0]).toMatch(/^BEGIN;[\s\S]*mono\.session_guard[\s\S]*for no key update/);
    // The one lock order of application changes: the listing first, then the files.
    const lockOf = (table: string) => trips[0]!.search(new RegExp(`from "${table}" where [^;]* for no key update`));
    expect(lockOf('listings')).toBeGreaterThan(0);
    expect(lockOf('listings')).toBeLessThan(lockOf('media_files'));
    expect(trips[1]).toMatch(
      /insert into "applications"[\s\S]*insert into events[\s\S]*insert into webhook_deliveries[\s\S]*insert into notifications[\s\S]*COMMIT$/,
    );
  });

  it('sending a message makes two round trips too; the read mark, the notice and the event come with it', async () => {
    if (!applicationId) applicationId = (await applicants[0]!.client.post('/api/v1/user/applications', { listingId: listings[0] })).body.id;
    let sent: { id: string; createdAt: string } | undefined;
    const trips = await roundTrips(applicants[0]!, async (client) => {
      const response = await client.post(`/api/v1/user/applications/${applicationId}/messages`, { body: 'When do we start?' });
      expect(response.status).toBe(201);
      sent = response.body;
    });
    if (trips) {
      expect(trips).toHaveLength(2);
      expect(trips[1]).toMatch(
        /insert into "messages"[\s\S]*insert into conversation_reads[\s\S]*insert into notifications[\s\S]*insert into events[\s\S]*COMMIT$/,
      );
    } else {
      sent = (await applicants[0]!.client.post(`/api/v1/user/applications/${applicationId}/messages`, { body: 'When do we start?' })).body;
    }
    const [read] = await t.db.query<{ last_read_message_id: string }>(
      'select last_read_message_id from conversation_reads where tenant_id = $1 and application_id = $2 and user_id = $3',
      [tenant.id, applicationId, applicants[0]!.id],
    );
    expect(read?.last_read_message_id).toBe(sent!.id);
    const [event] = await t.db.query<{ payload: unknown }>("select payload from events where tenant_id = $1 and type = 'message.sent' and resource_id = $2", [
      tenant.id,
      sent!.id,
    ]);
    expect(event?.payload).toEqual({ id: sent!.id, applicationId, senderId: applicants[0]!.id, createdAt: sent!.createdAt });
    const notified = await t.db.query<{ user_id: string; title: string }>(
      `select user_id, title from notifications where tenant_id = $1 and resource_id = $2 and kind = 'message.new'`,
      [tenant.id, applicationId],
    );
    expect(notified.map((n) => n.user_id)).toContain(owner.id);
  });

  it('writes the event (payload = the answer), its delivery, the notice and the audit entry in the transaction', async () => {
    const applied = await applicants[1]!.client.post('/api/v1/user/applications', { listingId: listings[0], coverLetter: 'Hello', answers: {} });
    expect(applied.status).toBe(201);
    const application = applied.body;
    expect(application).toMatchObject({ listingId: listings[0], applicantId: applicants[1]!.id, status: 'PENDING', listing: { status: 'ACTIVE' } });
    const [event] = await t.db.query<{ id: string; payload: unknown; actor_id: string; occurred_at: string; created: string }>(
      `select e.id, e.payload, e.actor_id, to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at
         from events e where e.tenant_id = $1 and e.type = 'application.submitted' and e.resource_id = $2`,
      [tenant.id, application.id],
    );
    expect(event).toBeDefined();
    expect(event!.payload).toEqual(application);
    expect(event!.actor_id).toBe(applicants[1]!.id);
    expect(event!.occurred_at).toBe(application.createdAt);
    const deliveries = await t.db.query<{ endpoint_id: string; payload: Record<string, any> }>(
      'select endpoint_id, payload from webhook_deliveries where tenant_id = $1 and event_id = $2',
      [tenant.id, event!.id],
    );
    expect(deliveries).toEqual([
      {
        endpoint_id: endpointId,
        payload: {
          id: event!.id,
          type: 'application.submitted',
          timestamp: event!.occurred_at,
          actorId: applicants[1]!.id,
          resource: { type: 'application', id: application.id },
          data: application,
        },
      },
    ]);
    const notified = await t.db.query<{ user_id: string; title: string }>(
      `select user_id, title from notifications where tenant_id = $1 and resource_id = $2 and kind = 'application.submitted'`,
      [tenant.id, application.id],
    );
    expect(notified).toEqual([{ user_id: owner.id, title: expect.stringContaining('Runway') }]);
    const audited = await t.db.query<{ action: string }>('select action from audit_logs where tenant_id = $1 and resource_id = $2', [
      tenant.id,
      application.id,
    ]);
    expect(audited.map((a) => a.action)).toEqual([expect.stringMatching(/insert|create/i)]);
    // What the API shows of it later is what the event said.
    const { listing: _, ...stored } = application;
    expect((await applicants[1]!.client.get(`/api/v1/user/applications/${application.id}`)).body).toMatchObject(stored);
  });

  it('still refuses a second application with 409 ALREADY_APPLIED, also two at once, and writes nothing for them', async () => {
    const both = await Promise.all([0, 1].map(() => applicants[0]!.client.post('/api/v1/user/applications', { listingId: listings[1] })));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)!.body.code).toBe('ALREADY_APPLIED');
    const again = await applicants[0]!.client.post('/api/v1/user/applications', { listingId: listings[1] });
    expect(again.body.code).toBe('ALREADY_APPLIED');
    const [written] = await t.db.query<{ events: number; notices: number }>(
      `select (select count(*)::int from events e join applications a on a.tenant_id = e.tenant_id and a.id = e.resource_id
                where e.tenant_id = $1 and a.listing_id = $2 and e.type = 'application.submitted') as events,
              (select count(*)::int from notifications n join applications a on a.tenant_id = n.tenant_id and a.id = n.resource_id
                where n.tenant_id = $1 and a.listing_id = $2) as notices`,
      [tenant.id, listings[1]],
    );
    expect(written).toEqual({ events: 1, notices: 1 });
    const [orphans] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from events e where e.tenant_id = $1 and e.type = 'application.submitted'
          and not exists (select 1 from applications a where a.tenant_id = e.tenant_id and a.id = e.resource_id)`,
      [tenant.id],
    );
    expect(orphans!.n).toBe(0);
  });
});
