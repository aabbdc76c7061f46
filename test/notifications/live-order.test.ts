import { expect, it } from 'vitest';
import { withTenant } from '../../src/db/tenant-context';
import { notificationsAfterPosition } from '../../src/modules/notifications/live-repository';
import { ctxFor } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { createTenantGraph } from '../helpers/graph';

/** The live stream reads notices in commit order: transaction ids compared as numbers, never as text. */
describeDb('live notices in transaction order', (t) => {
  it('reads a notice of transaction 9 before one of transaction 10, and resumes between them', async () => {
    const g = await createTenantGraph(t.db, 'live-order');
    // Transaction ids of one and two digits: older than every real one, so ready at once.
    for (const [txid, title] of [
      ['10', 'ten'],
      ['9', 'nine'],
    ]) {
      await t.db.query(`insert into notifications (tenant_id, user_id, kind, title, txid) values ($1, $2, 'test.order', $3, $4::xid8)`, [
        g.tenantId,
        g.userId,
        title,
        txid,
      ]);
    }
    const read = (after: { txid: string; id: string }) =>
      withTenant(t.db, ctxFor(g.tenantId, g.userId), (tx) => notificationsAfterPosition(tx, g.userId, after, 1));
    const [first] = await read({ txid: '0', id: '00000000-0000-0000-0000-000000000000' });
    expect(first).toMatchObject({ title: 'nine', txid: '9', ready: true });
    const [second] = await read({ txid: first!.txid, id: first!.id });
    expect(second).toMatchObject({ title: 'ten', txid: '10' });
  });
});
