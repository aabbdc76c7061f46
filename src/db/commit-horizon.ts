import { type SQL, sql } from 'drizzle-orm';
import { firstRow } from './sql';
import { isOnCitus, type Tx } from './tenant-context';

/**
 * The commit horizon of the commit-ordered reads (the event feed, live updates): rows
 * whose `txid` is older than every transaction still in flight, so nothing can commit in
 * front of them any more. On PostgreSQL and PGlite it is the statement's own snapshot,
 * inline (no round trip).
 *
 * On Citus a row's `txid` default (`pg_current_xact_id()`) is evaluated on the coordinator
 * (Citus evaluates the functions of an INSERT there), while a read routed to a shard runs
 * on a worker, whose own transaction ids are unrelated (on the cluster: rows at 1505, the
 * worker's horizon at 1263: a row was "ready" only once the worker's own counter passed
 * it, so streams got nothing and the order guarantee did not hold). There the horizon is the
 * coordinator's, read first by a statement of its own (no table: it runs on the
 * coordinator) and sent as a value.
 */
export function commitHorizon(tx: Tx): SQL | Promise<SQL> {
  if (!isOnCitus(tx)) return sql`pg_snapshot_xmin(pg_current_snapshot())`;
  return firstRow<{ xmin: string }>(tx, sql`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`).then((row) => sql`${row!.xmin}::xid8`);
}
