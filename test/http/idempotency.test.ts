import { beforeAll, expect, it } from 'vitest';
import { Client, createTestTenant, describeHttp, type TestTenant } from '../helpers/http';

describeHttp('Idempotency-Key: replays, concurrent twins, reuse, expiry', (t) => {
  let tenant: TestTenant;
  beforeAll(async () => {
    tenant = await createTestTenant(t.app, 'idem');
  });
  const admin = () => tenant.adminClient;
  const countAccounts = async (identifier: string) =>
    (await t.db.query<{ n: number }>('select count(*)::int as n from accounts where tenant_id = $1 and identifier = $2', [tenant.id, identifier]))[0]!.n;
  const create = (identifier: string, key: string, client = admin(), name = 'Acme') =>
    client.post('/api/v1/tenant/accounts', { identifier, name, type: 'CLIENT' }, { 'idempotency-key': key });

  it('answers a retry with the first response without doing the work again', async () => {
    const first = await create('retried', 'retry-1');
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await create('retried', 'retry-1');
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toMatch(/application\/json/);
    expect(again.body).toEqual(first.body);
    expect(await countAccounts('retried')).toBe(1);
    // without the header, the same request is new work (and here refused: the identifier is taken)
    expect((await admin().post('/api/v1/tenant/accounts', { identifier: 'retried', name: 'Acme', type: 'CLIENT' })).status).toBe(409);
  });

  it('does the work once when five identical requests arrive at the same time', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => create('parallel', 'parallel-1')));
    for (const answer of answers) expect([201, 409]).toContain(answer.status);
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((a) => a.body.id)).size).toBe(1);
    for (const answer of answers.filter((a) => a.status === 409)) expect(answer.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === undefined && a.status === 201)).toHaveLength(1);
    expect(await countAccounts('parallel')).toBe(1);
  });

  it('refuses the same key with another request (422)', async () => {
    expect((await create('first-body', 'reused-1')).status).toBe(201);
    const other = await create('second-body', 'reused-1');
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countAccounts('second-body')).toBe(0);
    const malformed = await create('bad-key', 'x'.repeat(256));
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('IDEMPOTENCY_KEY_INVALID');
  });

  it('replays 4xx answers too, and keys belong to their caller', async () => {
    expect((await create('taken', 'plain')).status).toBe(201);
    const refused = await create('taken', 'conflict-1', admin(), 'Other');
    expect(refused.status).toBe(409);
    await t.db.query('delete from accounts where tenant_id = $1 and identifier = $2', [tenant.id, 'taken']);
    const replayed = await create('taken', 'conflict-1', admin(), 'Other');
    expect(replayed.status).toBe(409);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toEqual(refused.body);
    // an API key of the same creator has its own keys: the same header value is a new request
    const created = await admin().post('/api/v1/tenant/api-keys', { name: 'idem', permissions: ['tenant.accounts.create'] });
    const machine = new Client(t.app, created.body.key);
    const byKey = await create('bykey', 'conflict-1', machine);
    expect(byKey.status).toBe(201);
    expect(byKey.headers['idempotent-replayed']).toBeUndefined();
  });

  it('does not replay a secret shown once', async () => {
    const headers = { 'idempotency-key': 'make-a-key' };
    const first = await admin().post('/api/v1/tenant/api-keys', { name: 'once', permissions: ['tenant.users.read'] }, headers);
    expect(first.status).toBe(201);
    const again = await admin().post('/api/v1/tenant/api-keys', { name: 'once', permissions: ['tenant.users.read'] }, headers);
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ ...first.body, key: null });
    const stored = await t.db.query<{ body: string }>('select body from idempotency_keys where tenant_id = $1 and key = $2', [tenant.id, 'make-a-key']);
    expect(stored[0]!.body).not.toContain(first.body.key);
    const keys = await admin().get('/api/v1/tenant/api-keys');
    expect(keys.body.data.filter((k: { name: string }) => k.name === 'once')).toHaveLength(1);
  });

  it('forgets keys after 24 hours: then the request is new work', async () => {
    expect((await create('expiring', 'expire-1')).status).toBe(201);
    await t.db.query(`update idempotency_keys set expires_at = now() - interval '1 second' where tenant_id = $1 and key = 'expire-1'`, [tenant.id]);
    const later = await create('expiring', 'expire-1');
    expect(later.status).toBe(409); // done again: the identifier is taken now
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    const { jobDefinitions } = await import('../../src/modules/jobs');
    await t.db.query(`update idempotency_keys set expires_at = now() - interval '1 second' where tenant_id = $1`, [tenant.id]);
    const result = await jobDefinitions.find((j) => j.name === 'idempotency.cleanup')!.run(t.db);
    expect(result.deleted).toBeGreaterThan(0);
    expect((await t.db.query('select 1 from idempotency_keys where tenant_id = $1', [tenant.id])).length).toBe(0);
  });

  it('documents the header on write operations', async () => {
    const doc = (await t.client.get('/openapi.json')).body;
    expect(doc.components.parameters.IdempotencyKey).toMatchObject({ name: 'Idempotency-Key', in: 'header' });
    const post = doc.paths['/api/v1/tenant/accounts'].post;
    expect(post.parameters).toEqual(expect.arrayContaining([{ $ref: '#/components/parameters/IdempotencyKey' }]));
    expect(post.responses['422'].description).toContain('IDEMPOTENCY_KEY_REUSED');
    expect(doc.paths['/api/v1/tenant/accounts'].get.responses['422']?.description ?? '').not.toContain('IDEMPOTENCY');
  });
});
