import { beforeAll, expect, it } from 'vitest';
import { createTestTenant, describeHttp, signUp, type TestTenant } from '../helpers/http';

type User = Awaited<ReturnType<typeof signUp>>;

describeHttp('blocks', (t) => {
  let tenant: TestTenant;
  let owner: User;
  let applicant: User;
  let stranger: User;
  let accountId: string;
  let listingId: string;
  let applicationId: string;

  const apply = (user: User, id = listingId) => user.client.post('/api/v1/user/applications', { listingId: id, coverLetter: 'Hello' });
  const publish = async (title: string) => {
    const draft = await owner.client.post(`/api/v1/account/${accountId}/listings`, {
      type: 'GIG',
      title,
      description: 'One show.',
      price: '500.00',
      priceType: 'FIXED',
      currency: 'EUR',
    });
    expect((await owner.client.post(`/api/v1/account/${accountId}/listings/${draft.body.id}/transition`, { action: 'publish' })).status).toBe(200);
    return draft.body.id as string;
  };
  const fromApplicant = (body: string) => applicant.client.post(`/api/v1/user/applications/${applicationId}/messages`, { body });
  const fromAccount = (body: string) => owner.client.post(`/api/v1/account/${accountId}/applications/${applicationId}/messages`, { body });

  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'blocks');
    [owner, applicant, stranger] = await Promise.all([signUp(tenant, 'owner'), signUp(tenant, 'applicant'), signUp(tenant, 'stranger')]);
    const account = await tenant.adminClient.post('/api/v1/tenant/accounts', {
      identifier: 'house',
      name: 'House',
      type: 'AGENCY',
      ownerId: owner.id,
      plan: 'pro',
    });
    expect(account.status).toBe(201);
    accountId = account.body.id;
    listingId = await publish('Runway model');
  });

  it('blocks a person once, lists and lifts blocks; refuses oneself and unknown people', async () => {
    expect((await stranger.client.post('/api/v1/user/blocks', { userId: stranger.id })).status).toBe(400);
    const unknown = await stranger.client.post('/api/v1/user/blocks', { userId: '01900000-0000-7000-8000-000000000000' });
    expect(unknown).toMatchObject({ status: 422, body: { code: 'UNKNOWN_USER' } });
    const first = await stranger.client.post('/api/v1/user/blocks', { userId: applicant.id });
    expect(first.status).toBe(201);
    const again = await stranger.client.post('/api/v1/user/blocks', { userId: applicant.id });
    expect(again).toMatchObject({ status: 200, body: { userId: applicant.id, blockedAt: first.body.blockedAt } });
    expect((await stranger.client.get('/api/v1/user/blocks')).body.data).toEqual([first.body]);
    expect((await applicant.client.get('/api/v1/user/blocks')).body.data).toEqual([]);
    expect((await stranger.client.delete(`/api/v1/user/blocks/${applicant.id}`)).status).toBe(204);
    expect((await stranger.client.delete(`/api/v1/user/blocks/${applicant.id}`)).status).toBe(204);
    expect((await stranger.client.get('/api/v1/user/blocks')).body.data).toEqual([]);
  });

  it('stops applications either way round while the block stands', async () => {
    expect((await owner.client.post('/api/v1/user/blocks', { userId: applicant.id })).status).toBe(201);
    expect(await apply(applicant)).toMatchObject({ status: 403, body: { code: 'USER_BLOCKED' } });
    expect((await owner.client.delete(`/api/v1/user/blocks/${applicant.id}`)).status).toBe(204);
    const applied = await apply(applicant);
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    applicationId = applied.body.id;

    const other = await publish('Second show');
    expect((await applicant.client.post('/api/v1/user/blocks', { userId: owner.id })).status).toBe(201);
    expect(await apply(applicant, other)).toMatchObject({ status: 403, body: { code: 'USER_BLOCKED' } });
    expect((await applicant.client.delete(`/api/v1/user/blocks/${owner.id}`)).status).toBe(204);
  });

  it('stops messages in both directions, and lifting the block lets them through again', async () => {
    expect((await fromApplicant('Before')).status).toBe(201);
    expect((await applicant.client.post('/api/v1/user/blocks', { userId: owner.id })).status).toBe(201);
    expect(await fromApplicant('After')).toMatchObject({ status: 403, body: { code: 'USER_BLOCKED' } });
    expect(await fromAccount('Reply')).toMatchObject({ status: 403, body: { code: 'USER_BLOCKED' } });
    expect((await applicant.client.delete(`/api/v1/user/blocks/${owner.id}`)).status).toBe(204);
    expect((await fromAccount('Reply')).status).toBe(201);
  });

  it('the database refuses a booking between blocked people, whatever writes it', async () => {
    expect((await stranger.client.post('/api/v1/user/blocks', { userId: owner.id })).status).toBe(201);
    const insert = (client: string, resource: string) =>
      t.db.query(
        `insert into bookings (tenant_id, resource_id, client_id, title, type, start_time, end_time, timezone)
         values ($1, $2, $3, 'Fitting', 'APPOINTMENT', now() + interval '3 days', now() + interval '3 days 1 hour', 'Europe/Vienna')`,
        [tenant.id, resource, client],
      );
    await expect(insert(stranger.id, owner.id)).rejects.toThrow(/blocked/);
    await expect(insert(owner.id, stranger.id)).rejects.toThrow(/blocked/);
    await insert(applicant.id, owner.id); // no block between these two
  });

  it('under parallel requests: a block made while messages are in flight lets none through after it, and nothing fails otherwise', async () => {
    const inFlight = Array.from({ length: 8 }, (_, i) => fromApplicant(`Parallel ${i}`));
    const block = owner.client.post('/api/v1/user/blocks', { userId: applicant.id });
    const results = await Promise.all([...inFlight, block]);
    const blocked = results.at(-1)!;
    expect(blocked.status).toBe(201);
    for (const r of results.slice(0, -1)) expect([201, 403]).toContain(r.status);
    const after = await Promise.all(Array.from({ length: 4 }, (_, i) => fromApplicant(`Late ${i}`)));
    expect(after.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    // every message that got in committed before the block did
    const [row] = await t.db.query<{ late: number }>(
      `select count(*)::int as late from messages m join user_blocks b on b.tenant_id = m.tenant_id
        where m.tenant_id = $1 and m.application_id = $2 and b.blocker_id = $3 and b.blocked_id = $4 and m.xmin::text::bigint > b.xmin::text::bigint`,
      [tenant.id, applicationId, owner.id, applicant.id],
    );
    expect(row!.late).toBe(0);
  });

  it('two blocks of one pair at once: one is made, the other finds it', async () => {
    const both = await Promise.all([
      stranger.client.post('/api/v1/user/blocks', { userId: applicant.id }),
      stranger.client.post('/api/v1/user/blocks', { userId: applicant.id }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 201]);
  });
});
