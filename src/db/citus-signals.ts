import { sql } from 'drizzle-orm';
import { systemContext } from '../core/context';
import type { Database } from './client';
import { rows } from './sql';
import { onCitus, withPlatform } from './tenant-context';

/**
 * Notices from the shards on Citus (decision 0101). The triggers of definitions 084
 * (`mono_auth`) and 094 (`mono_live`) notify at commit; on a Citus worker NOTIFY is
 * refused (two-phase commit) and nobody listens there, so they keep the notice in
 * mono.citus_signals instead (the tenant's shard group, written in the same transaction,
 * so a rolled-back change tells nothing). In each API process one poll reads the notices
 * of the last seconds, about once a second, and hands each new one to the subscribers of
 * its channel exactly like a notification.
 *
 * `listenForNotices` is what subscribers call instead of `db.listen`: without Citus it is
 * `db.listen` and nothing else (no poll, no query: the presence of Citus is asked once per
 * process, and never on PGlite).
 */

/** How often the poll reads, and how far back (a notice whose transaction takes longer to commit is missed). */
export const CITUS_SIGNAL_POLL_MS = 1_000;
const WINDOW_SECONDS = 10;
/** Notices older than this are deleted, by every process now and then. */
const KEEP_SECONDS = 60;
const PRUNE_EVERY = 60;

export type Subscriber = { channel: string; onMessage: (payload: string) => void; onLost?: () => void; unlisten: () => Promise<void> };

interface Notice {
  id: string;
  channel: string;
  payload: string;
}

/** The notices written in the last `WINDOW_SECONDS` (each worker's own clock: the window does not depend on clock skew). */
function recentNotices(db: Database): Promise<Notice[]> {
  return withPlatform(db, systemContext(null, 'citus-signals'), (tx) =>
    rows<Notice>(
      tx,
      sql`select id::text as id, channel, payload from mono.citus_signals
           where at > clock_timestamp() - make_interval(secs => ${WINDOW_SECONDS})`,
    ),
  );
}

/** now(), not clock_timestamp(): Citus refuses a volatile function in the WHERE of a distributed DELETE (seen on the cluster). */
function pruneNotices(db: Database): Promise<unknown> {
  return withPlatform(db, systemContext(null, 'citus-signals'), (tx) =>
    rows(tx, sql`delete from mono.citus_signals where at < now() - make_interval(secs => ${KEEP_SECONDS})`),
  );
}

export class CitusSignalRelay {
  readonly subscribers = new Set<Subscriber>();
  /** Notice ids already handed on, with the poll count after which they are forgotten. */
  private readonly seen = new Map<string, number>();
  private polls = 0;
  private timer?: NodeJS.Timeout;
  private busy = false;

  constructor(private readonly db: Database) {}

  add(subscriber: Subscriber): void {
    this.subscribers.add(subscriber);
    if (!this.timer) {
      this.timer = setInterval(() => void this.poll(), CITUS_SIGNAL_POLL_MS);
      this.timer.unref();
    }
  }

  remove(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** Deletes notices older than a minute; a failure is not a lost notice (they are deleted next time). */
  async prune(): Promise<void> {
    await pruneNotices(this.db).catch(() => undefined);
  }

  async poll(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const notices = await recentNotices(this.db);
      this.polls++;
      for (const notice of notices) {
        if (this.seen.has(notice.id)) continue;
        this.seen.set(notice.id, this.polls + Math.ceil((WINDOW_SECONDS * 2_000) / CITUS_SIGNAL_POLL_MS));
        for (const s of [...this.subscribers]) if (s.channel === notice.channel) s.onMessage(notice.payload);
      }
      for (const [id, until] of this.seen) if (until < this.polls) this.seen.delete(id);
      if (this.polls % PRUNE_EVERY === 0) await this.prune();
    } catch {
      // Notices may have been missed: as when a LISTEN connection drops, every subscriber
      // is let go (its LISTEN too) and told, and subscribes again.
      for (const s of [...this.subscribers]) {
        this.remove(s);
        void s.unlisten().catch(() => undefined);
        s.onLost?.();
      }
    } finally {
      this.busy = false;
    }
  }
}

const relays = new WeakMap<Database, CitusSignalRelay>();

/** db.listen, and on Citus also the notices the shards keep (see above). The returned function unsubscribes from both. */
export async function listenForNotices(db: Database, channel: string, onMessage: (payload: string) => void, onLost?: () => void): Promise<() => Promise<void>> {
  let relayed: { relay: CitusSignalRelay; subscriber: Subscriber } | undefined;
  let lost = false;
  // Lost (the LISTEN connection dropped, or a poll failed): told once, and no longer relayed.
  const lose = () => {
    if (lost) return;
    lost = true;
    relayed?.relay.remove(relayed.subscriber);
    onLost?.();
  };
  const unlisten = await db.listen(channel, onMessage, lose);
  if (!(await onCitus(db).catch(() => false))) return unlisten;
  let relay = relays.get(db);
  if (!relay) relays.set(db, (relay = new CitusSignalRelay(db)));
  const subscriber: Subscriber = { channel, onMessage, onLost: lose, unlisten };
  relayed = { relay, subscriber };
  if (!lost) relay.add(subscriber);
  return async () => {
    relay.remove(subscriber);
    await unlisten();
  };
}
