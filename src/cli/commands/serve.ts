import type { Command } from 'commander';
import { buildApp } from '../../app/app';
import { loggableError } from '../../app/problem';
import { prepareDatabase } from '../../app/setup';
import { secretBox } from '../../config';
import { isUnavailableError } from '../../db/errors';
import { isEmpty, seedDemo, seedPlatform } from '../../modules/demo';
import { startWebhookWorker } from '../../modules/events';
import { startScheduler } from '../../modules/jobs';
import { configuredTransport, outboxMailer, startMailWorker } from '../../modules/mail';
import { ensurePartitions } from '../../modules/maintenance';
import { unsubscribeLinks } from '../../modules/notifications';
import type { CliContext } from '../kit/context';
import { CliError } from '../kit/io';
import { describeDatabase } from '../kit/runtime';
import { printSeed } from './seed';

/**
 * `mono serve` (what `npm start` runs): migrate, make sure the coming partitions exist,
 * seed a demo on a fresh database (unless MONO_DEMO=0), serve the API and run the
 * background jobs and the mail delivery worker (unless JOBS=0) until SIGINT/SIGTERM.
 */
export function registerServe(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('Migrate and serve the HTTP API (the default command)')
    .option('--port <port>', 'port to listen on (default: PORT or 3000)')
    .option('--host <host>', 'address to bind (default: HOST or 127.0.0.1)')
    .action(async (options: { port?: string; host?: string }) => {
      const started = Date.now();
      const config = ctx.config();
      const port = options.port === undefined ? config.port : Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('--port must be a number from 0 to 65535');
      // Progress while starting: a first start (database files, demo data) takes seconds, not silence.
      let lap = started;
      const step = (what: string) => {
        const now = Date.now();
        ctx.io.err(`  ${what} (${((now - lap) / 1000).toFixed(1)}s)`);
        lap = now;
      };
      ctx.io.err(`Starting Mono on ${describeDatabase(config)}…`);
      await ctx.withRuntime(
        async (rt) => {
          const { db } = rt;
          step(rt.template ? 'database open (from the template)' : 'database open');
          const migrated = await prepareDatabase(db, { platformTenant: config.platformTenant, template: rt.template });
          await ensurePartitions(db, 3);
          step(migrated.applied.length ? `applied ${migrated.applied.length} migration(s)` : 'schema up to date');
          if (config.demo && (await isEmpty(db))) {
            ctx.io.err('  first start: creating the platform operator and the demo marketplace…');
            const seeded = { platform: await seedPlatform(db, config), demo: await seedDemo(db, config) };
            step('demo data created');
            printSeed(ctx, seeded);
          }
          const app = await buildApp({
            db,
            config,
            logger:
              config.logLevel === 'silent'
                ? false
                : {
                    level: config.logLevel,
                    ...(ctx.io.isTTY ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
                  },
          });
          const address = await app.listen({ port, host: options.host ?? config.host });
          step('API listening');
          // Time-based work (partitions, expiries, scheduled publishing, clean-ups). With a
          // server database, pg-boss makes sure several API processes run each job once.
          const scheduler = config.jobs ? await startScheduler({ db, databaseUrl: config.databaseUrl, log: app.log, env: { config } }) : undefined;
          // The outbox: SMTP with SMTP_URL, otherwise each message is printed to this log.
          const mailWorker = config.jobs
            ? startMailWorker({ db, transport: configuredTransport(config.mail, app.log), log: app.log, unsubscribeLink: unsubscribeLinks(config) })
            : undefined;
          // Webhooks: signed deliveries of the tenants' events, bounded concurrency and timeouts.
          const webhookWorker = config.jobs
            ? startWebhookWorker({
                db,
                log: app.log,
                timeoutMs: 10_000,
                allowLoopback: config.webhooks.allowLoopback,
                mailer: outboxMailer(app.log),
                openSecret: (stored) => secretBox(config).open(stored),
              })
            : undefined;
          if (config.jobs && !config.mail.smtpUrl) ctx.io.err('No SMTP_URL: e-mails are printed to this log (and `mono mail list` / `mono mail show <id>`).');
          const url = address.replace('127.0.0.1', 'localhost');
          ctx.io.err(`Mono is ready in ${((Date.now() - started) / 1000).toFixed(1)}s: ${url}  (API docs: ${url}/docs)`);

          // Last line of defence: a promise about the database rejected where nobody awaited it
          // must not end the process during an outage. pg-boss 10 does this: its worker calls
          // complete()/fail() without awaiting them, so a connection dropped at that moment
          // is an unhandled rejection (seen with a killed postmaster). It is the outage,
          // reported like the others; any other unhandled rejection still crashes.
          const onUnhandledRejection = (reason: unknown) => {
            if (!isUnavailableError(reason)) throw reason;
            app.log.debug({ err: loggableError(reason) }, 'unhandled rejection while the database is unavailable');
            db.availability.reportFailure(reason);
          };
          process.on('unhandledRejection', onUnhandledRejection);

          let stopping = false;
          const stop = async (signal: string) => {
            if (stopping) return;
            stopping = true;
            ctx.io.err(`${signal}: shutting down…`);
            await app.close();
            await scheduler?.stop();
            await mailWorker?.stop();
            await webhookWorker?.stop();
            await rt.close();
            process.off('unhandledRejection', onUnhandledRejection);
            process.exit(0);
          };
          process.once('SIGINT', () => void stop('SIGINT'));
          process.once('SIGTERM', () => void stop('SIGTERM'));
        },
        { keepOpen: true, serving: true },
      );
    });
}
