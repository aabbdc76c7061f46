import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { projectRoot } from '../../src/core/paths';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * `npm start` under a supervisor: the supervisor signals the process it started — npm —
 * and the server must stop with it, not linger as an orphan holding the port and the data
 * directory (npm forwards the signal to its child, which is the server itself: `exec`).
 */
it('npm start stops the server when npm is sent SIGTERM', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mono-npm-start-'));
  const port = String(20_000 + Math.floor(Math.random() * 20_000));
  const npm = spawn('npm', ['start', '--silent'], {
    cwd: projectRoot,
    env: { ...process.env, DATA_DIR: dataDir, PORT: port, MONO_DEMO: '0', JOBS: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let output = '';
    npm.stdout.on('data', (chunk) => (output += chunk));
    npm.stderr.on('data', (chunk) => (output += chunk));
    for (let i = 0; i < 600 && !/Mono is ready/.test(output); i++) await sleep(100);
    expect(output).toMatch(/Mono is ready/);
    const children = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(npm.pid)], { encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(children).toHaveLength(1);
    expect(children[0]).toMatch(/node .*mono\.mjs serve/); // no shell in between
    const server = Number(children[0]!.trim().split(/\s+/)[0]);

    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    npm.kill('SIGTERM');
    await exited;
    for (let i = 0; i < 100 && alive(server); i++) await sleep(100);
    expect(alive(server)).toBe(false);
    expect(output).toMatch(/SIGTERM: shutting down/);
  } finally {
    if (npm.exitCode === null) npm.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 90_000);
