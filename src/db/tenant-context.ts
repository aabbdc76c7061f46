import { sql } from 'drizzle-orm';
import type { RequestContext } from '../core/context';
import { isUuid } from '../core/ids';
import type { Database, Orm, TransactionOptions } from './client';
import { findPgError, isRetryable, translateDbError } from './errors';
import { COMMIT_WITH_NEXT } from './first-trip';
import { rows } from './sql';

/**
 * The only doors to data.
 *
 * withTenant   one transaction as role mono_app with app.tenant_id set: RLS shows this
 *              tenant's rows and nothing else, whatever the query says.
 * withPlatform one transaction as role mono_platform: every tenant, on purpose. Used
 *              by platform routes, the CLI and background jobs — grep for it.
 *
 * Both also set the actor, request id, IP and user agent that the audit trigger
 * records, translate database refusals into AppErrors, and re-run the transaction
 * when PostgreSQL reports a serialization failure or deadlock.
 */
export type Tx = Orm;

/**
 * The handle withTenant hands its callback: a transaction that knows its tenant.
 * Repositories put `tx.tenantId` into every statement on a tenant table (Citus routes
 * by it to one shard; the planner uses it); RLS stays the backstop that would refuse
 * any other tenant's rows anyway. test/architecture/tenant-predicate.test.ts checks
 * every statement the HTTP suites run.
 */
export interface TenantTx extends Orm {
  readonly tenantId: string;
}

const MAX_ATTEMPTS = 3;

/** A SQL string literal. Values come from our own context (UUIDs, sanitised headers). */
export function sqlLiteral(value: string): string {
  return `'${value.replace(/\0/g, '').replace(/'/g, "''")}'`;
}

/**
 * Whether the database runs Citus, asked once per process (per Database): then every
 * transaction first turns on `citus.propagate_set_commands = 'local'`, so the SET LOCALs
 * that follow (the role, the tenant, the actor) travel to the workers, where the shards'
 * RLS policies and triggers read them. PGlite never has it; nothing is asked there.
 *
 * The session's audit key (mono.audit_key, set when the connection starts: db/client.ts)
 * does not reach the workers' connections, where the audit trigger of a shard computes
 * its HMACs; on Citus it travels with the transaction's settings as a SET LOCAL too.
 */
interface CitusSetup {
  /** mono.audit_key of this process's sessions, as hex (empty when the key is not set). */
  auditKey: string;
}

const citusPresence = new WeakMap<Database, { known?: CitusSetup | null; asking?: Promise<CitusSetup | null> }>();

function citusSetup(db: Database): CitusSetup | null | Promise<CitusSetup | null> {
  if (db.engine === 'pglite') return null;
  let entry = citusPresence.get(db);
  if (entry?.known !== undefined) return entry.known;
  if (!entry) citusPresence.set(db, (entry = {}));
  const asked = entry;
  asked.asking ??= db
    .query<{ present: boolean; audit_key: string | null }>(
      "select exists (select 1 from pg_extension where extname = 'citus') as present, current_setting('mono.audit_key', true) as audit_key",
    )
    .then(([row]) => (asked.known = row?.present ? { auditKey: /^[0-9a-f]*$/.test(row.audit_key ?? '') ? (row.audit_key ?? '') : '' } : null))
    .finally(() => {
      asked.asking = undefined;
    });
  return asked.asking;
}

/** Whether the database runs Citus (asked once per process, see citusSetup). */
export async function onCitus(db: Database): Promise<boolean> {
  return (await citusSetup(db)) !== null;
}

/** What every transaction on Citus starts with, before its own settings (see CitusSetup). */
function citusSettings(citus: CitusSetup): string[] {
  return [
    "set local citus.propagate_set_commands = 'local'",
    'set local citus.allow_nested_distributed_execution = on',
    ...(citus.auditKey ? [`set local mono.audit_key = '${citus.auditKey}'`] : []),
  ];
}

/**
 * The transaction's settings. They end with the transaction, also the implicit one of a
 * one-round-trip script. Without Citus: one `select set_config(…, true)` statement — one
 * statement for the server to parse and run and one result for the driver to read,
 * instead of one per setting. On Citus: SET LOCAL statements, which Citus propagates to
 * the workers (never set_config).
 */
function settingsSql(role: 'mono_app' | 'mono_platform', ctx: RequestContext, tenantId: string | null, citus: CitusSetup | null): string {
  if (tenantId !== null && !isUuid(tenantId)) throw new Error(`tenant id is not a UUID: ${tenantId}`);
  if (ctx.actor && !isUuid(ctx.actor.userId)) throw new Error(`actor id is not a UUID: ${ctx.actor.userId}`);
  if (ctx.actor?.apiKeyId !== undefined && !isUuid(ctx.actor.apiKeyId)) throw new Error(`API key id is not a UUID: ${ctx.actor.apiKeyId}`);
  // A value never holds a newline (they are stripped): on Citus a line is a statement.
  const settings: [string, string][] = [
    ['role', role],
    ['app.tenant_id', tenantId ?? ''],
    ['app.actor_id', ctx.actor?.userId ?? ''],
    // The audit trail records it beside the actor (migration 0720).
    ['app.api_key_id', ctx.actor?.apiKeyId ?? ''],
    ['app.request_id', ctx.requestId.slice(0, 200)],
    ['app.ip', ctx.ip?.slice(0, 100) ?? ''],
    ['app.user_agent', ctx.userAgent?.slice(0, 500) ?? ''],
  ].map(([name, value]) => [name!, settingLiteral(value!)]);
  if (!citus) return `select ${settings.map(([name, value]) => `set_config('${name}', ${value}, true)`).join(', ')}${guardSql(ctx, tenantId)}`;
  return (
    [
      // Triggers on a shard (audit, counters) query other shards of the same tenant: allowed, as
      // every statement names its tenant_id and runs on the colocated shard of the same node.
      ...citusSettings(citus),
      ...settings.map(([name, value]) => (name === 'role' ? `set local role ${role}` : `set local ${name} = ${value}`)),
    ].join(';\n') + guardSql(ctx, tenantId)
  );
}

/** A setting's value as a literal, newlines as spaces; most (ids, the role) need no escaping, and skip its replacements. */
const settingLiteral = (value: string) => (/[\0'\r\n]/.test(value) ? sqlLiteral(value.replace(/[\r\n]/g, ' ')) : `'${value}'`);

/** The cached session's check (ctx.sessionGuard), as a statement after the settings: it fails the transaction when the session is gone. */
function guardSql(ctx: RequestContext, tenantId: string | null): string {
  const guard = ctx.sessionGuard;
  if (!guard || guard.verified || tenantId !== guard.tenantId) return '';
  if (!isUuid(guard.tenantId) || !/^[0-9a-f]{64}$/.test(guard.tokenHash) || !Number.isInteger(guard.idleSeconds))
    throw new Error('session guard: not a token hash');
  if (guard.accountId !== undefined && !isUuid(guard.accountId)) throw new Error(`session guard: account id is not a UUID: ${guard.accountId}`);
  const account = guard.accountId === undefined ? 'null' : sqlLiteral(guard.accountId);
  return `;\nselect mono.session_guard(${sqlLiteral(guard.tenantId)}, '\\x${guard.tokenHash}'::bytea, ${guard.idleSeconds}, ${account}::uuid, ${guard.authzVersion})`;
}

async function run<H extends Tx, T>(
  db: Database,
  ctx: RequestContext,
  settings: (citus: CitusSetup | null) => string,
  bind: (tx: Tx) => H,
  fn: (tx: H) => Promise<T>,
  options?: TransactionOptions,
): Promise<T> {
  // Known after the first transaction: no await (a turn of the microtask queue) for it.
  const asked = citusSetup(db);
  const citus = asked instanceof Promise ? await asked : asked;
  const setup = settings(citus);
  // On Citus the settings travel apart (see TransactionOptions.setupApart), no one-round-trip script.
  const sending = citus ? { setupApart: true } : options;
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await db.transaction(setup, (tx) => fn(citus ? markOnCitus(bind(tx)) : bind(tx)), sending);
      passedGuard(ctx);
      return result;
    } catch (error) {
      if (attempt < MAX_ATTEMPTS && isRetryable(error)) continue;
      passedGuard(ctx, error);
      throw translateDbError(error);
    }
  }
}

const ON_CITUS = Symbol('mono.onCitus');

function markOnCitus<H extends Tx>(tx: H): H {
  (tx as H & { [ON_CITUS]?: true })[ON_CITUS] = true;
  return tx;
}

/** Whether a transaction of withTenant/withPlatform runs on Citus (known without asking: see citusSetup). */
export function isOnCitus(tx: Tx): boolean {
  return (tx as Tx & { [ON_CITUS]?: true })[ON_CITUS] === true;
}

/** Whether an error is the session guard's refusal (MS401 gone, MS409 authorization changed). */
export function isSessionGuardError(error: unknown): boolean {
  const code = findPgError(error)?.code;
  return code === 'MS401' || code === 'MS409';
}

/** After a transaction that carried the session guard: unless the guard refused, the request's session is verified. */
function passedGuard(ctx: RequestContext, error?: unknown): void {
  if (ctx.sessionGuard && !ctx.sessionGuard.verified && !(error && isSessionGuardError(error))) ctx.sessionGuard.verified = true;
}

/**
 * One statement in the tenant's context in a single round trip: the context settings
 * and the query go together as one implicit transaction (see Database.script). For the
 * hottest path — every authenticated request — where BEGIN and COMMIT round trips would
 * cost more than the query. The statement must be built from literals the caller has
 * validated (UUIDs, hex, numbers): there are no parameters.
 */
export async function queryInTenant<T>(db: Database, ctx: RequestContext, statement: string): Promise<T[]> {
  if (!ctx.tenantId) throw new Error('queryInTenant needs a tenant in the request context');
  try {
    const citus = await citusSetup(db);
    const setup = settingsSql('mono_app', ctx, ctx.tenantId, citus);
    const result = citus
      ? await db.transaction(setup, (tx) => rows<T>(tx, sql.raw(statement)), { setupApart: true })
      : await db.script<T>(`${setup};\n${statement}`);
    passedGuard(ctx);
    return result;
  } catch (error) {
    passedGuard(ctx, error);
    throw translateDbError(error);
  }
}

/**
 * One transaction in the tenant's context. On a server, BEGIN and the settings travel
 * with the first statements (one round trip, db/first-trip.ts), then each further
 * statement, then COMMIT. `{ oneRoundTrip: true }` for a use case that issues all its
 * statements at once (one read, or several under Promise.all — most reads): the settings
 * and the statements are one round trip and one implicit transaction, nothing else is
 * sent; a statement issued after them is a programming error and throws.
 */
export function withTenant<T>(db: Database, ctx: RequestContext, fn: (tx: TenantTx) => Promise<T>, options?: TransactionOptions): Promise<T> {
  const tenantId = ctx.tenantId;
  if (!tenantId) throw new Error('withTenant needs a tenant in the request context');
  return run(
    db,
    ctx,
    (citus) => settingsSql('mono_app', ctx, tenantId, citus),
    // A handle of its own over the connection's (db/client.ts keeps one per connection).
    (tx) => Object.assign(Object.create(tx) as Tx, { tenantId }),
    fn,
    options,
  );
}

/**
 * The transaction's last statements: those `statements` issues at once (one, or several
 * under Promise.all) travel on a server with COMMIT in one round trip, so a write that read
 * everything its checks need in the first trip makes two in all (db/first-trip.ts). The
 * transaction is committed when their results arrive: nothing may be issued after them
 * (it throws), and no check may come after them either — a refusal must come before, while
 * the transaction can still roll back. A failure of any of them (or of the COMMIT: deferred
 * triggers, serialization) rolls back as before and may re-run the transaction. On PGlite,
 * and on Citus (statements one by one), the statements run as any others and COMMIT follows.
 */
export function lastTrip<T>(tx: Tx, statements: () => Promise<T>): Promise<T> {
  (tx as Tx & { [COMMIT_WITH_NEXT]?: () => void })[COMMIT_WITH_NEXT]?.();
  return statements();
}

/** Cross-tenant access. `tenantId` (optional) is only recorded, it does not filter. */
export function withPlatform<T>(db: Database, ctx: RequestContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return run(
    db,
    ctx,
    (citus) => settingsSql('mono_platform', ctx, ctx.tenantId, citus),
    (tx) => tx,
    fn,
  );
}

/**
 * One statement as the connection's own role (the owner, across RLS: `mono audit verify`).
 * Without Citus a plain query. On Citus a transaction of its own whose SET LOCALs (each a
 * query of its own, see TransactionOptions.setupApart) carry the audit key to the workers,
 * where the statement's HMACs are computed: the key set when the connection started stays
 * on the coordinator.
 */
export async function ownerQuery<T>(db: Database, text: string, params: unknown[] = []): Promise<T[]> {
  const citus = await citusSetup(db);
  if (!citus) return db.query<T>(text, params);
  return db.withSession(async (session) => {
    await session.exec('begin');
    try {
      for (const setting of citusSettings(citus)) await session.exec(setting);
      const result = await session.query<T>(text, params);
      await session.exec('commit');
      return result;
    } catch (error) {
      await session.exec('rollback').catch(() => undefined);
      throw error;
    }
  });
}
