import { beforeAll, expect, it } from 'vitest';
import { jobDefinitions } from '../../src/modules/jobs';
import { createTestTenant, describeHttp, signUp, type TestTenant, uploadFile } from '../helpers/http';
import { makePdf } from '../media/fixtures';

/**
 * The changes beyond the first round of events write theirs too, in the change's own
 * transaction: a person's details (names of the changed fields, never the values),
 * memberships, files going to the trash and back and for good, erasure, and listings
 * that expire on the clock.
 */
describeHttp('domain events of people, memberships, files and expiries', (t) => {
  let tenant: TestTenant;
  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'evcover');
  });

  /** The tenant's events of `types` written since the test began, oldest first (straight from the table: no feed lag). */
  const eventsOf = async (types: string[], since: Date) =>
    t.db.query<{ type: string; resource_id: string | null; actor_id: string | null; payload: Record<string, unknown> }>(
      `select type, resource_id, actor_id, payload from events where tenant_id = $1 and type = any($2) and occurred_at >= $3 order by txid, id`,
      [tenant.id, types, since],
    );

  it('user.updated names the changed fields; user.erased names only the person', async () => {
    const since = new Date(Date.now() - 1000);
    const person = await signUp(tenant, 'evperson');
    expect((await person.client.patch('/api/v1/user/me', { username: 'evperson' })).status).toBe(200);
    expect((await person.client.patch('/api/v1/user/profile', { bio: 'Photographer in Graz' })).status).toBe(200);
    expect((await tenant.adminClient.post(`/api/v1/tenant/users/${person.id}/erase`, {})).status).toBeLessThan(300);
    const events = await eventsOf(['user.updated', 'user.erased'], since);
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      ['user.updated', { id: person.id, changed: ['username'] }],
      ['user.updated', { id: person.id, changed: ['profile.bio'] }],
      ['user.erased', { id: person.id }],
    ]);
    expect(JSON.stringify(events)).not.toContain('Graz');
  });

  it('membership.added, .updated and .removed follow a member through an account', async () => {
    const since = new Date(Date.now() - 1000);
    const member = await signUp(tenant, 'evmember');
    const account = (
      await tenant.adminClient.post('/api/v1/tenant/accounts', { identifier: 'ev-studio', name: 'Ev Studio', type: 'AGENCY', ownerId: tenant.admin.id })
    ).body;
    expect((await tenant.adminClient.post(`/api/v1/tenant/accounts/${account.id}/members`, { userId: member.id, role: 'member' })).status).toBe(201);
    const changed = await tenant.adminClient.patch(`/api/v1/account/${account.id}/members/${member.id}`, { role: 'viewer' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect((await tenant.adminClient.delete(`/api/v1/account/${account.id}/members/${member.id}`)).status).toBe(204);
    const events = await eventsOf(['membership.added', 'membership.updated', 'membership.removed'], since);
    expect(events.map((e) => [e.type, e.resource_id, e.payload])).toEqual([
      ['membership.added', account.id, { accountId: account.id, userId: member.id, role: 'member' }],
      ['membership.updated', account.id, { accountId: account.id, userId: member.id, role: 'viewer' }],
      ['membership.removed', account.id, { accountId: account.id, userId: member.id, role: 'viewer' }],
    ]);
    expect(events.every((e) => e.actor_id === tenant.admin.id)).toBe(true);
  });

  it('media.deleted, .restored and .purged, once each however often the request repeats', async () => {
    const since = new Date(Date.now() - 1000);
    const owner = await signUp(tenant, 'evfiles');
    const file = await uploadFile(owner.client, '/api/v1/user/media', makePdf(500), 'cv.pdf');
    for (let i = 0; i < 2; i++) expect((await owner.client.delete(`/api/v1/user/media/${file.id}`)).status).toBe(204);
    for (let i = 0; i < 2; i++) expect((await owner.client.post(`/api/v1/user/media/${file.id}/restore`, {})).status).toBe(200);
    expect((await owner.client.delete(`/api/v1/user/media/${file.id}?permanent=true`)).status).toBe(204);
    const events = await eventsOf(['media.uploaded', 'media.deleted', 'media.restored', 'media.purged'], since);
    expect(events.map((e) => [e.type, e.resource_id])).toEqual([
      ['media.uploaded', file.id],
      ['media.deleted', file.id],
      ['media.restored', file.id],
      ['media.purged', file.id],
    ]);
  });

  it('listing.expired comes from the expiry job, one per listing, with the deliveries of subscribed endpoints', async () => {
    const since = new Date(Date.now() - 1000);
    const seller = await signUp(tenant, 'evseller');
    const account = (await seller.client.post('/api/v1/user/accounts', { identifier: 'ev-seller', name: 'Ev Seller', type: 'VENDOR' })).body;
    const draft = (
      await seller.client.post(`/api/v1/account/${account.id}/listings`, {
        type: 'GIG',
        title: 'Expiring gig',
        description: 'It will expire on the clock.',
        price: '10.00',
        priceType: 'FIXED',
        currency: 'EUR',
      })
    ).body;
    expect((await seller.client.post(`/api/v1/account/${account.id}/listings/${draft.id}/transition`, { action: 'publish' })).status).toBe(200);
    await t.db.query(`update listings set expires_at = now() - interval '1 second' where tenant_id = $1 and id = $2`, [tenant.id, draft.id]);
    const job = jobDefinitions.find((j) => j.name === 'listings.expire')!;
    await job.run(t.db);
    await job.run(t.db);
    const events = await eventsOf(['listing.expired'], since);
    expect(events.map((e) => [e.type, e.resource_id, e.actor_id, e.payload])).toEqual([
      ['listing.expired', draft.id, null, { id: draft.id, status: 'EXPIRED' }],
    ]);
  });
});
