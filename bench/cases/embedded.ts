import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { prepareDatabase } from '../../src/app/setup';
import { openDatabase } from '../../src/db/client';
import { dumpTemplate, unpackPgliteTemplate } from '../../src/db/pglite-template';
import { rbacFingerprint } from '../../src/modules/access';
import { now, summarize } from '../lib/measure';
import type { BenchResult } from '../lib/report';
import type { BenchCase } from './types';

const ROOT = resolve(import.meta.dirname, '../..');

interface Started {
  child: ChildProcess;
  readyMs: number;
  /** CPU seconds of the server process when it said it was ready. */
  cpu: { main: number; other: number };
  url: string;
}

/** The process ids below `pid` (npm → sh → node). */
function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const child of parents.get(p) ?? []) {
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

/** The Mono server process among the descendants (npm → sh → node bin/mono.mjs). */
function serverPid(pid: number): number | undefined {
  for (const p of descendants(pid)) {
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
      const comm = readFileSync(`/proc/${p}/comm`, 'utf8').trim();
      if (comm === 'node' && cmd.includes('bin/mono.mjs')) return p;
    } catch {
      // gone
    }
  }
  return undefined;
}

/** Resident memory (MB) of the Mono server process. */
function serverRss(pid: number): number {
  const server = serverPid(pid);
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server}/status`, 'utf8'))?.[1]);
    return kb ? kb / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU seconds the server process has used (user + system), on its main thread and on the
 * others (V8's compilation of PGlite's WebAssembly and its garbage collector, libuv's
 * threads): on a shared two-core machine the others compete with the start itself.
 */
function serverCpu(pid: number): { main: number; other: number } {
  const server = serverPid(pid);
  const ticks = (path: string) => {
    const stat = readFileSync(path, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 10 ms
  };
  try {
    const main = ticks(`/proc/${server}/task/${server}/stat`);
    return { main, other: ticks(`/proc/${server}/stat`) - main };
  } catch {
    return { main: Number.NaN, other: Number.NaN };
  }
}

/**
 * Whether `npm start` runs the bundle `mono internal:prepare` built, as bin/mono.mjs decides:
 * a source newer than the bundle makes it run the TypeScript through tsx, a second or more
 * of every start that this benchmark would otherwise count as the start's own.
 */
function runsBundle(): boolean {
  const bundle = join(ROOT, 'node_modules', '.cache', 'mono', 'main.mjs');
  if (process.env.MONO_FROM_SOURCE === '1' || !existsSync(bundle)) return false;
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
  return statSync(bundle).mtimeMs >= newest(join(ROOT, 'src'));
}

/** `npm start` with a data directory, until it says it is ready (and /health answers). */
function start(dataDir: string): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' };
  delete env.DATABASE_URL;
  const t0 = now();
  const child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`npm start not ready after 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /Mono is ready in [\d.]+s: (http:\/\/\S+)/.exec(output);
      if (ready) {
        const readyMs = now() - t0;
        const cpu = serverCpu(child.pid!);
        clearTimeout(timer);
        const url = ready[1]!.replace('localhost', '127.0.0.1');
        fetch(`${url}/health`)
          .then((res) => (res.ok ? resolvePromise({ child, readyMs, cpu, url }) : reject(new Error(`/health answered ${res.status}`))))
          .catch(reject);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code} before it was ready:\n${output}`));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.removeAllListeners('exit');
  process.kill(-child.pid!, 'SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * 8. Embedded mode: `npm start` on a fresh DATA_DIR (migrations, permission sync, the
 * demo seed, the API) until it answers, and its resident memory after idling. References
 * in the same run: the warm start on the same, already prepared directory, and the floor
 * of starting the CLI at all (`node bin/mono.mjs --help`: Node, tsx, module loading).
 */
export const embedded: BenchCase = {
  no: 8,
  id: 'embedded',
  title: 'Embedded mode: cold start and idle memory',
  async run(env): Promise<BenchResult[]> {
    if (env.engine !== 'pglite') return [];
    const rounds = env.quick ? 1 : 3;
    const idleMs = env.quick ? 3000 : 10_000;
    const cold: number[] = [];
    const warm: number[] = [];
    const help: number[] = [];
    const rss: number[] = [];
    const mainCpu: number[] = [];
    const otherCpu: number[] = [];
    const bundled = runsBundle();
    if (!bundled) env.log('npm start runs the sources through tsx (the bundle is missing or older than src/): run `node bin/mono.mjs internal:prepare` first');
    for (let round = 0; round < rounds; round++) {
      const dir = mkdtempSync(join(tmpdir(), 'mono-bench-start-'));
      try {
        const first = await start(dir);
        cold.push(first.readyMs);
        mainCpu.push(first.cpu.main);
        otherCpu.push(first.cpu.other);
        await sleep(idleMs);
        rss.push(serverRss(first.child.pid!));
        await stop(first.child);
        const second = await start(dir);
        warm.push(second.readyMs);
        await stop(second.child);
        const t0 = now();
        await new Promise<void>((r, j) =>
          spawn(process.execPath, ['bin/mono.mjs', '--help'], { cwd: ROOT, stdio: 'ignore' }).on('exit', (c) =>
            c === 0 ? r() : j(new Error(`--help exited ${c}`)),
          ),
        );
        help.push(now() - t0);
        env.log(
          `round ${round + 1}: cold ${(first.readyMs / 1000).toFixed(2)} s (CPU: main thread ${first.cpu.main.toFixed(2)} s, other threads ${first.cpu.other.toFixed(2)} s), warm ${(second.readyMs / 1000).toFixed(2)} s, idle RSS ${rss[rss.length - 1]!.toFixed(0)} MB`,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    // Where a cold start goes, in this process: a fresh PGlite directory (initdb in WASM)
    // and the migrations, against what `mono serve` does on an empty directory: unpack a
    // migrated template, open it, find nothing to migrate.
    const phases = { initdb: [] as number[], migrate: [] as number[], template: [] as number[] };
    const scratchDir = mkdtempSync(join(tmpdir(), 'mono-bench-phase-'));
    try {
      const template = await (async () => {
        const mem = await openDatabase({});
        await prepareDatabase(mem, { platformTenant: env.config.platformTenant });
        const dump = await dumpTemplate(mem);
        await mem.close();
        const path = join(scratchDir, 'template.tar.gz');
        writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
        return path;
      })();
      for (let round = 0; round < rounds; round++) {
        let t = now();
        const fresh = await openDatabase({ dataDir: join(scratchDir, `fresh-${round}`) });
        phases.initdb.push(now() - t);
        t = now();
        await prepareDatabase(fresh, { platformTenant: env.config.platformTenant });
        phases.migrate.push(now() - t);
        await fresh.close();
        t = now();
        unpackPgliteTemplate(join(scratchDir, `copy-${round}`), template);
        const copy = await openDatabase({ dataDir: join(scratchDir, `copy-${round}`) });
        // as mono serve does with a template synced with this catalog (internal:prepare records it)
        await prepareDatabase(copy, { platformTenant: env.config.platformTenant, template: { catalog: rbacFingerprint() } });
        phases.template.push(now() - t);
        await copy.close();
      }
    } finally {
      rmSync(scratchDir, { recursive: true, force: true });
    }
    const phase = (values: number[]) => summarize(values).median / 1000;

    // Reference for memory: an idle bare Node process.
    const idle = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    await sleep(1000);
    const nodeRss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${idle.pid}/status`, 'utf8'))?.[1]) / 1024;
    idle.kill();
    const c = summarize(cold);
    const w = summarize(warm);
    const h = summarize(help);
    const m = summarize(rss);
    return [
      {
        no: 8,
        id: 'embedded-start',
        title: '`npm start` cold start to ready (fresh DATA_DIR: migrate, seed demo, serve)',
        value: c.median / 1000,
        unit: 's',
        target: { op: '<=', value: 5, unit: 's' },
        reference: `warm start (same directory, second time) ${(w.median / 1000).toFixed(2)} s; \`mono --help\` ${(h.median / 1000).toFixed(2)} s`,
        spread: `${(c.min / 1000).toFixed(2)}–${(c.max / 1000).toFixed(2)} s over ${rounds}`,
        details: {
          'npm start runs': bundled ? 'the bundle' : 'the sources through tsx (stale bundle)',
          'cold ÷ warm': c.median / w.median,
          'server CPU to ready, main thread (s)': summarize(mainCpu).median,
          'server CPU to ready, other threads (s)': summarize(otherCpu).median,
          'of which PGlite initdb of a fresh directory (s)': phase(phases.initdb),
          'migrations + permission sync on it (s)': phase(phases.migrate),
          'instead: unpack the migrated template, open it, no-op migrate (s)': phase(phases.template),
        },
      },
      {
        no: 8,
        id: 'embedded-rss',
        title: `Resident memory of the server idling ${idleMs / 1000} s after a cold start`,
        value: m.median,
        unit: 'MB',
        reference: `no target; an idle bare Node process: ${nodeRss.toFixed(0)} MB`,
        spread: `${m.min.toFixed(0)}–${m.max.toFixed(0)} MB`,
        details: {},
      },
    ];
  },
};
