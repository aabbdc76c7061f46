import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from '../../src/db/data-dir-lock';

const contender = fileURLToPath(new URL('./lock-contender.ts', import.meta.url));

/** A pid that surely belongs to no running process: one that just exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

/**
 * Starts `n` contenders, lets them try at once when all are ready, and collects what
 * each says (the winner holds the lock until every contender has answered).
 */
async function race(dir: string, n: number): Promise<string[]> {
  const children = Array.from({ length: n }, () => spawn(process.execPath, ['--import', 'tsx', contender, dir], { stdio: ['ignore', 'pipe', 'inherit'] }));
  const lines = children.map(() => [] as string[]);
  const exited = children.map((child) => new Promise((resolve) => child.on('exit', resolve)));
  children.forEach((child, i) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      lines[i]!.push(...parts);
    });
  });
  const until = async (done: () => boolean) => {
    const end = Date.now() + 60_000;
    while (!done()) {
      if (Date.now() > end) throw new Error(`contenders stuck: ${JSON.stringify(lines)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  await until(() => lines.every((l) => l.includes('ready')));
  writeFileSync(join(dir, 'go'), '');
  await until(() => lines.every((l) => l.length >= 2));
  writeFileSync(join(dir, 'done'), '');
  await Promise.all(exited);
  return lines.map((l) => l[1]!);
}

describe('faults: the embedded data-directory lock', () => {
  it('lets exactly one of several simultaneous starts take over a stale lock', async () => {
    for (let round = 0; round < 3; round++) {
      const dir = mkdtempSync(join(tmpdir(), 'mono-lock-'));
      try {
        writeFileSync(join(dir, 'mono.pid'), String(deadPid()));
        const outcomes = await race(dir, 4);
        expect(
          outcomes.filter((o) => o === 'won'),
          outcomes.join('\n'),
        ).toHaveLength(1);
        for (const lost of outcomes.filter((o) => o !== 'won')) expect(lost).toMatch(/^lost: .*(in use by process|another process is starting)/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }, 120_000);

  it('takes over a stale lock, refuses a live one, and releases only its own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mono-lock-'));
    try {
      writeFileSync(join(dir, 'mono.pid'), String(deadPid()));
      const release = lockDataDir(dir);
      expect(readFileSync(join(dir, 'mono.pid'), 'utf8')).toBe(String(process.pid));
      // A live holder (the parent process stands for "another mono").
      writeFileSync(join(dir, 'mono.pid'), String(process.ppid));
      expect(() => lockDataDir(dir)).toThrow(/in use by process/);
      release(); // not ours any more: stays
      expect(readFileSync(join(dir, 'mono.pid'), 'utf8')).toBe(String(process.ppid));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('clears a takeover mutex left by a process that died while holding it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mono-lock-'));
    try {
      writeFileSync(join(dir, 'mono.pid'), String(deadPid()));
      mkdirSync(join(dir, 'mono.pid.takeover'));
      // Fresh mutex: someone is taking over right now.
      expect(() => lockDataDir(dir)).toThrow(/another process is starting|in use/);
      const old = new Date(Date.now() - 60_000);
      utimesSync(join(dir, 'mono.pid.takeover'), old, old);
      const release = lockDataDir(dir);
      expect(readFileSync(join(dir, 'mono.pid'), 'utf8')).toBe(String(process.pid));
      release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
