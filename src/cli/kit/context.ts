import type { Config } from '../../config';
import type { CliIO } from './io';
import type { Runtime } from './runtime';

/** What every command gets: output, configuration, and the database on demand. */
export interface CliContext {
  io: CliIO;
  config: () => Config;
  /**
   * Opens the database once, runs fn, closes it (unless keepOpen: serve). `serving`: the
   * API's statement timeout applies (other commands may run long statements on purpose).
   */
  withRuntime<T>(fn: (rt: Runtime) => Promise<T>, options?: { keepOpen?: boolean; serving?: boolean }): Promise<T>;
}
