import { beforeAll, expect, it } from 'vitest';
import { createTestTenant, describeHttp, signUp, type TestTenant } from '../helpers/http';

type User = Awaited<ReturnType<typeof signUp>>;

describeHttp('reports and the moderation queue', (t) => {
  let tenant: TestTenant;
  let owner: User;
  let reporter: User;
  let second: User;
  let accountId: string;
  let listingId: string;
  let messageId: string;

  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'reports');
    [owner, reporter, second] = await Promise.all([signUp(tenant, 'owner'), signUp(tenant, 'reporter'), signUp(tenant, 'second')]);
    const account = await tenant.adminClient.post('/api/v1/tenant/accounts', {
      identifier: 'shop',
      name: 'Shop',
      type: 'AGENCY',
      ownerId: owner.id,
      plan: 'pro',
    });
    accountId = account.body.id;
    const draft = await owner.client.post(`/api/v1/account/${accountId}/listings`, {
      type: 'GIG',
      title: 'Too good to be true',
      description: 'Pay upfront.',
      price: '10.00',
      priceType: 'FIXED',
      currency: 'EUR',
    });
    listingId = draft.body.id;
    expect((await owner.client.post(`/api/v1/account/${accountId}/listings/${listingId}/transition`, { action: 'publish' })).status).toBe(200);
    const applied = await reporter.client.post('/api/v1/user/applications', { listingId });
    expect(applied.status).toBe(201);
    const sent = await owner.client.post(`/api/v1/account/${accountId}/applications/${applied.body.id}/messages`, { body: 'Send the money first' });
    expect(sent.status).toBe(201);
    messageId = sent.body.id;
  });

  it('takes one open report per reporter and target, also when two arrive at once', async () => {
    const both = await Promise.all([
      reporter.client.post('/api/v1/user/reports', { targetType: 'LISTING', targetId: listingId, reason: 'FRAUD', text: 'Asks for money upfront' }),
      reporter.client.post('/api/v1/user/reports', { targetType: 'LISTING', targetId: listingId, reason: 'FRAUD' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)!.body.code).toBe('ALREADY_REPORTED');
    expect(both.find((r) => r.status === 201)!.body).toMatchObject({ status: 'OPEN', reporterId: reporter.id, targetType: 'LISTING', reason: 'FRAUD' });
    expect((await second.client.post('/api/v1/user/reports', { targetType: 'LISTING', targetId: listingId, reason: 'SPAM' })).status).toBe(201);
  });

  it('reports only what the reporter can see', async () => {
    const bad = async (user: User, targetType: string, targetId: string) => {
      const res = await user.client.post('/api/v1/user/reports', { targetType, targetId, reason: 'ABUSE' });
      expect(res, `${targetType} ${targetId}`).toMatchObject({ status: 422, body: { code: 'UNKNOWN_REPORT_TARGET' } });
    };
    await bad(second, 'MESSAGE', messageId); // not their conversation
    await bad(reporter, 'USER', reporter.id); // oneself
    await bad(reporter, 'REVIEW', '01900000-0000-7000-8000-000000000000');
    await bad(reporter, 'LISTING', '01900000-0000-7000-8000-000000000000');
    expect((await reporter.client.post('/api/v1/user/reports', { targetType: 'MESSAGE', targetId: messageId, reason: 'FRAUD' })).status).toBe(201);
    expect((await reporter.client.post('/api/v1/user/reports', { targetType: 'USER', targetId: owner.id, reason: 'FRAUD' })).status).toBe(201);
    expect((await reporter.client.post('/api/v1/user/reports', { targetType: 'PLANET', targetId: owner.id, reason: 'FRAUD' })).status).toBe(400);
    expect((await tenant.anon.post('/api/v1/user/reports', { targetType: 'USER', targetId: owner.id, reason: 'FRAUD' })).status).toBe(401);
  });

  it('moderators work the queue: resolving can hide the target (a held listing), dismissing closes; each once', async () => {
    expect((await reporter.client.get('/api/v1/tenant/reports')).status).toBe(403);
    const queue = await tenant.adminClient.get(`/api/v1/tenant/reports?status=OPEN&targetType=LISTING&targetId=${listingId}`);
    expect(queue.status).toBe(200);
    expect(queue.body.data).toHaveLength(2);
    const [newest, oldest] = queue.body.data;

    const resolved = await tenant.adminClient.post(`/api/v1/tenant/reports/${oldest.id}/resolve`, { note: 'Scam', hideTarget: true });
    expect(resolved).toMatchObject({ status: 200, body: { status: 'RESOLVED', resolvedBy: tenant.admin.id, resolutionNote: 'Scam', targetHidden: true } });
    expect((await tenant.anon.get(`/api/v1/public/listings/${listingId}`)).status).toBe(404);
    const resume = await owner.client.post(`/api/v1/account/${accountId}/listings/${listingId}/transition`, { action: 'resume' });
    expect(resume).toMatchObject({ status: 409, body: { code: 'LISTING_HELD' } });

    expect((await tenant.adminClient.post(`/api/v1/tenant/reports/${oldest.id}/dismiss`, {})).body.code).toBe('REPORT_CLOSED');
    const dismissed = await tenant.adminClient.post(`/api/v1/tenant/reports/${newest.id}/dismiss`, { note: 'Duplicate' });
    expect(dismissed.body).toMatchObject({ status: 'DISMISSED', targetHidden: false });
    expect((await tenant.adminClient.get(`/api/v1/tenant/reports?status=OPEN&targetType=LISTING`)).body.data).toEqual([]);
    expect((await tenant.adminClient.post('/api/v1/tenant/reports/01900000-0000-7000-8000-000000000000/resolve', {})).status).toBe(404);

    // a reported message is removed when its report is resolved with hideTarget
    const messageReport = (await tenant.adminClient.get(`/api/v1/tenant/reports?targetType=MESSAGE`)).body.data[0];
    await tenant.adminClient.post(`/api/v1/tenant/reports/${messageReport.id}/resolve`, { hideTarget: true });
    const [row] = await t.db.query<{ deleted: boolean }>('select deleted_at is not null as deleted from messages where id = $1', [messageId]);
    expect(row!.deleted).toBe(true);

    // the resolution is in the audit trail
    const [audit] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from audit_logs where tenant_id = $1 and resource_id = $2 and lower(action) = 'update' and user_id = $3`,
      [tenant.id, oldest.id, tenant.admin.id],
    );
    expect(audit!.n).toBe(1);
  });
});
