import type pg from 'pg';
import type { StatementObserver, TransactionOptions } from './client';
import { inlineParameters } from './literal';
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

/** Every column as the server's text: each statement of a script is parsed as its own config asks. */
const rawText: TypeParsers = { getTypeParser: () => (value: string) => value };

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
  ) {}

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
    const inlined = batch.map((w) => inlineParameters(w.config.text, w.values));
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
    await this.script(`${single ? '' : 'BEGIN; '}${head}${inlined.join(';\n')}`, batch);
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
    const inlined = (batch.length > 1 || last) && !this.options?.setupApart ? batch.map((w) => inlineParameters(w.config.text, w.values)) : [];
    if (inlined.length === 0 || inlined.some((text) => text === undefined)) return this.oneByOne(batch);
    if (!last) return this.script(inlined.join(';\n'), batch);
    await this.script(`${inlined.join(';\n')};\nCOMMIT`, batch, () => {
      this.state = 'done';
    });
  }

  private async oneByOne(batch: Waiting[]): Promise<void> {
    for (const w of batch) await (this.send(w.first, w.second) as Promise<pg.QueryResult>).then(w.resolve, w.reject);
  }

  /**
   * One simple-protocol script; its results after the setup's are the batch's statements',
   * parsed as each one's own config asks — with `committed`, but for the last (COMMIT),
   * and the state is updated before anyone hears of the results.
   */
  private async script(text: string, batch: Waiting[], committed?: () => void): Promise<void> {
    try {
      const result = await this.send({ text, rowMode: 'array', types: rawText });
      const results = Array.isArray(result) ? result : [result];
      const end = results.length - (committed ? 1 : 0);
      const own = results.slice(end - batch.length, end);
      committed?.();
      for (const [i, w] of batch.entries()) w.resolve(parsed(w.config.types ?? this.types, w.config.rowMode, own[i]!));
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }
}

/** The setup in parts: its SET statements together, each other statement on its own. */
function apart(setup: string): string[] {
  const statements = splitSqlStatements(setup);
  const sets = statements.filter((text) => /^set\s/i.test(text));
  return [...(sets.length ? [sets.join(';\n')] : []), ...statements.filter((text) => !/^set\s/i.test(text))];
}

/** One statement's result of a script, its rows parsed as node-postgres would have for its own query config. */
function parsed(types: TypeParsers, rowMode: string | undefined, raw: pg.QueryResult): pg.QueryResult {
  const fields = raw.fields ?? [];
  const parsers = fields.map((f) => types.getTypeParser(f.dataTypeID, 'text'));
  const rows = (raw.rows as unknown as (string | null)[][]).map((values) => {
    if (rowMode === 'array') return values.map((v, i) => (v === null ? null : parsers[i]!(v)));
    const row: Record<string, unknown> = {};
    fields.forEach((f, i) => {
      const v = values[i];
      row[f.name] = v === null || v === undefined ? null : parsers[i]!(v);
    });
    return row;
  });
  return { ...raw, fields, rows } as pg.QueryResult;
}
