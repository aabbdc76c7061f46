import { beforeAll, expect, it } from 'vitest';
import { describeCli } from '../helpers/cli';
import { createTenantGraph, type TenantGraph } from '../helpers/graph';

describeCli('mono mail', (t) => {
  let graph: TenantGraph;
  let other: TenantGraph;
  let verify: string;
  let failed: string;

  beforeAll(async () => {
    graph = await createTenantGraph(t.db, 'mailcli'); // queues one 'Welcome' message
    other = await createTenantGraph(t.db, 'mailother');
    const insert = async (values: string, params: unknown[]) =>
      (
        await t.db.query<{ id: string }>(
          `insert into mail_outbox (tenant_id, to_email, subject, body_text, template, status, attempts, transport, sent_at, failed_at, last_error, created_at)
           values ${values} returning id`,
          params,
        )
      )[0]!.id;
    verify = await insert(
      `($1, $2, 'Confirm your e-mail address', $3, 'auth.verify-email', 'sent', 1, 'log', now(), null, null, now() + interval '1 second')`,
      [
        graph.tenantId,
        `new@${graph.identifier}.test`,
        'Confirm your address: http://localhost:3000/verify-email?token=mver_abc\n(or POST it to /api/v1/public/auth/verify-email).',
      ],
    );
    failed = await insert(
      `($1, $2, 'You are invited', 'Hello', 'auth.invitation', 'failed', 1, null, null, now(), '550 No such user here', now() + interval '2 seconds')`,
      [graph.tenantId, `gone@${graph.identifier}.test`],
    );
  });

  it('lists the newest messages with their delivery status', async () => {
    const result = await t.cli(['mail', 'list', '--tenant', graph.identifier]);
    expect(result.code, result.text).toBe(0);
    expect(result.out).toHaveLength(3);
    expect(result.out[0]).toMatch(
      new RegExp(`^${failed}  \\S+Z  ${graph.identifier}  gone@${graph.identifier}\\.test  "You are invited"  failed \\S+Z: 550 No such user here$`),
    );
    expect(result.out[1]).toMatch(new RegExp(`^${verify}  \\S+Z  ${graph.identifier}  new@\\S+  "Confirm your e-mail address"  sent to log \\S+Z$`));
    expect(result.out[2]).toMatch(new RegExp(`owner@${graph.identifier}\\.test  "Welcome"  queued$`));
  });

  it('filters by status and limits; every tenant without --tenant', async () => {
    const failedOnly = await t.cli(['mail', 'list', '--status', 'failed']);
    expect(failedOnly.out.map((l) => l.split('  ')[0])).toEqual([failed]);
    const all = await t.cli(['mail', 'list']);
    expect(all.out.some((l) => l.includes(`owner@${other.identifier}.test`))).toBe(true);
    const one = await t.cli(['mail', 'list', '--limit', '1']);
    expect(one.out.map((l) => l.split('  ')[0])).toEqual([failed]);
    const none = await t.cli(['mail', 'list', '--tenant', other.identifier, '--status', 'sent']);
    expect(none).toMatchObject({ code: 0, out: [], err: ['No messages.'] });
  });

  it('shows one message in full, its links as they are', async () => {
    const result = await t.cli(['mail', 'show', verify]);
    expect(result.code, result.text).toBe(0);
    expect(result.out.slice(0, 5)).toEqual([
      `Id:       ${verify}`,
      `Tenant:   ${graph.identifier}`,
      `To:       new@${graph.identifier}.test`,
      'Subject:  Confirm your e-mail address',
      'Template: auth.verify-email',
    ]);
    expect(result.out[6]).toMatch(/^Status: {3}sent to log \S+Z$/);
    expect(result.out.slice(7)).toEqual([
      '',
      'Confirm your address: http://localhost:3000/verify-email?token=mver_abc',
      '(or POST it to /api/v1/public/auth/verify-email).',
    ]);
  });

  it('answers one clear line for a wrong id or option', async () => {
    const missing = await t.cli(['mail', 'show', '0190a1b2-0000-7000-8000-000000000000']);
    expect(missing.code).toBe(1);
    expect(missing.err).toEqual(['mono: no message "0190a1b2-0000-7000-8000-000000000000" in the outbox (`mono mail list` shows the ids)']);
    const notUuid = await t.cli(['mail', 'show', 'nope']);
    expect(notUuid.err).toEqual(['mono: no message "nope" in the outbox (`mono mail list` shows the ids)']);
    const status = await t.cli(['mail', 'list', '--status', 'lost']);
    expect(status).toMatchObject({ code: 1, err: ['mono: --status must be one of queued, sending, sent, failed, got "lost"'] });
    const tenant = await t.cli(['mail', 'list', '--tenant', 'no-such-tenant']);
    expect(tenant).toMatchObject({ code: 1, err: ['mono: no tenant "no-such-tenant"'] });
  });
});
