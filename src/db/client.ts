import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { Availability } from './availability';
import { isStalePreparedStatement, isUnavailableError } from './errors';
import { COMMIT_WITH_NEXT, FirstTrip, type Send, type TypeParsers } from './first-trip';
import { scriptedTransaction } from './pglite-trips';

/**
 * A Drizzle handle: the whole database, or one transaction of it. Services and
 * repositories are written against this one type so they run unchanged on both engines.
 */
// biome-ignore lint/suspicious/noExplicitAny: Drizzle's schema parameter; repositories name their tables themselves
export type Orm = PgDatabase<any>;

export type Engine = 'pglite' | 'postgres';

/** A raw connection for work that must stay on one session (advisory locks, LISTEN). */
export interface RawSession {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  exec(text: string): Promise<void>;
}

/**
 * The database of one process: PGlite in-process, or a pool of connections to a
 * PostgreSQL server. Both speak the same SQL and run the same migrations.
 */
export interface Database {
  readonly engine: Engine;
  /** Drizzle on the whole database (no tenant context: owner privileges; use with care). */
  readonly orm: Orm;
  /** Parameterised query as the connection's own user (owner): migrations, CLI, tests. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Several statements in one round trip (simple protocol, no parameters). */
  exec(text: string): Promise<void>;
  /**
   * Several statements in one round trip and one implicit transaction (the simple query
   * protocol runs them as one and rolls all back on an error); answers the rows of the
   * last statement. No parameters: values must be literals the caller has checked.
   */
  script<T = Record<string, unknown>>(text: string): Promise<T[]>;
  /**
   * Runs fn in one transaction on one connection with SQL `setup` sent together with BEGIN
   * (on a server: together with BEGIN and the first statements, see db/first-trip.ts).
   */
  transaction<T>(setup: string, fn: (tx: Orm) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Runs fn on one dedicated session, e.g. to hold a session-level advisory lock. */
  withSession<T>(fn: (session: RawSession) => Promise<T>): Promise<T>;
  /**
   * Subscribes to NOTIFY on a channel; returns the unsubscribe function. `onLost` is called
   * once if the listening connection drops (a server restart): notifications sent since
   * then are missed, so whoever relies on them must stop trusting what they cached.
   */
  listen(channel: string, onMessage: (payload: string) => void, onLost?: () => void): Promise<() => Promise<void>>;
  /**
   * Whether the database is reachable (a server can restart or go away; PGlite is in the
   * process and always is). The HTTP edge logs its transitions, once per outage.
   */
  readonly availability: Availability;
  /** PGlite only: the whole data directory as a gzipped tarball (test templates). */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

export interface TransactionOptions {
  /**
   * fn's statements are all issued at once, before it awaits any of them (one, or several
   * under Promise.all): on a server they travel with the setup in one round trip and one
   * implicit transaction, with no BEGIN or COMMIT of their own. A statement issued later
   * is a programming error and throws.
   */
  oneRoundTrip?: boolean;
  /**
   * On Citus: the setup's SET LOCALs go as a query of their own, after BEGIN, and every
   * statement after them (no one-round-trip script). Citus forwards a SET LOCAL to the
   * workers as the whole query string it came in, so nothing else may share that string.
   */
  setupApart?: boolean;
}

export interface OpenOptions {
  /** postgres://… to use a server; otherwise PGlite. */
  url?: string;
  /** PGlite data directory; undefined keeps the database in memory. */
  dataDir?: string;
  /** PGlite: start from this dumped data directory (a migrated template). */
  loadDataDir?: Blob | File;
  /** Server: maximum pool size. */
  poolSize?: number;
  /**
   * Server: how long a caller waits for a pooled connection (or for a new one to be
   * made) before failing with DATABASE_UNAVAILABLE, in ms; 0 waits forever.
   */
  acquireTimeoutMs?: number;
  /** Server: statement_timeout of every pooled session, in ms; 0 for none. */
  statementTimeoutMs?: number;
  /**
   * Sees every statement sent (tests and diagnostics; costs nothing when unset). Inside
   * `transaction()` it also gets the transaction's setup SQL, which names the role and
   * tenant the statement runs as.
   */
  observe?: StatementObserver;
  /**
   * Server: told of every message a pooled connection sends and waits for — one round trip
   * each (tests count them; costs nothing when unset).
   */
  observeRoundTrip?: (text: string) => void;
  /**
   * The installation's audit key (32 bytes): every session gets it as mono.audit_key, for
   * the audit trail's HMACs (mono.audit_hmac). Without it, writing an audited row or
   * verifying the trail fails; the key itself never rests in the database.
   */
  auditKey?: Buffer;
}

/**
 * mono.audit_key for a key: the key's two HMAC-SHA256 blocks (key ⊕ ipad ‖ key ⊕ opad,
 * 64 bytes each) in hex, so that SQL computes HMAC(key, m) as
 * sha256(outer ‖ sha256(inner ‖ m)) without pgcrypto.
 */
export function auditKeySetting(key: Buffer): string {
  if (key.length !== 32) throw new Error('the audit key must be 32 bytes');
  const block = Buffer.concat([key, Buffer.alloc(32)]);
  return Buffer.concat([block.map((b) => b ^ 0x36), block.map((b) => b ^ 0x5c)]).toString('hex');
}

export type StatementObserver = (statement: { text: string; params: readonly unknown[]; transactionSetup?: string }) => void;

/** Wraps `target.query` so the observer sees each statement (pg: (text|config, values); PGlite: (text, params)). */
function observeQueries(target: { query: (...args: never[]) => unknown }, observe: StatementObserver, transactionSetup?: string): void {
  const original = target.query.bind(target) as (...args: unknown[]) => unknown;
  (target as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const [first, second] = args;
    const config = typeof first === 'string' ? { text: first, values: second } : (first as { text: string; values?: unknown });
    // Drizzle's node-postgres session sends (config, params): the values may come second.
    const values = Array.isArray(config.values) ? config.values : Array.isArray(second) ? second : [];
    observe({ text: config.text, params: values, transactionSetup });
    return original(...args);
  };
}

/** bigint → JS number when it is safe, like PGlite does, so rows look alike on both engines. */
function parseInt8(value: string): number | bigint {
  const n = BigInt(value);
  return n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(n) : n;
}

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 && format !== 'binary') return parseInt8;
    return pg.types.getTypeParser(oid, format);
  },
};

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.url ? openServer(options.url, options) : openPglite(options);
}

export const pgliteExtensions = { btree_gin, btree_gist, pg_trgm };

/**
 * PGlite's buffer pool. PostgreSQL's default, 128MB, is allocated and zeroed at start in
 * the WASM heap (Emscripten's anonymous mmap): 0.3–0.6 s of every start and 128 MB of
 * resident memory before the first query. A page not in the pool is read from the
 * operating system's cache, which is cheap next to the cost of a query: random primary-key
 * reads on a 62 MB table ran alike with 16, 32 and 128 MB (docs/benchmarks.md, 8).
 */
const PGLITE_SHARED_BUFFERS = '32MB';

async function openPglite(options: OpenOptions): Promise<Database> {
  const client = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: pgliteExtensions,
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
  });
  if (options.auditKey) await client.exec(`set mono.audit_key = '${auditKeySetting(options.auditKey)}'`);
  const observe = options.observe;
  if (observe) observeQueries(client, observe);
  const orm = drizzlePglite(client) as unknown as Orm;
  const rawSession: RawSession = {
    query: async <T>(text: string, params?: unknown[]) => (await client.query<T>(text, params)).rows,
    exec: async (text: string) => {
      await client.exec(text);
    },
  };
  return {
    engine: 'pglite',
    orm,
    availability: new Availability(),
    query: rawSession.query,
    exec: rawSession.exec,
    async script<T>(text: string) {
      observe?.({ text, params: [] });
      const results = await client.exec(text);
      return (results[results.length - 1]?.rows ?? []) as T[];
    },
    async transaction(setup, fn) {
      // PGlite is one connection: its transaction() holds an exclusive lock, so
      // concurrent callers queue here exactly as they would wait for a pool slot.
      return client.transaction(async (tx) => {
        const scripted = scriptedTransaction(tx, setup);
        if (observe) observeQueries(scripted, observe, setup);
        return fn(drizzlePglite(scripted as unknown as PGlite) as unknown as Orm);
      });
    },
    async withSession(fn) {
      return fn(rawSession);
    },
    async listen(channel, onMessage) {
      const unsubscribe = await client.listen(channel, onMessage);
      return async () => unsubscribe();
    },
    dumpDataDir: async () => {
      // A dump is a copy of the files of a running database: without a checkpoint first,
      // whoever opens it replays all the WAL since the last one (for the template: every
      // migration, a second or more) before it answers.
      await client.exec('checkpoint');
      return (await client.dumpDataDir('gzip')) as Blob;
    },
    async close() {
      await client.close();
    },
  };
}

/**
 * The settings every server session starts with. `jit = off`: Mono's statements are short
 * and planned per request, and JIT compiling one whose estimated cost passes
 * jit_above_cost took 130–160 ms (a search with an availability filter at bench scale 1,
 * 20 ms without) — a request's whole budget, spent again on every execution.
 * The audit key: see auditKeySetting.
 */
function sessionOptions(auditKey: Buffer | undefined): string {
  return ['-c jit=off', ...(auditKey ? [`-c mono.audit_key=${auditKeySetting(auditKey)}`] : [])].join(' ');
}

async function openServer(url: string, options: OpenOptions): Promise<Database> {
  const observe = options.observe;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types: pgTypes,
    // Bounded waiting: a request fails fast with DATABASE_UNAVAILABLE instead of queueing
    // behind a pool that cannot connect; a runaway statement is cancelled (57014).
    connectionTimeoutMillis: options.acquireTimeoutMs ?? 0,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    // Notices a peer that vanished without closing the socket (a killed or unplugged server).
    keepAlive: true,
    // Set at connection start-up: no extra statement, and never in the database.
    options: sessionOptions(options.auditKey),
  });
  const availability = new Availability();
  const noteError = (error: unknown) => {
    if (isUnavailableError(error)) availability.reportFailure(error);
  };
  // A connection that drops (server restart, shutdown, killed backend: 57P01, ECONNRESET…)
  // emits 'error' on its client. pg-pool only listens while the client is idle; a client
  // checked out by a transaction would crash the process with an unhandled 'error' event.
  // Every client gets a listener for its whole life, the pool one for idle clients.
  pool.on('error', noteError);
  pool.on('connect', (client) => {
    client.on('error', noteError);
    availability.reportSuccess();
    const roundTrip = options.observeRoundTrip;
    if (roundTrip) {
      const send = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((...args: unknown[]) => {
        const first = args[0] as string | { text: string };
        roundTrip(typeof first === 'string' ? first : first.text);
        return send(...args);
      }) as typeof client.query;
    }
  });
  const orm = drizzlePg(pool) as unknown as Orm;
  // One Drizzle handle per pooled connection, made once: it calls client.query, which each
  // transaction points at its own FirstTrip while it holds the connection.
  const orms = new WeakMap<pg.PoolClient, Orm>();
  const ormOf = (client: pg.PoolClient): Orm => {
    let handle = orms.get(client);
    if (!handle) orms.set(client, (handle = drizzlePg(client) as unknown as Orm));
    return handle;
  };
  // The hot statements each connection has prepared (db/first-trip.ts).
  const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();
  const listeners = new Set<pg.Client>();
  /** One transaction on a pooled connection: its statements through a FirstTrip (db/first-trip.ts). */
  const transactionOn = async <T>(client: pg.PoolClient, setup: string, fn: (tx: Orm) => Promise<T>, options?: TransactionOptions): Promise<T> => {
    const plainQuery = client.query;
    let prepared = preparedOn.get(client);
    if (!prepared) preparedOn.set(client, (prepared = new Set()));
    const trip = new FirstTrip(plainQuery.bind(client) as Send, setup, options, observe, pgTypes as TypeParsers, prepared);
    let broken: Error | undefined;
    client.query = trip.query as typeof client.query;
    try {
      // The handle knows how to make its next statements the last (tenant-context's lastTrip):
      // the connection's handle under one of this transaction's own.
      const result = await fn(Object.assign(Object.create(ormOf(client)) as Orm, { [COMMIT_WITH_NEXT]: trip.commitWithNext }));
      client.query = plainQuery;
      if (await trip.isOpen()) await client.query('COMMIT');
      return result;
    } catch (error) {
      client.query = plainQuery;
      if (await trip.isOpen().catch(() => true)) await client.query('ROLLBACK').catch(() => undefined);
      broken = isUnavailableError(error) || isStalePreparedStatement(error) ? (error as Error) : undefined;
      throw error;
    } finally {
      client.query = plainQuery;
      // A connection that failed is destroyed rather than handed to the next caller.
      client.release(broken);
    }
  };
  const query = async <T>(text: string, params?: unknown[]) => (await pool.query(text, params as unknown[])).rows as T[];
  return {
    engine: 'postgres',
    orm,
    availability,
    query,
    exec: async (text) => {
      await pool.query(text);
    },
    async script<T>(text: string) {
      observe?.({ text, params: [] });
      const result = (await pool.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      return (last?.rows ?? []) as T[];
    },
    async transaction(setup, fn, options) {
      try {
        return await transactionOn(await pool.connect(), setup, fn, options);
      } catch (error) {
        // The connection was destroyed (below); nothing committed: once more, on a fresh one.
        if (!isStalePreparedStatement(error)) throw error;
        return transactionOn(await pool.connect(), setup, fn, options);
      }
    },
    async withSession(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        return await fn({
          query: async <T>(text: string, params?: unknown[]) => (await client.query(text, params as unknown[])).rows as T[],
          exec: async (text: string) => {
            await client.query(text);
          },
        });
      } catch (error) {
        broken = isUnavailableError(error) ? (error as Error) : undefined;
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async listen(channel, onMessage, onLost) {
      const client = new pg.Client({ connectionString: url });
      let lost = false;
      const lose = () => {
        if (lost) return;
        lost = true;
        listeners.delete(client);
        onLost?.();
      };
      // Before connect: a drop at any moment must not crash the process.
      client.on('error', (error) => {
        noteError(error);
        lose();
        client.end().catch(() => undefined);
      });
      client.on('end', lose);
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) onMessage(message.payload ?? '');
      });
      await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
      listeners.add(client);
      return async () => {
        lost = true; // ended on purpose: not a loss
        listeners.delete(client);
        await client.end().catch(() => undefined);
      };
    },
    async close() {
      await Promise.all([...listeners].map((client) => client.end().catch(() => undefined)));
      listeners.clear();
      await pool.end();
    },
  };
}
