import { Command, CommanderError } from 'commander';
import { type Config, ConfigError, loadConfig } from '../config';
import { AppError } from '../core/errors';
import { monoVersion } from '../core/paths';
import { findPgError, loginRefusedSentence } from '../db/errors';
import { MigrationError } from '../db/migrate';
import { registerCommands } from './commands';
import type { CliContext } from './kit/context';
import { CliError, type CliIO, processIO } from './kit/io';
import { openRuntime } from './kit/runtime';
import { describeThrown, fileSystemProblem } from './kit/thrown';

/**
 * Runs the `mono` CLI and returns the exit code. Any error meant for a person is one
 * line on stderr; only an unexpected error (a bug) shows a stack, and only with DEBUG=1.
 */
export async function runCli(argv: string[], io: CliIO = processIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let config: Config | undefined;
  const ctx: CliContext = {
    io,
    config: () => (config ??= loadConfig(env)),
    async withRuntime(fn, options = {}) {
      const rt = await openRuntime(ctx.config(), { serving: options.serving });
      if (options.keepOpen) return fn(rt);
      try {
        return await fn(rt);
      } finally {
        await rt.close();
      }
    },
  };

  const program = new Command('mono')
    .description('Mono — multi-tenant marketplace backend')
    .version(monoVersion, '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.replace(/\n$/, '')),
      writeErr: (s) => io.err(s.replace(/\n$/, '')),
      // One prefix for every error line, commander's own ("error: unknown command") included.
      outputError: (s, write) => write(s.replace(/^error: /, 'mono: ')),
    })
    .showSuggestionAfterError();
  registerCommands(program, ctx);

  try {
    // `mono` alone serves (as `npm start` does); anything else must be a real command.
    await program.parseAsync(argv.length ? argv : ['serve'], { from: 'user' });
    return 0;
  } catch (error) {
    return reportError(error, io, env);
  }
}

function reportError(error: unknown, io: CliIO, env: NodeJS.ProcessEnv): number {
  if (error instanceof CommanderError) {
    // commander has already printed its one line (unknown option, missing argument…)
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? 0 : error.exitCode || 1;
  }
  if (error instanceof CliError) {
    io.err(`mono: ${error.message}`);
    return error.exitCode;
  }
  const refused = loginRefusedSentence(error);
  if (refused) {
    io.err(`mono: ${refused}`);
    return 1;
  }
  if (error instanceof AppError || error instanceof ConfigError || error instanceof MigrationError) {
    io.err(`mono: ${error.message}`);
    return 1;
  }
  const pg = findPgError(error);
  const code = pg?.code ?? (error as NodeJS.ErrnoException)?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND') {
    io.err(`mono: cannot reach the database: ${(pg ?? (error as Error)).message} (is PostgreSQL running, and is DATABASE_URL right?)`);
    return 1;
  }
  if (code === '3D000') {
    // The server answers, the database in DATABASE_URL is not there: the usual first step missed.
    io.err(`mono: ${pg!.message}: create it first (e.g. createdb), then run mono migrate`);
    return 1;
  }
  if (code === '42P01' || code === '3F000') {
    // A table or the mono schema is missing: the database was never migrated (or is older than this code).
    io.err(`mono: the database is not migrated (${pg!.message}): run mono migrate`);
    return 1;
  }
  if (pg) {
    io.err(`mono: database error ${pg.code}: ${pg.message}`);
    return 1;
  }
  const fileSystem = fileSystemProblem(error);
  if (fileSystem) {
    io.err(`mono: cannot write the database files: ${fileSystem}`);
    return 1;
  }
  const stack = error instanceof Error ? error.stack : undefined;
  io.err(`mono: unexpected error: ${describeThrown(error)}${env.DEBUG ? (stack ? `\n${stack}` : '') : ' (set DEBUG=1 for details)'}`);
  return 2;
}
