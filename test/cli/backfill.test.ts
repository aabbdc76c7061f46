import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../src/db/migrate';
import { readCheckpoint, runBackfill } from '../../src/modules/maintenance/backfill';
import { auditChangedFields } from '../../src/modules/maintenance/backfills';
import { describeCli } from '../helpers/cli';
import { createTenantGraph, type TenantGraph } from '../helpers/graph';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const EXPAND = '0401_audit_changed_fields_expand';

/**
 * The worked example of docs/migrations.md, carried out on a database that starts
 * before it: EXPAND (0401) on a table with history, the BACKFILL — killed and resumed —
 * and the CONTRACT (0402/0403), with the audit chain verifying at the end.
 */
describeCli(
  'expand → backfill (killed and resumed) → contract',
  (t) => {
    let g: TenantGraph;
    let missingBefore: number;
    const missing = async () => Number((await t.db.query<{ n: number }>('select count(*)::int as n from audit_logs where changed_fields is null'))[0]!.n);
    const total = async () => Number((await t.db.query<{ n: number }>('select count(*)::int as n from audit_logs'))[0]!.n);
    /** Rows at or before the checkpoint's key are all filled, rows after it untouched. */
    async function checkpointHolds(): Promise<{ batches: number; scanned: number }> {
      const checkpoint = (await readCheckpoint(t.db, 'audit-changed-fields'))!;
      const [key0, key1] = checkpoint.last_key!;
      const [row] = await t.db.query<{ before_missing: number; after_filled: number; before: number }>(
        `select count(*) filter (where (tenant_id, id) <= ($1::uuid, $2::uuid) and changed_fields is null)::int as before_missing,
                count(*) filter (where (tenant_id, id) <= ($1::uuid, $2::uuid))::int as before,
                count(*) filter (where (tenant_id, id) > ($1::uuid, $2::uuid) and changed_fields is not null and created_at < $3)::int as after_filled
           from audit_logs`,
        [key0, key1, expandedAt],
      );
      expect(row!.before_missing).toBe(0);
      expect(row!.after_filled).toBe(0);
      expect(row!.before).toBe(Number(checkpoint.rows_scanned));
      return { batches: Number(checkpoint.batches), scanned: Number(checkpoint.rows_scanned) };
    }
    let expandedAt: Date;

    beforeAll(async () => {
      const all = loadMigrations();
      // The database as an older code base left it: its migrations, and none of today's
      // definitions (they may use tables that only later migrations create).
      await migrate(t.db, { migrations: all.filter((m) => m.name < EXPAND), definitions: [] });
      for (let i = 0; i < 6; i++) g = await createTenantGraph(t.db, 'history');
      await migrate(t.db, { migrations: all.filter((m) => m.name <= EXPAND), definitions: [] });
      expandedAt = new Date();
      await new Promise((r) => setTimeout(r, 5));
      // Written after the expand: the trigger fills changed_fields for them.
      await createTenantGraph(t.db, 'fresh');
      missingBefore = await missing();
      expect(missingBefore).toBeGreaterThan(100);
      expect(await total()).toBeGreaterThan(missingBefore);
    }, 120_000);

    it('lists the registered data migrations', async () => {
      const result = await t.cli(['backfill']);
      expect(result.code, result.text).toBe(0);
      expect(result.out).toEqual([expect.stringMatching(/^audit-changed-fields\s+audit_logs\s+not run$/)]);
    });

    it('--dry-run reports exactly what would change and changes nothing', async () => {
      const result = await t.cli(['backfill', 'audit-changed-fields', '--dry-run', '--batch-size', '25']);
      expect(result.code, result.text).toBe(0);
      expect(result.out).toEqual([
        `Dry run of audit-changed-fields: ${missingBefore} of ${await total()} rows would change (${Math.floor((await total()) / 25) + 1} batches, all rolled back).`,
      ]);
      expect(await missing()).toBe(missingBefore);
      expect(await readCheckpoint(t.db, 'audit-changed-fields')).toBeUndefined();
    });

    it('the contract refuses while many rows are missing, and says what to run', async () => {
      await t.db.exec(`
        insert into audit_logs (tenant_id, seq, action, resource, resource_id, values_digest, hash)
        select '${g.tenantId}', 0, 'create', 'junk', g::text, '\\x00', '\\x00' from generate_series(1, 10001) g;
        update audit_logs set changed_fields = null where seq = 0`);
      const result = await t.cli(['migrate']);
      expect(result.code).toBe(1);
      expect(result.err.at(-1)).toMatch(/more than 10000 entries without changed_fields; run `mono backfill audit-changed-fields`, then `mono migrate` again/);
      await t.db.exec('delete from audit_logs where seq = 0');
      const [column] = await t.db.query<{ attnotnull: boolean }>(
        `select attnotnull from pg_attribute where attrelid = 'audit_logs'::regclass and attname = 'changed_fields'`,
      );
      expect(column!.attnotnull).toBe(false);
    });

    it('a run that dies between batches keeps exactly what it committed', async () => {
      await expect(
        runBackfill(t.db, auditChangedFields, {
          batchSize: 20,
          onBatch: (p) => {
            if (p.batches === 3) throw new Error('killed after batch 3');
          },
        }),
      ).rejects.toThrow('killed after batch 3');
      expect(await checkpointHolds()).toEqual({ batches: 3, scanned: 60 });
      expect(await missing()).toBeLessThan(missingBefore);
    });

    if (t.engine === 'postgres') {
      it('a CLI process killed (SIGKILL) in the middle of its run loses nothing either', async () => {
        const child = spawn(process.execPath, ['bin/mono.mjs', 'backfill', 'audit-changed-fields', '--batch-size', '20', '--rate', '40'], {
          cwd: repo,
          env: { ...process.env, ...t.env },
          stdio: 'ignore',
        });
        const exited = new Promise((resolve) => child.on('exit', resolve));
        for (let i = 0; i < 300; i++) {
          const checkpoint = await readCheckpoint(t.db, 'audit-changed-fields');
          if (Number(checkpoint!.batches) >= 5) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        child.kill('SIGKILL');
        await exited;
        const { batches } = await checkpointHolds();
        expect(batches).toBeGreaterThanOrEqual(5);
        expect(await missing()).toBeGreaterThan(0);
      });
    }

    it('`mono backfill` resumes after the checkpoint and ends with exactly the right result', async () => {
      const done = (await readCheckpoint(t.db, 'audit-changed-fields'))!;
      const result = await t.cli(['backfill', 'audit-changed-fields', '--batch-size', '20']);
      expect(result.code, result.text).toBe(0);
      expect(result.err[0]).toBe(`Resuming audit-changed-fields after ${done.rows_scanned} rows (key ${JSON.stringify(done.last_key)}).`);
      expect(await missing()).toBe(0);
      const [wrong] = await t.db.query<{ n: number }>(
        'select count(*)::int as n from audit_logs where changed_fields is distinct from mono.audit_changed_fields(old_values, new_values)',
      );
      expect(wrong!.n).toBe(0);
      // Over all runs, every row was looked at once and every missing one changed once.
      const checkpoint = (await readCheckpoint(t.db, 'audit-changed-fields'))!;
      expect(Number(checkpoint.rows_scanned)).toBe(await total());
      expect(Number(checkpoint.rows_changed)).toBe(missingBefore);
      expect(checkpoint.completed_at).not.toBeNull();

      const again = await t.cli(['backfill', 'audit-changed-fields']);
      expect(again.out[0]).toMatch(/^audit-changed-fields was already completed at .*; nothing to do/);
    });

    it('then the contract applies, the column is NOT NULL, and the audit chains verify', async () => {
      let result = await t.cli(['migrate']);
      expect(result.code, result.text).toBe(0);
      const [column] = await t.db.query<{ attnotnull: boolean }>(
        `select attnotnull from pg_attribute where attrelid = 'audit_logs'::regclass and attname = 'changed_fields'`,
      );
      expect(column!.attnotnull).toBe(true);
      const [leftover] = await t.db.query<{ n: number }>(`select count(*)::int as n from pg_constraint where conname = 'audit_logs_changed_fields_not_null'`);
      expect(leftover!.n).toBe(0);
      result = await t.cli(['audit', 'verify']);
      expect(result.code, result.text).toBe(0);
    });

    it('refuses an unknown data migration and bad options in one line', async () => {
      expect((await t.cli(['backfill', 'nope'])).err).toEqual(['mono: no data migration "nope"; known: audit-changed-fields']);
      expect((await t.cli(['backfill', 'audit-changed-fields', '--rate', '0'])).err).toEqual(['mono: --rate must be a number > 0, got "0"']);
    });
  },
  { empty: true },
);
