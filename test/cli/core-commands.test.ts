import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/kit/io';
import { runCli } from '../../src/cli/program';
import { openDatabase } from '../../src/db/client';
import { lockDataDir } from '../../src/db/data-dir-lock';
import { TEST_AUDIT_KEY, TEST_AUDIT_KEY_BASE64 } from '../helpers/audit-key';
import { openTestDatabase, testEngines } from '../helpers/db';

function capture(): CliIO & { out: (l: string) => void; lines: { out: string[]; err: string[] } } {
  const lines = { out: [] as string[], err: [] as string[] };
  return { out: (l) => lines.out.push(l), err: (l) => lines.err.push(l), isTTY: false, lines };
}

async function mono(args: string[], env: Record<string, string>) {
  const io = capture();
  const code = await runCli(args, io, { MONO_DEMO: '0', LOG_LEVEL: 'silent', ...env });
  return { code, out: io.lines.out.join('\n'), err: io.lines.err.join('\n'), errLines: io.lines.err };
}

for (const engine of testEngines()) {
  describe(`mono CLI: migrate, seed, tenant create, partitions, errors [${engine}]`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mono-cli-'));
    let env: Record<string, string>;
    let closeServerDb: (() => Promise<void>) | undefined;

    afterAll(async () => {
      rmSync(dataDir, { recursive: true, force: true });
      await closeServerDb?.();
    });

    it('migrates, and a second run has nothing to do', async () => {
      if (engine === 'postgres') {
        const db = await openTestDatabase('postgres', { poolSize: 1 });
        env = { DATABASE_URL: db.url!, AUDIT_KEY: TEST_AUDIT_KEY_BASE64 };
        closeServerDb = () => db.close();
      } else {
        env = { DATA_DIR: dataDir };
      }
      const first = await mono(['migrate'], env);
      expect(first.code).toBe(0);
      const second = await mono(['migrate'], env);
      expect(second.code).toBe(0);
      expect(second.out).toMatch(/Nothing to apply/);
    }, 120_000);

    it('seeds the platform operator once, and the demo marketplace', async () => {
      const seeded = await mono(['seed', '--demo', '--admin-email', 'ops@example.test', '--admin-password', 'Operator-Pass-2026'], env);
      expect(seeded.code).toBe(0);
      expect(seeded.out).toMatch(/Platform operator: ops@example.test/);
      expect(seeded.out).toMatch(/Demo marketplace "demo" created/);
      const again = await mono(['seed', '--demo'], env);
      expect(again.code).toBe(0);
      expect(again.out).toMatch(/platform tenant exists already: no operator was created/);
      expect(again.out).toMatch(/Demo marketplace "demo" exists already, nothing was created/);
    }, 120_000);

    it('creates a tenant, and explains bad input in one line', async () => {
      const ok = await mono(
        ['tenant', 'create', '--identifier', 'acme', '--name', 'Acme', '--admin-email', 'boss@acme.test', '--admin-password', 'Tall-Ship-2026'],
        env,
      );
      expect(ok.code).toBe(0);
      expect(ok.out).toMatch(/Created tenant acme/);

      const cases: [string[], RegExp][] = [
        [
          ['tenant', 'create', '--identifier', 'acme', '--name', 'Again', '--admin-email', 'x@acme.test', '--admin-password', 'Tall-Ship-2026'],
          /already exists/,
        ],
        [['tenant', 'create', '--identifier', 'Not OK', '--name', 'X', '--admin-email', 'x@y.test', '--admin-password', 'Tall-Ship-2026'], /--identifier/],
        [['tenant', 'create', '--identifier', 'weak', '--name', 'X', '--admin-email', 'x@y.test', '--admin-password', 'short'], /password/i],
        [['tenant', 'create', '--identifier', 'missing'], /required option/],
        [['partitions', 'ensure', '--months', 'many'], /--months must be a whole number/],
        [['no-such-command'], /unknown command/],
      ];
      for (const [args, message] of cases) {
        const res = await mono(args, env);
        expect(res.code, args.join(' ')).not.toBe(0);
        expect(res.errLines, args.join(' ')).toHaveLength(1);
        expect(res.err).toMatch(message);
        expect(res.err, args.join(' ')).toMatch(/^mono: /); // one prefix for every error
        expect(res.err).not.toMatch(/\n\s+at /); // no stack trace
      }
    }, 120_000);

    it('recovers a tenant administrator: reactivated, permanent again', async () => {
      // The administrator of acme (created above) deactivated by hand and their role set to expire — as a broken database might be.
      const sql = async (statement: string) => {
        const db = await openDatabase({ url: env.DATABASE_URL!, poolSize: 1, auditKey: TEST_AUDIT_KEY });
        try {
          await db.exec(statement);
        } finally {
          await db.close();
        }
      };
      if (engine === 'postgres') {
        await sql(`alter table users disable trigger keep_a_tenant_admin_on_user; alter table user_roles disable trigger keep_a_tenant_admin_on_update`);
        await sql(
          `update users set deactivated_at = now() where email = 'boss@acme.test'; update user_roles set expires_at = now() + interval '1 day' where user_id = (select id from users where email = 'boss@acme.test')`,
        );
        await sql(`alter table users enable trigger keep_a_tenant_admin_on_user; alter table user_roles enable trigger keep_a_tenant_admin_on_update`);
      }
      const restored = await mono(['tenant', 'admin', '--tenant', 'acme', '--user', 'BOSS@acme.test'], env);
      expect(restored.code).toBe(0);
      expect(restored.out).toMatch(
        engine === 'postgres' ? /boss@acme.test is a permanent administrator of acme \(reactivated\)/ : /boss@acme.test is a permanent administrator of acme/,
      );
      const unknown = await mono(['tenant', 'admin', '--tenant', 'acme', '--user', 'nobody@acme.test'], env);
      expect(unknown.code).not.toBe(0);
      expect(unknown.errLines).toHaveLength(1);
      expect(unknown.err).toMatch(/No live user "nobody@acme.test"/);
    }, 60_000);

    it('creates coming partitions', async () => {
      const res = await mono(['partitions', 'ensure', '--months', '6'], env);
      expect(res.code).toBe(0);
      expect(res.out).toMatch(/partition/);
    }, 60_000);

    if (engine === 'pglite') {
      it('refuses to open an embedded database another process holds', async () => {
        const busy = mkdtempSync(join(tmpdir(), 'mono-busy-'));
        const release = lockDataDir(busy);
        try {
          // The holder here is this very process, so pretend to be another one by rewriting the pid.
          const { writeFileSync } = await import('node:fs');
          writeFileSync(join(busy, 'mono.pid'), String(process.ppid));
          const res = await mono(['migrate'], { DATA_DIR: busy });
          expect(res.code).toBe(1);
          expect(res.err).toMatch(/in use by process/);
        } finally {
          release();
          rmSync(busy, { recursive: true, force: true });
        }
      });

      it('reports an unreachable server in one line', async () => {
        const res = await mono(['migrate'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere' });
        expect(res.code).not.toBe(0);
        expect(res.errLines).toHaveLength(1);
        expect(res.err).toMatch(/cannot reach the database|ECONNREFUSED/);
      });

      it.skipIf(!process.env.TEST_DATABASE_URL)('says to create a database that does not exist, in one line', async () => {
        const url = new URL(process.env.TEST_DATABASE_URL!);
        url.pathname = '/mono_never_created';
        const res = await mono(['migrate'], { DATABASE_URL: url.toString() });
        expect(res.code).toBe(1);
        expect(res.errLines).toEqual(['mono: database "mono_never_created" does not exist: create it first (e.g. createdb), then run mono migrate']);
      });

      it('prints its version (mono --version) without opening a database', async () => {
        const res = await mono(['--version'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere' });
        expect(res.code).toBe(0);
        expect(res.out).toMatch(/^\d+\.\d+\.\d+$/);
      });

      it('explains a bad configuration value in one line', async () => {
        const res = await mono(['migrate'], { PORT: 'abc' });
        expect(res.code).toBe(1);
        expect(res.err).toMatch(/configuration: PORT/);
      });
    }
  });
}
