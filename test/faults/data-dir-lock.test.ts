import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from '../../src/db/data-dir-lock';

const run = promisify(execFile);
const contender = fileURLToPath(new URL('./lock-contender.ts', import.meta.url));

/** A pid that surely belongs to no running process: one that just exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('faults: the embedded data-directory lock', () => {
  it('lets exactly one of several simultaneous starts take over a stale lock', async () => {
    for (let round = 0; round < 3; round++) {
      const dir = mkdtempSync(join(tmpdir(), 'mono-lock-'));
      try {
        writeFileSync(join(dir, 'mono.pid'), String(deadPid()));
        const startAt = Date.now() + 1500; // every contender has loaded by then
        const outcomes = await Promise.all(
          Array.from({ length: 4 }, () => run(process.execPath, ['--import', 'tsx', contender, dir, String(startAt)]).then((r) => r.stdout.trim())),
        );
        expect(
          outcomes.filter((o) => o === 'won'),
          outcomes.join('\n'),
        ).toHaveLength(1);
        for (const lost of outcomes.filter((o) => o !== 'won')) expect(lost).toMatch(/^lost: .*(in use by process|another process is starting)/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }, 50_000);

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
