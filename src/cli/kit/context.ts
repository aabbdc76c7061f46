import type { Config } from '../../config';
import type { CliIO } from './io';
import type { Runtime } from './runtime';

/** What every command gets: output, configuration, and the database on demand. */
export interface CliContext {
  io: CliIO;
  config: () => Config;
  /** Opens the database once, runs fn, closes it (unless keepOpen: serve). */
  withRuntime<T>(fn: (rt: Runtime) => Promise<T>, options?: { keepOpen?: boolean }): Promise<T>;
}
