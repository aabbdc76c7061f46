import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program';
import { captureIO } from '../helpers/cli';
import { PASSWORD } from '../helpers/http';
import { findPostgresBin, freePort, PrivatePostgres } from './private-postgres';

/**
 * `mono serve` against a PostgreSQL server that restarts (fast), shuts down at once
 * (immediate) and loses its postmaster (kill -9), each under concurrent requests:
 * the process must live through all three, answer 503 DATABASE_UNAVAILABLE with
 * Retry-After while the database is away (never a 500), log each outage once, and serve
 * again by itself when the database is back. A private server: the shared one is never touched.
 */
const bin = findPostgresBin();
const mono = fileURLToPath(new URL('../../bin/mono.mjs', import.meta.url));

interface Answer {
  status: number;
  code?: string;
  retryAfter?: string | null;
}

describe.skipIf(!bin)(`faults: the database restarts under load${bin ? '' : ' (skipped: no /usr/lib/postgresql/*/bin/initdb on this machine)'}`, () => {
  let pg: PrivatePostgres;
  let server: ChildProcess;
  let base: string;
  let token: string;
  const tenant = 'restart';
  const logLines: Record<string, unknown>[] = [];
  let exited: string | undefined;

  beforeAll(async () => {
    pg = await PrivatePostgres.create(bin!);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env,
      DATABASE_URL: pg.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      MONO_DEMO: '0',
      JOBS: '1',
      LOG_LEVEL: 'info',
      DB_POOL_SIZE: '8',
      DB_ACQUIRE_TIMEOUT_MS: '1000',
      MONO_FROM_SOURCE: '1',
    };
    server = spawn(process.execPath, [mono, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr!.on('data', (chunk) => {
      stderr += chunk;
    });
    let buffered = '';
    server.stdout!.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        try {
          logLines.push(JSON.parse(line));
        } catch {
          logLines.push({ msg: line });
        }
      }
    });
    server.on('exit', (code, signal) => {
      exited = `mono serve exited (${code ?? signal}): ${stderr.slice(-5000)}`;
    });
    await until(
      async () => (await fetch(`${base}/health/live`).catch(() => undefined))?.ok === true,
      40_000,
      () => exited ?? stderr,
    );
    const io = captureIO();
    const created = await runCli(
      ['tenant', 'create', '--identifier', tenant, '--name', 'Restart', '--admin-email', 'admin@restart.test', '--admin-password', PASSWORD],
      io,
      { DATABASE_URL: pg.url, MONO_DEMO: '0' },
    );
    expect(created, io.lines.err.join('\n')).toBe(0);
    const login = await fetch(`${base}/api/v1/public/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tenant': tenant },
      body: JSON.stringify({ email: 'admin@restart.test', password: PASSWORD }),
    });
    token = ((await login.json()) as { token: string }).token;
    expect(token).toBeTruthy();
  }, 60_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    pg?.destroy();
  });

  /** One request: reads and writes (the write runs in a transaction on a checked-out connection). */
  async function call(n: number): Promise<Answer> {
    const write = n % 2 === 0;
    try {
      const res = await fetch(`${base}/api/v1/user/profile`, {
        method: write ? 'PATCH' : 'GET',
        headers: { authorization: `Bearer ${token}`, 'x-tenant': tenant, ...(write ? { 'content-type': 'application/json' } : {}) },
        body: write ? JSON.stringify({ displayName: `Admin ${n}` }) : undefined,
        signal: AbortSignal.timeout(8000),
      });
      const body = (await res.json().catch(() => ({}))) as { code?: string };
      return { status: res.status, code: body.code, retryAfter: res.headers.get('retry-after') };
    } catch (error) {
      return { status: 0, code: `no answer: ${(error as Error).message}` };
    }
  }

  /** Runs `fault` while 6 clients send requests without pause; answers everything they got. */
  async function underLoad(fault: () => Promise<void>): Promise<Answer[]> {
    const answers: Answer[] = [];
    let running = true;
    const workers = Array.from({ length: 6 }, async (_, w) => {
      for (let n = w; running; n += 6) answers.push(await call(n));
    });
    await sleep(300);
    await fault();
    running = false;
    await Promise.all(workers);
    return answers;
  }

  async function expectRecovered(): Promise<void> {
    await until(
      async () => (await call(1)).status === 200,
      15_000,
      () => exited ?? 'requests still fail after the database is back',
    );
    const after = await Promise.all(Array.from({ length: 12 }, (_, n) => call(n)));
    expect(after.map((a) => a.status)).toEqual(after.map(() => 200));
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
  }

  function checkOutage(answers: Answer[], expectOutage: boolean) {
    expect(exited, exited).toBeUndefined();
    const unexpected = answers.filter((a) => a.status !== 200 && !(a.status === 503 && a.code === 'DATABASE_UNAVAILABLE'));
    expect(unexpected).toEqual([]);
    const refused = answers.filter((a) => a.status === 503);
    for (const a of refused) expect(Number(a.retryAfter)).toBeGreaterThan(0);
    if (expectOutage) expect(refused.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(0);
  }

  const messages = (text: string) => logLines.filter((l) => l.msg === text).length;

  it('survives a fast restart (pg_ctl restart -m fast)', async () => {
    const answers = await underLoad(async () => {
      pg.restart('fast');
      await sleep(300);
    });
    checkOutage(answers, false);
    await expectRecovered();
  }, 40_000);

  it('survives an immediate shutdown, answering 503 DATABASE_UNAVAILABLE with Retry-After meanwhile', async () => {
    const answers = await underLoad(async () => {
      pg.stop('immediate');
      await sleep(1500);
      // While it is down, readiness says so and liveness does not.
      expect((await fetch(`${base}/health/ready`)).status).toBe(503);
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      pg.start();
    });
    checkOutage(answers, true);
    await expectRecovered();
  }, 40_000);

  it('survives a killed postmaster', async () => {
    const answers = await underLoad(async () => {
      pg.killPostmaster();
      await sleep(1500);
      pg.start();
    });
    checkOutage(answers, true);
    await expectRecovered();
  }, 40_000);

  it('logged each outage once, not once per refused request', async () => {
    expect(exited, exited).toBeUndefined();
    // Three faults: one line when each outage started and one when it ended (the fast
    // restart may be too quick for any request or connection to notice it).
    expect(messages('database unavailable')).toBeGreaterThanOrEqual(2);
    expect(messages('database unavailable')).toBeLessThanOrEqual(3);
    expect(messages('database back')).toBe(messages('database unavailable'));
    expect(logLines.filter((l) => l.msg === 'request failed')).toEqual([]);
    if (process.env.MONO_DUMP_LOG)
      console.log(
        JSON.stringify(
          logLines.filter((l) => (l.level as number) >= 40),
          null,
          1,
        ),
      );
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => Promise<boolean>, timeoutMs: number, why: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${why()}`);
    await sleep(200);
  }
}
