/**
 * Mail delivery under load: `npx tsx bench/mail-delivery.ts [--messages N] [--seconds S]`
 * on a fresh embedded database (or DATABASE_URL). Queues N messages, then measures the API
 * (GET /health/ready… a tenant-bound public read) with autocannon twice: idle, and while
 * the delivery worker of `mono serve` sends the outbox to a local SMTP server (smtp-server).
 * Prints throughput and latency; not part of `npm run bench` (it needs the dev packages).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { buildApp } from '../src/app/app';
import { prepareDatabase } from '../src/app/setup';
import { openRuntime } from '../src/cli/kit/runtime';
import { loadConfig } from '../src/config';
import { systemContext } from '../src/core/context';
import { withPlatform } from '../src/db/tenant-context';
import { seedDemo, seedPlatform } from '../src/modules/demo';
import { outboxMailer, smtpTransport, startMailWorker } from '../src/modules/mail';
import { parseArgs } from './lib/args';
import { autocannon } from './lib/autocannon';

async function main() {
  const args = parseArgs<{ messages: string; seconds: string }>(process.argv.slice(2), { messages: 'string', seconds: 'string' });
  const total = Number(args.messages ?? 10_000);
  const seconds = Number(args.seconds ?? 10);
  const dataDir = mkdtempSync(join(tmpdir(), 'mono-mailbench-'));
  const config = loadConfig({ ...process.env, DATA_DIR: process.env.DATABASE_URL ? '' : dataDir, LOG_LEVEL: 'silent', MONO_DEMO: '1' });
  const rt = await openRuntime(config);
  const { db } = rt;
  await prepareDatabase(db, { platformTenant: config.platformTenant });
  await seedPlatform(db, config);
  await seedDemo(db, config);
  const [tenant] = await db.query<{ id: string }>(`select id from tenants where identifier = 'demo'`);

  let received = 0;
  const smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as { port: number }).port;

  const app = await buildApp({ db, config, logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `${address}/api/v1/public/listings?limit=10`;
  const headers = { 'x-tenant': 'demo' };

  const mailer = outboxMailer();
  for (let i = 0; i < total; i += 500) {
    await withPlatform(db, systemContext(null, 'bench'), async (tx) => {
      for (let j = i; j < Math.min(total, i + 500); j++) {
        await mailer.send(tx, tenant!.id, {
          to: `person${j}@example.test`,
          subject: `Message ${j}`,
          text: `Hello ${j}: http://localhost/x`,
          template: 'bench.mail',
        });
      }
    });
  }

  const idle = await autocannon(url, { connections: 10, seconds, headers });
  const started = Date.now();
  const worker = startMailWorker({ db, transport: smtpTransport({ url: `smtp://127.0.0.1:${port}`, from: 'bench@example.test' }), pollMs: 200 });
  const busy = await autocannon(url, { connections: 10, seconds, headers });
  while (received < total) await new Promise((resolve) => setTimeout(resolve, 100));
  const deliverySeconds = (Date.now() - started) / 1000;
  await worker.stop();

  const [left] = await db.query<{ n: number }>(`select count(*)::int as n from mail_outbox where status <> 'sent'`);
  console.log(
    JSON.stringify(
      {
        engine: db.engine,
        messages: total,
        received,
        notSent: left!.n,
        deliverySeconds,
        messagesPerSecond: Math.round(total / deliverySeconds),
        apiIdle: { rps: Math.round(idle.requestsPerSecond), p50: idle.p50, p99: idle.p99 },
        apiDuringDelivery: { rps: Math.round(busy.requestsPerSecond), p50: busy.p50, p99: busy.p99 },
      },
      null,
      2,
    ),
  );
  await app.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await rt.close();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
