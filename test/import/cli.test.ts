import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeCli } from '../helpers/cli';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const USERS = 1000;

/** `mono import` as an operator runs it: summary, report file, a kill in the middle of a file and the resume. */
describeCli('mono import (CLI)', (t) => {
  let dir: string;
  const count = async (sql: string) => Number((await t.db.query<{ n: number }>(sql))[0]!.n);
  const users = () => count(`select count(*)::int as n from users u join tenants t on t.id = u.tenant_id where t.identifier = 'legacy'`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mono-import-cli-'));
    const lines = Array.from({ length: USERS }, (_, i) => JSON.stringify({ externalId: `u${i}`, email: `u${i}@legacy.test`, displayName: `User ${i}` }));
    lines.splice(41, 0, JSON.stringify({ externalId: 'bad', email: 'nope', displayName: 'Bad' }));
    writeFileSync(join(dir, 'users.ndjson'), `${lines.join('\n')}\n`);
    writeFileSync(join(dir, 'accounts.csv'), 'externalId,identifier,name,type,owner\na1,legacy-co,"Legacy, Inc.",AGENCY,u1\n');
    const created = await t.cli([
      'tenant',
      'create',
      '--identifier',
      'legacy',
      '--name',
      'Legacy',
      '--admin-email',
      'admin@legacy.test',
      '--admin-password',
      'Very-Secret-Pass-1',
    ]);
    expect(created.code, created.text).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a bad format and an unknown tenant in one line', async () => {
    expect((await t.cli(['import', '--tenant', 'legacy', '--dir', dir, '--format', 'xml'])).err).toEqual(['mono: --format must be ndjson or csv, got "xml"']);
    expect((await t.cli(['import', '--tenant', 'nope', '--dir', dir])).err).toEqual(['mono: no tenant "nope"']);
  });

  if (t.engine === 'postgres') {
    it('a process killed (SIGKILL) in the middle of a file keeps its committed batches', async () => {
      const child = spawn(process.execPath, ['bin/mono.mjs', 'import', '--tenant', 'legacy', '--dir', dir, '--batch-size', '25'], {
        cwd: repo,
        env: { ...process.env, ...t.env },
        stdio: 'ignore',
      });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      const batches = async () => count(`select coalesce(max(batches), 0)::int as n from import_checkpoints where kind = 'users'`);
      for (let i = 0; i < 600 && (await batches()) < 4; i++) await new Promise((r) => setTimeout(r, 50));
      child.kill('SIGKILL');
      await exited;
      const [checkpoint] = await t.db.query<{ lines_done: number; completed_at: Date | null }>(
        `select lines_done, completed_at from import_checkpoints where kind = 'users'`,
      );
      expect(checkpoint!.completed_at).toBeNull();
      expect(checkpoint!.lines_done).toBeGreaterThanOrEqual(100);
      expect(checkpoint!.lines_done).toBeLessThan(USERS);
      // exactly the committed batches' users are in (the one refused line among them)
      expect(await users()).toBe(1 + checkpoint!.lines_done - 1);
    }, 60_000);
  }

  it('imports (or resumes), prints a summary and writes the refused lines to the report', async () => {
    const before = await t.db.query<{ lines_done: number }>(`select lines_done from import_checkpoints where kind = 'users'`);
    const result = await t.cli(['import', '--tenant', 'legacy', '--dir', dir, '--batch-size', '500']);
    expect(result.code, result.text).toBe(0);
    if (before.length) expect(result.err[0]).toBe(`Resuming users.ndjson after line ${before[0]!.lines_done.toLocaleString('en')}.`);
    expect(result.out[0]).toMatch(/^users\.ndjson\s+[\d,]+ new, 0 updated, \d refused/);
    expect(result.out[1]).toMatch(/^accounts\.csv\s+1 new, 0 updated, 0 refused/);
    expect(result.out.at(-1)).toMatch(
      /^Imported [\d,]+ records into legacy in .* \(run [0-9a-f-]{36}\)(; 1 problems reported in .*import-report\.csv|; nothing refused)\.$/,
    );
    expect(await users()).toBe(1 + USERS);
    const report = readFileSync(join(dir, 'import-report.csv'), 'utf8').trim().split('\n');
    expect(report[0]).toBe('file,line,field,code,message');
    if (!before.length) expect(report.slice(1)).toEqual(['users.ndjson,42,email,VALIDATION_FAILED,must be an e-mail address']);
    const [owner] = await t.db.query<{ role: string }>(
      `select au.role from account_users au join accounts a on a.tenant_id = au.tenant_id and a.id = au.account_id where a.identifier = 'legacy-co'`,
    );
    expect(owner!.role).toBe('admin');
  }, 120_000);

  it('a second run skips the unchanged files and changes nothing', async () => {
    const result = await t.cli(['import', '--tenant', 'legacy', '--dir', dir]);
    expect(result.code, result.text).toBe(0);
    expect(result.out.slice(0, 2)).toEqual([
      expect.stringMatching(/^users\.ndjson\s+unchanged since its completed import; skipped/),
      expect.stringMatching(/^accounts\.csv\s+unchanged since its completed import; skipped/),
    ]);
    expect(await users()).toBe(1 + USERS);
  });
});
