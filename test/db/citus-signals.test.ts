import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { systemContext } from '../../src/core/context';
import { CitusSignalRelay, listenForNotices } from '../../src/db/citus-signals';
import { rows } from '../../src/db/sql';
import { withPlatform } from '../../src/db/tenant-context';
import { describeDb } from '../helpers/db';

/**
 * The notices shards keep on Citus (mono.citus_signals, decision 0101). No Citus here: the
 * triggers notify as before and the table stays empty; what is tested is the relay's read
 * of the table (each notice handed on once, to its channel's subscribers) and that without
 * Citus subscribing is db.listen alone.
 */
describeDb('notices from the shards (Citus)', (t) => {
  const tenantId = '01a2537e-0000-7000-8000-000000000001';
  const keep = (channel: string, payload: string) =>
    withPlatform(t.db, systemContext(null, 'test'), (tx) =>
      rows(tx, sql`insert into mono.citus_signals (tenant_id, channel, payload) values (${tenantId}, ${channel}, ${payload})`),
    );

  it('hands each kept notice once to the subscribers of its channel', async () => {
    const relay = new CitusSignalRelay(t.db);
    const live: string[] = [];
    const auth: string[] = [];
    const unlisten = async () => {};
    relay.add({ channel: 'mono_live', onMessage: (p) => live.push(p), unlisten });
    relay.add({ channel: 'mono_auth', onMessage: (p) => auth.push(p), unlisten });
    try {
      await keep('mono_live', '{"t":"a","u":"b","k":"unread"}');
      await keep('mono_auth', tenantId);
      await relay.poll();
      await relay.poll(); // the same notices again: not handed on twice
      expect(live).toEqual(['{"t":"a","u":"b","k":"unread"}']);
      expect(auth).toEqual([tenantId]);
      await keep('mono_live', 'second');
      await relay.poll();
      expect(live).toEqual(['{"t":"a","u":"b","k":"unread"}', 'second']);
    } finally {
      for (const s of [...relay.subscribers]) relay.remove(s);
    }
  });

  it('deletes notices older than a minute, keeps the recent ones', async () => {
    await keep('mono_live', 'recent');
    await withPlatform(t.db, systemContext(null, 'test'), (tx) =>
      rows(tx, sql`insert into mono.citus_signals (tenant_id, channel, payload, at) values (${tenantId}, 'mono_live', 'old', now() - interval '2 minutes')`),
    );
    await new CitusSignalRelay(t.db).prune();
    const left = await withPlatform(t.db, systemContext(null, 'test'), (tx) => rows<{ payload: string }>(tx, sql`select payload from mono.citus_signals`));
    expect(left.map((r) => r.payload)).toContain('recent');
    expect(left.map((r) => r.payload)).not.toContain('old');
  });

  it('without Citus, subscribing is db.listen alone: the kept notices are not read', async () => {
    const seen: string[] = [];
    const stop = await listenForNotices(t.db, 'mono_live', (p) => seen.push(p));
    try {
      await keep('mono_live', 'not relayed');
      await new Promise((r) => setTimeout(r, 1_500));
      expect(seen).toEqual([]);
    } finally {
      await stop();
    }
  });
});
