import type pg from 'pg';
import type { StatementObserver, TransactionOptions } from './client';
import { inlineParameters, parameterLiteral } from './literal';
import { splitSqlStatements } from './split-sql';

export type Send = (...args: unknown[]) => Promise<pg.QueryResult | pg.QueryResult[]>;

export type TypeParsers = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (value: string) => unknown };
interface QueryConfigLike {
  text: string;
  values?: unknown;
  name?: string;
  rowMode?: string;
  types?: TypeParsers;
}
interface Waiting {
  config: QueryConfigLike;
  values: unknown[];
  first: unknown;
  second: unknown;
  resolve: (result: pg.QueryResult) => void;
  reject: (error: unknown) => void;
}

/**
 * The key under which a server transaction's handle carries `commitWithNext` (see
 * FirstTrip.commitWithNext and tenant-context's lastTrip); PGlite's handles have none.
 */
export const COMMIT_WITH_NEXT = Symbol('mono.commitWithNext');

/**
 * Statements run so often that each connection keeps them prepared (db/prepared.ts
 * registers its selects): text → name. PostgreSQL then parses, analyses and plans such a
 * statement once per connection instead of on every request — under RLS that was most of
 * the server's time for a primary-key read (pgbench: a read transaction of three selects
 * ran 2.5 times as often prepared).
 */
const hotStatements = new Map<string, string>();

/** Registers a statement (with parameters) to be kept prepared on each connection that runs it in a script. */
export function prepareOnEachConnection(text: string): void {
  if (!hotStatements.has(text)) hotStatements.set(text, `mono_hot_${hotStatements.size + 1}`);
}

/**
 * A script as the statements it runs — its PREPAREs left out, each EXECUTE of a hot
 * statement written as that statement (its arguments after it): for tests that read the
 * round trips, and diagnostics.
 */
export function readableScript(text: string): string {
  const names = new Map([...hotStatements].map(([statement, name]) => [name, statement]));
  return text
    .replace(/^(?:PREPARE mono_hot_\d+ AS [\s\S]*?;\n)+/, '')
    .replace(/EXECUTE (mono_hot_\d+)/g, (execute, name: string) => names.get(name) ?? execute);
}

interface Prepare {
  name: string;
  text: string;
}

/**
 * The round trips of one server transaction. node-postgres waits for each answer before
 * it sends the next statement, and on these machines every socket write costs more CPU
 * than a primary-key read, so the number of round trips sets the speed of a request.
 *
 * Nothing is sent before fn issues its first statement. The statements it issues before
 * the event loop turns (one, or several under Promise.all) then travel **in one
 * simple-protocol script** together with `BEGIN` and the context settings, their
 * parameters inlined as literals (db/literal.ts). Later statements go the same way: those
 * issued together (Promise.all) share one script, a statement on its own goes alone with
 * its parameters; then COMMIT. With `oneRoundTrip`, the first script is the whole
 * transaction: no BEGIN, no COMMIT — the server runs a multi-statement script as one
 * implicit transaction (an error undoes all of it), and the settings, made with SET LOCAL
 * or set_config(…, true), end with it.
 *
 * A statement whose values cannot be inlined (a NUL byte) takes the old path: BEGIN with
 * the settings, then the statements with their parameters, one by one.
 *
 * `commitWithNext()` declares the next statements (those issued together after it) the
 * transaction's last: COMMIT travels at the end of their script, so a write whose checks
 * were read in the first trip makes two round trips in all. When that script fails, the
 * transaction is still open (or already ended by the failed COMMIT) and is rolled back as
 * any other; when it succeeds, the transaction is committed and a later statement throws.
 */
export class FirstTrip {
  private state: 'pending' | 'open' | 'done' = 'pending';
  private waiting: Waiting[] = [];
  private scheduled = false;
  /** The last batch sent or waiting to be: batches go strictly one after another. */
  private sent: Promise<unknown> = Promise.resolve();
  /** The first batch (with BEGIN): whether a transaction is open is known after it. */
  private opened: Promise<unknown> | undefined;
  /** Set by commitWithNext: the batch scheduled next ends with COMMIT. */
  private commitNext = false;

  constructor(
    private readonly send: Send,
    private readonly setup: string,
    private readonly options: TransactionOptions | undefined,
    private readonly observe: StatementObserver | undefined,
    /** The connection's own type parsers, for statements that bring none. */
    private readonly types: TypeParsers,
    /** The names of the hot statements prepared on this connection (see prepareOnEachConnection). */
    private readonly prepared?: Set<string>,
  ) {}

  /**
   * One statement as script text: a hot statement as `EXECUTE` of its prepared form (its
   * `PREPARE` added to `prepares` when the connection does not have it yet), any other with
   * its parameters inlined; undefined when a value cannot be inlined (a NUL byte). The
   * arguments of EXECUTE are the same untyped literals, resolved to the parameters' types.
   */
  private statementOf(w: Waiting, prepares: Prepare[]): string | undefined {
    const name = this.prepared && w.values.length > 0 ? hotStatements.get(w.config.text) : undefined;
    if (name === undefined) return inlineParameters(w.config.text, w.values);
    const args: string[] = [];
    for (const value of w.values) {
      const literal = parameterLiteral(value);
      if (literal === undefined) return undefined;
      args.push(literal);
    }
    if (!this.prepared!.has(name) && !prepares.some((p) => p.name === name)) prepares.push({ name, text: w.config.text });
    return `EXECUTE ${name}(${args.join(', ')})`;
  }

  /** Whether a BEGIN went out that needs its COMMIT or ROLLBACK (waits for the first trip). */
  async isOpen(): Promise<boolean> {
    await this.opened;
    return this.state === 'open';
  }

  /** The statements issued next (together, in this turn of the event loop) are the last: COMMIT goes with them. */
  readonly commitWithNext = (): void => {
    if (this.scheduled) throw new Error('commitWithNext: statements are already waiting to be sent');
    this.commitNext = true;
  };

  readonly query = (first: unknown, second?: unknown): Promise<pg.QueryResult> => {
    const config = typeof first === 'string' ? { text: first } : (first as QueryConfigLike);
    const values = Array.isArray(config.values) ? config.values : Array.isArray(second) ? second : [];
    // The observer sees the statements inside the transaction, not BEGIN, COMMIT or ROLLBACK.
    this.observe?.({ text: config.text, params: values, transactionSetup: this.setup });
    if (this.state === 'done')
      return Promise.reject(new Error('this transaction has made its last round trip (declared as one round trip, or after lastTrip)'));
    if (!this.scheduled) {
      this.scheduled = true;
      const last = this.commitNext;
      this.commitNext = false;
      const previous = this.sent;
      // After every statement issued in this turn of the event loop (Promise.all resolves
      // thenables in microtasks, which all run before setImmediate).
      this.sent = new Promise<void>((done) =>
        setImmediate(() => {
          this.scheduled = false;
          const batch = this.waiting;
          this.waiting = [];
          void previous.then(() => (this.state === 'pending' ? this.flushFirst(batch, last) : this.flushLater(batch, last))).finally(done);
        }),
      );
      this.opened ??= this.sent;
    }
    return new Promise((resolve, reject) => this.waiting.push({ config, values, first, second, resolve, reject }));
  };

  private async flushFirst(batch: Waiting[], last: boolean): Promise<void> {
    const head = this.setup ? `${this.setup};\n` : '';
    const prepares: Prepare[] = [];
    const inlined = this.options?.setupApart ? [] : batch.map((w) => this.statementOf(w, prepares));
    if (this.options?.setupApart || inlined.some((text) => text === undefined)) {
      this.state = 'open';
      try {
        if (this.options?.setupApart) {
          await this.send('BEGIN');
          for (const part of apart(this.setup)) await this.send(part);
        } else await this.send(`BEGIN; ${head}`);
      } catch (error) {
        for (const w of batch) w.reject(error);
        return;
      }
      return this.oneByOne(batch);
    }
    // The first batch declared the last is the whole transaction: the one-round-trip script.
    const single = this.options?.oneRoundTrip === true || last;
    this.state = single ? 'done' : 'open';
    await this.script(`${prepareSql(prepares)}${single ? '' : 'BEGIN; '}${head}${inlined.join(';\n')}`, batch, undefined, prepares);
  }

  /**
   * Inside the open transaction: statements issued together go as one script (not on Citus,
   * see setupApart); the last ones (commitWithNext) with COMMIT at its end. Without a script
   * (Citus, a NUL byte) they go one by one and the caller's COMMIT follows as usual.
   */
  private async flushLater(batch: Waiting[], last: boolean): Promise<void> {
    if (this.state === 'done') {
      for (const w of batch) w.reject(new Error('this transaction has made its last round trip (declared as one round trip, or after lastTrip)'));
      return;
    }
    const prepares: Prepare[] = [];
    const inlined = (batch.length > 1 || last) && !this.options?.setupApart ? batch.map((w) => this.statementOf(w, prepares)) : [];
    if (inlined.length === 0 || inlined.some((text) => text === undefined)) return this.oneByOne(batch);
    if (!last) return this.script(`${prepareSql(prepares)}${inlined.join(';\n')}`, batch, undefined, prepares);
    await this.script(
      `${prepareSql(prepares)}${inlined.join(';\n')};\nCOMMIT`,
      batch,
      () => {
        this.state = 'done';
      },
      prepares,
    );
  }

  private async oneByOne(batch: Waiting[]): Promise<void> {
    for (const w of batch) await (this.send(w.first, w.second) as Promise<pg.QueryResult>).then(w.resolve, w.reject);
  }

  /**
   * One simple-protocol script; its results after the setup's are the batch's statements',
   * parsed as each one's own config asks — with `committed`, but for the last (COMMIT),
   * and the state is updated before anyone hears of the results.
   */
  private async script(text: string, batch: Waiting[], committed?: () => void, prepares: Prepare[] = []): Promise<void> {
    let query: ScriptQuery | undefined;
    try {
      const results = await new Promise<RawResult[]>((resolve, reject) => {
        query = new ScriptQuery(text, resolve, reject);
        this.send(query);
      });
      for (const p of prepares) this.prepared?.add(p.name);
      const end = results.length - (committed ? 1 : 0);
      const own = end - batch.length;
      committed?.();
      for (let i = 0; i < batch.length; i++) {
        const w = batch[i]!;
        w.resolve(parsed(w.config.types ?? this.types, w.config.rowMode, results[own + i]));
      }
    } catch (error) {
      // The PREPAREs come first and outlast a failed transaction: those that completed exist.
      const completed = Math.min(query?.completed ?? 0, prepares.length);
      for (let i = 0; i < completed; i++) this.prepared?.add(prepares[i]!.name);
      for (const w of batch) w.reject(error);
    }
  }
}

/** The PREPAREs a script starts with (before BEGIN and the settings: nothing before them can fail). */
const prepareSql = (prepares: readonly Prepare[]) => prepares.map((p) => `PREPARE ${p.name} AS ${p.text};\n`).join('');

/** The setup in parts: its SET statements together, each other statement on its own. */
function apart(setup: string): string[] {
  const statements = splitSqlStatements(setup);
  const sets = statements.filter((text) => /^set\s/i.test(text));
  return [...(sets.length ? [sets.join(';\n')] : []), ...statements.filter((text) => !/^set\s/i.test(text))];
}

/** What the server answered for one statement of a script: its fields and rows as the server's text, unparsed. */
interface RawResult {
  command: string | null;
  rowCount: number | null;
  oid: number | null;
  fields: pg.FieldDef[];
  rows: (string | null)[][];
}

const COMMAND = /^([A-Za-z]+)(?: (\d+))?(?: (\d+))?/;

/**
 * A simple-protocol script as node-postgres runs a custom query (a "submittable", like
 * pg-cursor): node-postgres hands it the protocol messages and it keeps each statement's
 * field descriptions and rows as they arrived. node-postgres's own Query would build a
 * result per statement with a type parser per column and an empty row object to copy
 * (for the settings and the guard as well), then copy every row: profiles of the listing
 * read put 4 % of the process's time there. The rows are parsed once, afterwards, and
 * only for the statements whose results a caller asked for (parsed()).
 */
class ScriptQuery {
  private readonly results: RawResult[] = [];
  /** How many statements the server completed (also when one then failed). */
  get completed(): number {
    return this.results.length;
  }
  private current: RawResult | undefined;
  /** node-postgres wraps it for its read timeout (query_timeout); called once with the outcome. */
  callback: (error: unknown, results?: RawResult[]) => void;

  constructor(
    readonly text: string,
    resolve: (results: RawResult[]) => void,
    reject: (error: unknown) => void,
  ) {
    this.callback = (error, results) => (error ? reject(error) : resolve(results!));
  }

  submit(connection: { query(text: string): void }): null {
    connection.query(this.text);
    return null;
  }

  private open(): RawResult {
    this.current ??= { command: null, rowCount: null, oid: null, fields: [], rows: [] };
    return this.current;
  }

  handleRowDescription(message: { fields: pg.FieldDef[] }): void {
    this.open().fields = message.fields;
  }

  handleDataRow(message: { fields: (string | null)[] }): void {
    this.open().rows.push(message.fields);
  }

  /** Each statement ends with one (node-postgres makes one result per statement the same way). */
  handleCommandComplete(message: { text?: string; command?: string }): void {
    const result = this.open();
    this.current = undefined;
    const match = COMMAND.exec(message.text ?? message.command ?? '');
    if (match) {
      result.command = match[1]!;
      if (match[3]) {
        result.oid = Number.parseInt(match[2]!, 10);
        result.rowCount = Number.parseInt(match[3], 10);
      } else if (match[2]) result.rowCount = Number.parseInt(match[2], 10);
    }
    this.results.push(result);
  }

  handleEmptyQuery(): void {}

  /** The server's error ends the script (ReadyForQuery follows; node-postgres has let go of the query by then). */
  handleError(error: unknown): void {
    this.finish(error);
  }

  handleReadyForQuery(): void {
    this.finish();
  }

  private finish(error?: unknown): void {
    const callback = this.callback;
    this.callback = () => undefined;
    if (error !== undefined) callback(error);
    else callback(null, this.results);
  }

  handlePortalSuspended(): void {}

  /** A script of ours never copies; refused as node-postgres's own Query refuses it. */
  handleCopyInResponse(connection: { sendCopyFail(message: string): void }): void {
    connection.sendCopyFail('No source stream defined');
  }

  handleCopyData(): void {}
}

/** One statement's result of a script, its rows parsed as node-postgres would have for its own query config. */
function parsed(types: TypeParsers, rowMode: string | undefined, raw: RawResult | undefined): pg.QueryResult {
  const fields = raw?.fields ?? [];
  const rawRows = raw?.rows ?? [];
  const count = fields.length;
  const parsers = new Array<(value: string) => unknown>(count);
  for (let i = 0; i < count; i++) parsers[i] = types.getTypeParser(fields[i]!.dataTypeID, 'text');
  const rows = new Array<unknown>(rawRows.length);
  for (let r = 0; r < rawRows.length; r++) {
    const values = rawRows[r]!;
    if (rowMode === 'array') {
      const row = new Array<unknown>(count);
      for (let i = 0; i < count; i++) {
        const v = values[i];
        row[i] = v === null || v === undefined ? null : parsers[i]!(v);
      }
      rows[r] = row;
    } else {
      const row: Record<string, unknown> = {};
      for (let i = 0; i < count; i++) {
        const v = values[i];
        row[fields[i]!.name] = v === null || v === undefined ? null : parsers[i]!(v);
      }
      rows[r] = row;
    }
  }
  return { command: raw?.command ?? null, rowCount: raw?.rowCount ?? null, oid: raw?.oid ?? null, fields, rows } as unknown as pg.QueryResult;
}
