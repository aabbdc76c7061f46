import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestTenant, describeHttp, signUp, type TestTenant } from '../helpers/http';

type User = Awaited<ReturnType<typeof signUp>>;

/** Sign-ups hash passwords: a few at a time keeps the two cores busy without queueing everything. */
async function signUpMany(tenant: TestTenant, label: string, n: number): Promise<User[]> {
  const users: User[] = [];
  for (let i = 0; i < n; i += 10) {
    users.push(...(await Promise.all(Array.from({ length: Math.min(10, n - i) }, (_, j) => signUp(tenant, `${label}-${i + j}`)))));
  }
  return users;
}

const listingBody = (overrides: Record<string, unknown> = {}) => ({
  type: 'GIG',
  title: 'Runway model for the spring show',
  description: 'Two fittings and one show in Vienna.',
  price: '1500.00',
  priceType: 'FIXED',
  currency: 'EUR',
  location: { city: 'Vienna', country: 'AT', lat: 48.2082, lng: 16.3738 },
  ...overrides,
});

describeHttp('marketplace over HTTP', (t) => {
  let tenant: TestTenant;
  let owner: User;
  let member: User;
  let applicants: User[];
  let accountId: string;
  let rivalId: string;
  const account = (path = '') => `/api/v1/account/${accountId}${path}`;

  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'market');
    [owner, member] = (await signUpMany(tenant, 'staff', 2)) as [User, User];
    applicants = await signUpMany(tenant, 'applicant', 4);
    const created = await tenant.adminClient.post('/api/v1/tenant/accounts', {
      identifier: 'studio',
      name: 'Studio',
      type: 'AGENCY',
      ownerId: owner.id,
      plan: 'pro',
    });
    expect(created.status).toBe(201);
    accountId = created.body.id;
    expect((await tenant.adminClient.post(`/api/v1/tenant/accounts/${accountId}/members`, { userId: member.id, role: 'member' })).status).toBe(201);
    rivalId = (await tenant.adminClient.post('/api/v1/tenant/accounts', { identifier: 'rival', name: 'Rival', type: 'CLIENT', plan: 'pro' })).body.id;
  }, 120_000);

  /** A published listing of the studio. */
  async function publish(overrides: Record<string, unknown> = {}, client: Client = owner.client): Promise<{ id: string } & Record<string, any>> {
    const draft = await client.post(account('/listings'), listingBody(overrides));
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const active = await client.post(account(`/listings/${draft.body.id}/transition`), { action: 'publish' });
    expect(active.status, JSON.stringify(active.body)).toBe(200);
    return active.body;
  }

  describe('the flow', () => {
    it('publish → find → apply → review → talk', async () => {
      // The account writes a listing with questions and publishes it.
      const draft = await owner.client.post(
        account('/listings'),
        listingBody({
          requirements: { questions: [{ id: 'height', label: 'Height (cm)', type: 'number', required: true }], positions: 1 },
          expiresAt: '2031-01-01T00:00:00Z',
        }),
      );
      expect(draft.status).toBe(201);
      expect(draft.body).toMatchObject({ status: 'DRAFT', price: '1500.00', createdBy: owner.id, location: { country: 'AT' } });
      const listingId = draft.body.id as string;
      expect((await tenant.anon.get(`/api/v1/public/listings/${listingId}`)).status).toBe(404);
      expect((await owner.client.post(account(`/listings/${listingId}/transition`), { action: 'publish' })).body.status).toBe('ACTIVE');

      // Anyone finds it.
      const found = await tenant.anon.get('/api/v1/public/listings?q=runway&country=AT&remote=false&limit=5');
      expect(found.status).toBe(200);
      expect(found.body.data.map((l: { id: string }) => l.id)).toContain(listingId);
      expect((await tenant.anon.get(`/api/v1/public/listings/${listingId}`)).body).toMatchObject({ id: listingId, status: 'ACTIVE', applicationCount: 0 });

      // An applicant answers the question and applies.
      const [alice] = applicants as [User];
      const bad = await alice.client.post('/api/v1/user/applications', { listingId, answers: { height: 'tall' } });
      expect(bad.status).toBe(422);
      expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(bad.body).toMatchObject({ code: 'INVALID_ANSWERS', errors: [{ path: 'answers.height', message: 'must be a number' }] });
      const applied = await alice.client.post('/api/v1/user/applications', { listingId, coverLetter: 'Hi!', answers: { height: 178 } });
      expect(applied.status).toBe(201);
      const applicationId = applied.body.id as string;
      expect(applied.body).toMatchObject({ status: 'PENDING', applicantId: alice.id, listing: { id: listingId, title: draft.body.title } });
      const again = await alice.client.post('/api/v1/user/applications', { listingId, answers: { height: 178 } });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ALREADY_APPLIED');
      expect((await alice.client.get('/api/v1/user/applications')).body.data.map((a: { id: string }) => a.id)).toContain(applicationId);

      // The account sees it on the dashboard and in the listing's applications, and reviews it.
      const dashboard = await member.client.get(account('/listings?status=ACTIVE'));
      expect(dashboard.body.data.find((l: { id: string }) => l.id === listingId).stats).toMatchObject({ totalApplications: 1, pendingApplications: 1 });
      const incoming = await member.client.get(account(`/listings/${listingId}/applications?status=PENDING`));
      expect(incoming.body.data.map((a: { id: string }) => a.id)).toEqual([applicationId]);
      expect((await member.client.post(account(`/applications/${applicationId}/review`), { action: 'review' })).body).toMatchObject({
        status: 'REVIEWING',
        reviewedBy: member.id,
      });

      // They talk.
      const question = await alice.client.post(`/api/v1/user/applications/${applicationId}/messages`, { body: 'When is the first fitting?' });
      expect(question.status).toBe(201);
      expect((await owner.client.get(account('/messages/unread'))).body).toMatchObject({ total: 1, conversations: [{ applicationId, unread: 1 }] });
      const thread = await owner.client.get(account(`/applications/${applicationId}/messages`));
      expect(thread.body.data.map((m: { body: string }) => m.body)).toEqual(['When is the first fitting?']);
      expect((await owner.client.post(account(`/applications/${applicationId}/messages/read`), {})).body).toEqual({ applicationId, unread: 0 });
      const answer = await owner.client.post(account(`/applications/${applicationId}/messages`), { body: 'Monday 9:00.' });
      expect((await alice.client.get('/api/v1/user/messages/unread')).body.total).toBe(1);
      expect(
        (await alice.client.patch(`/api/v1/user/messages/${question.body.id}`, { body: 'When is the first fitting, please?' })).body.editedAt,
      ).not.toBeNull();
      expect((await alice.client.patch(`/api/v1/user/messages/${answer.body.id}`, { body: 'Never.' })).status).toBe(403);
      expect((await owner.client.delete(account(`/messages/${answer.body.id}`))).status).toBe(204);
      const afterDelete = await alice.client.get(`/api/v1/user/applications/${applicationId}/messages`);
      expect(afterDelete.body.data[0]).toMatchObject({ id: answer.body.id, body: null });

      // Nobody else reads it: another applicant, another account's admin.
      const [, bob] = applicants as [User, User];
      expect((await bob.client.get(`/api/v1/user/applications/${applicationId}/messages`)).status).toBe(404);
      expect((await bob.client.get(`/api/v1/user/applications/${applicationId}`)).status).toBe(404);

      // Accepting the one position completes the listing.
      expect((await owner.client.post(account(`/applications/${applicationId}/review`), { action: 'accept' })).body.listing.status).toBe('COMPLETED');
      expect((await tenant.anon.get(`/api/v1/public/listings/${listingId}`)).status).toBe(404);
    });
  });

  describe('refusals are coded problems and write nothing', () => {
    it('validates input (400) and the state machine (409 naming the allowed moves)', async () => {
      const floaty = await owner.client.post(account('/listings'), listingBody({ price: 1500.5 }));
      expect(floaty.status).toBe(400);
      expect(floaty.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(floaty.body.errors.map((e: { path: string }) => e.path).join()).toMatch(/price/);
      const unknownField = await owner.client.post(account('/listings'), { ...listingBody(), color: 'red' });
      expect(unknownField.status).toBe(400);
      expect(unknownField.body.detail).toBe('The body has a field it does not know: color.');
      // A missing field reads as a sentence, the field's message as a fragment next to it.
      const { description: _, ...withoutDescription } = listingBody();
      const missing = await owner.client.post(account('/listings'), withoutDescription);
      expect(missing.body).toMatchObject({
        detail: 'The field “description” is required.',
        errors: [{ path: 'body.description', message: 'is required' }],
      });

      const draft = await owner.client.post(account('/listings'), listingBody());
      const pause = await owner.client.post(account(`/listings/${draft.body.id}/transition`), { action: 'pause' });
      expect(pause.status).toBe(409);
      expect(pause.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', allowed: ['publish'] });

      const search = await tenant.anon.get('/api/v1/public/listings?minPrice=10');
      expect(search.status).toBe(400);
      expect(search.body.code).toBe('VALIDATION_FAILED');
    });

    it('keeps records where they belong: other accounts and other tenants get 404', async () => {
      const listing = await publish();
      // A tenant admin addressing the studio's listing through the rival account.
      expect((await tenant.adminClient.get(`/api/v1/account/${rivalId}/listings/${listing.id}`)).status).toBe(404);
      // A member of the studio on the rival's routes: the guard says no.
      expect((await owner.client.get(`/api/v1/account/${rivalId}/listings`)).status).toBe(403);
      // Another tenant cannot see it, not even publicly.
      const other = await createTestTenant(t.app, 'elsewhere');
      expect((await other.anon.get(`/api/v1/public/listings/${listing.id}`)).status).toBe(404);
      expect((await other.adminClient.get(`/api/v1/tenant/listings/${listing.id}`)).status).toBe(404);
      expect((await other.anon.get('/api/v1/public/listings?q=runway')).body.data).toEqual([]);
    });

    it('lets the tenant moderate: pause and cancel', async () => {
      const listing = await publish();
      const paused = await tenant.adminClient.post(`/api/v1/tenant/listings/${listing.id}/transition`, { action: 'pause' });
      expect(paused.body.status).toBe('PAUSED');
      expect((await tenant.adminClient.get(`/api/v1/tenant/listings/${listing.id}`)).body.status).toBe('PAUSED');
      expect((await applicants[0]!.client.post('/api/v1/user/applications', { listingId: listing.id })).body.code).toBe('LISTING_NOT_OPEN');
    });

    it('refuses applying to one’s own account’s listing', async () => {
      const listing = await publish();
      const res = await member.client.post('/api/v1/user/applications', { listingId: listing.id });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('OWN_LISTING');
    });
  });

  describe('under concurrency (real parallel requests)', () => {
    it('lets exactly one of parallel duplicate applications through', async () => {
      const listing = await publish();
      const [, , carol] = applicants as [User, User, User];
      const results = await Promise.all(Array.from({ length: 10 }, () => carol.client.post('/api/v1/user/applications', { listingId: listing.id })));
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      const refused = results.filter((r) => r.status !== 201);
      expect(refused.map((r) => [r.status, r.body.code])).toEqual(Array.from({ length: 9 }, () => [409, 'ALREADY_APPLIED']));
      expect((await tenant.anon.get(`/api/v1/public/listings/${listing.id}`)).body.applicationCount).toBe(1);
    });

    it('counts 50 parallel applications by 50 people exactly', async () => {
      const listing = await publish();
      const crowd = await signUpMany(tenant, 'crowd', 50);
      const results = await Promise.all(crowd.map((u) => u.client.post('/api/v1/user/applications', { listingId: listing.id })));
      expect(results.map((r) => r.status)).toEqual(Array.from({ length: 50 }, () => 201));
      expect((await tenant.anon.get(`/api/v1/public/listings/${listing.id}`)).body.applicationCount).toBe(50);
      const [row] = await t.db.query<{ n: number }>(`select count(*)::int as n from applications where listing_id = $1`, [listing.id]);
      expect(row!.n).toBe(50);
    }, 120_000);

    it('lets exactly the limit of parallel publishes through', async () => {
      const limited = await tenant.adminClient.post('/api/v1/tenant/accounts', {
        identifier: 'small',
        name: 'Small',
        type: 'VENDOR',
        ownerId: owner.id,
        plan: 'pro',
        limits: { maxActiveListings: 3 },
      });
      expect(limited.status).toBe(201);
      const small = (path: string) => `/api/v1/account/${limited.body.id}${path}`;
      const drafts = await Promise.all(Array.from({ length: 8 }, () => owner.client.post(small('/listings'), listingBody())));
      const results = await Promise.all(drafts.map((d) => owner.client.post(small(`/listings/${d.body.id}/transition`), { action: 'publish' })));
      expect(results.filter((r) => r.status === 200)).toHaveLength(3);
      expect(results.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array.from({ length: 5 }, () => 'LISTING_LIMIT_REACHED'));
      const [row] = await t.db.query<{ n: number }>(`select count(*)::int as n from listings where account_id = $1 and status = 'ACTIVE'`, [limited.body.id]);
      expect(row!.n).toBe(3);
    });
  });
});
