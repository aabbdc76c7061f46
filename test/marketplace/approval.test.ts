import { beforeAll, expect, it } from 'vitest';
import { createTestTenant, describeHttp, signUp, type TestTenant } from '../helpers/http';

type User = Awaited<ReturnType<typeof signUp>>;

describeHttp('listing approval', (t) => {
  let tenant: TestTenant;
  let owner: User;
  let accountId: string;
  const listing = (id: string) => `/api/v1/account/${accountId}/listings/${id}`;

  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'approval');
    owner = await signUp(tenant, 'owner');
    const account = await tenant.adminClient.post('/api/v1/tenant/accounts', {
      identifier: 'crew',
      name: 'Crew',
      type: 'AGENCY',
      ownerId: owner.id,
      plan: 'pro',
    });
    accountId = account.body.id;
    const on = await tenant.adminClient.patch('/api/v1/tenant/settings', { settings: { marketplace: { listingApproval: true } } });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
  });

  const draft = async () => {
    const res = await owner.client.post(`/api/v1/account/${accountId}/listings`, {
      type: 'GIG',
      title: 'Stage hand',
      description: 'Two nights.',
      price: '200.00',
      priceType: 'FIXED',
      currency: 'EUR',
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  it('a published listing waits for a moderator; approving makes it public, rejecting sends it back with a note', async () => {
    const a = await draft();
    const published = await owner.client.post(`${listing(a)}/transition`, { action: 'publish' });
    expect(published.body.status).toBe('PENDING_APPROVAL');
    expect((await tenant.anon.get(`/api/v1/public/listings/${a}`)).status).toBe(404);
    const queue = await tenant.adminClient.get('/api/v1/tenant/listings?status=PENDING_APPROVAL');
    expect(queue.body.data.map((l: { id: string }) => l.id)).toEqual([a]);

    expect((await owner.client.post(`/api/v1/tenant/listings/${a}/approve`, {})).status).toBe(403);
    const approved = await tenant.adminClient.post(`/api/v1/tenant/listings/${a}/approve`, {});
    expect(approved.body).toMatchObject({ status: 'ACTIVE', approvalNote: null });
    expect((await tenant.anon.get(`/api/v1/public/listings/${a}`)).status).toBe(200);
    expect((await tenant.adminClient.post(`/api/v1/tenant/listings/${a}/approve`, {})).body.code).toBe('ILLEGAL_TRANSITION');

    const b = await draft();
    await owner.client.post(`${listing(b)}/transition`, { action: 'publish' });
    const rejected = await tenant.adminClient.post(`/api/v1/tenant/listings/${b}/reject`, { note: 'Add the venue' });
    expect(rejected.body).toMatchObject({ status: 'DRAFT', approvalNote: 'Add the venue' });
    expect((await owner.client.get(listing(b))).body.approvalNote).toBe('Add the venue');
  });

  it('a material edit of a live listing goes back to approval; other edits do not', async () => {
    const c = await draft();
    await owner.client.post(`${listing(c)}/transition`, { action: 'publish' });
    await tenant.adminClient.post(`/api/v1/tenant/listings/${c}/approve`, {});
    const small = await owner.client.patch(listing(c), { duration: '2 nights' });
    expect(small.body.status).toBe('ACTIVE');
    const material = await owner.client.patch(listing(c), { title: 'Stage hand, paid in cash' });
    expect(material.body.status).toBe('PENDING_APPROVAL');
    expect((await tenant.anon.get(`/api/v1/public/listings/${c}`)).status).toBe(404);
  });

  it('without the setting, publishing goes live at once', async () => {
    expect((await tenant.adminClient.patch('/api/v1/tenant/settings', { settings: { marketplace: { listingApproval: false } } })).status).toBe(200);
    const d = await draft();
    expect((await owner.client.post(`${listing(d)}/transition`, { action: 'publish' })).body.status).toBe('ACTIVE');
  });
});
