import type { QueryOptions, Results, Transaction } from '@electric-sql/pglite';
import { inlineParameters } from './literal';

/**
 * A PGlite transaction whose statements run as simple-protocol scripts — PGlite's
 * counterpart of the server's first trip (db/first-trip.ts).
 *
 * PGlite answers a parameterised `query` with the extended protocol: parse, describe,
 * bind, describe, execute and sync, each a call into the WebAssembly instance, where a
 * script (`exec`) is one query message and a sync. A tenant read — the transaction's
 * settings, then three selects — took 5.6 ms that way and 1.6 ms as one script at bench
 * scale 0.1 (same process, alternated). So:
 *
 * - the transaction's settings (`setup`) are not sent on their own: they travel in front
 *   of the first statement, in the same script;
 * - every statement goes as a script with its parameters inlined as literals
 *   (db/literal.ts: the same untyped literals the server's scripts use, resolved by
 *   PostgreSQL exactly as untyped parameters are), answered with the options the caller
 *   gave (`rowMode`, `parsers`) — the rows come back parsed as `query` parses them;
 * - a statement whose values cannot be inlined (a NUL byte) goes through `query` as
 *   before, after the settings.
 *
 * PGlite's own `transaction()` still sends BEGIN and COMMIT and holds its lock, so nobody
 * else's statement can run in between.
 */
export function scriptedTransaction(tx: Transaction, setup: string): Transaction {
  let pendingSetup = setup;
  const takeSetup = (): string => {
    const settings = pendingSetup;
    pendingSetup = '';
    return settings;
  };
  const flushSetup = async () => {
    const settings = takeSetup();
    if (settings) await tx.exec(settings);
  };
  const scripted = Object.create(tx) as Transaction;
  return Object.assign(scripted, {
    async query<T>(text: string, params: unknown[] = [], options?: QueryOptions) {
      const statement = params.length === 0 ? text : inlineParameters(text, params);
      if (statement === undefined) {
        await flushSetup();
        return tx.query<T>(text, params, options);
      }
      const settings = takeSetup();
      const results = await tx.exec(settings ? `${settings};\n${statement}` : statement, options);
      // One statement of ours: its result is the script's last.
      return results[results.length - 1] as Results<T>;
    },
    async exec(text: string, options?: QueryOptions) {
      await flushSetup();
      return tx.exec(text, options);
    },
  });
}
