import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { rows } from '../../src/db/sql';
import { withTenant } from '../../src/db/tenant-context';
import { allowReindexTime } from '../../src/modules/tenants/repository';
import { ctxFor } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { createTenantGraph, type TenantGraph } from '../helpers/graph';

/** A settings change lifts the statement timeout for its transaction only when it changes the search language (a re-index). */
describeDb('settings changes: time for a re-index only when the language changes', (t) => {
  let a: TenantGraph;
  beforeAll(async () => {
    a = await createTenantGraph(t.db, 'reindex');
    await t.db.query(`update tenants set settings = jsonb_set(settings, '{search}', '{"language": "german"}') where id = $1`, [a.tenantId]);
  });

  const timeoutAfter = (settings: Record<string, unknown>) =>
    withTenant(t.db, ctxFor(a.tenantId), async (tx) => {
      const [before] = await rows<{ timeout: string }>(tx, sql`select current_setting('statement_timeout') as timeout`);
      await allowReindexTime(tx, a.tenantId, settings);
      const [after] = await rows<{ timeout: string }>(tx, sql`select current_setting('statement_timeout') as timeout`);
      return { before: before!.timeout, after: after!.timeout };
    });

  it('keeps the serving timeout when the language stays (also spelled otherwise)', async () => {
    for (const settings of [{ search: { language: 'german' } }, { search: { language: 'German' }, branding: { color: '#000000' } }]) {
      const { before, after } = await timeoutAfter(settings);
      expect(after).toBe(before);
    }
  });

  it('allows ten minutes when the language changes, also back to the default by leaving it out', async () => {
    for (const settings of [{ search: { language: 'french' } }, {}]) {
      expect((await timeoutAfter(settings)).after).toBe('10min');
    }
  });
});
