import { expect, it } from 'vitest';
import { runDoctor } from '../../src/modules/maintenance/doctor';
import { runMaintenance } from '../../src/modules/maintenance/vacuum';
import { describeCli } from '../helpers/cli';

/**
 * `mono doctor` on a healthy database, then on one broken in each way it knows, each
 * finding with its fix; `mono maintenance` fixes the bloat it reports.
 */
describeCli('mono doctor and mono maintenance', (t) => {
  const line = (out: string[], start: string) => out.find((l) => l.startsWith(start)) ?? `(no line starting "${start}" in:\n${out.join('\n')})`;

  it('passes on a freshly migrated database', async () => {
    const result = await t.cli(['doctor']);
    expect(result.code, result.text).toBe(0);
    for (const check of [
      'migrations',
      'row-level security',
      'runtime roles',
      'foreign key indexes',
      'partitions',
      'invalid indexes',
      'table bloat',
      'jobs and data migrations',
    ]) {
      expect(line(result.out, `ok    ${check}:`)).toMatch(/^ok/);
    }
    expect(line(result.out, 'info  slowest queries:')).toMatch(/pg_stat_statements/);
    expect(result.out.at(-1)).toBe('0 failure(s), 0 warning(s).');
  });

  it('fails on a pending migration and on a tenant table without forced RLS, naming the fix', async () => {
    const [applied] = await t.db.query<{ name: string; checksum: string }>(`select name, checksum from mono.schema_migrations order by name desc limit 1`);
    await t.db.query('delete from mono.schema_migrations where name = $1', [applied!.name]);
    await t.db.exec('alter table listings no force row level security; alter table audit_logs_default no force row level security');
    try {
      const result = await t.cli(['doctor']);
      expect(result.code).toBe(1);
      expect(result.err).toEqual(['mono: the database has 2 problem(s) to fix (see above)']);
      const out = result.out.join('\n');
      expect(out).toContain(`FAIL  migrations: 1 migration(s) not applied\n        - ${applied!.name}\n          fix: mono migrate`);
      expect(out).toContain(
        '- listings: row-level security enabled but not forced\n          fix: alter table listings enable row level security; alter table listings force row level security;',
      );
      expect(out).toContain(
        "- audit_logs_default: row-level security enabled but not forced\n          fix: select mono.secure_partition('audit_logs_default');",
      );
    } finally {
      await t.db.query('insert into mono.schema_migrations (name, checksum) values ($1, $2)', [applied!.name, applied!.checksum]);
      await t.db.exec('alter table listings force row level security; alter table audit_logs_default force row level security');
    }
  });

  it('warns about a foreign key without an index and a missing coming partition; fails on an invalid index', async () => {
    await t.db.exec(`
      create table doctor_notes (tenant_id uuid not null, id uuid not null default mono.uuid_v7(), listing_id uuid,
        primary key (tenant_id, id), foreign key (tenant_id, listing_id) references listings (tenant_id, id));
      select mono.enable_tenant_rls('doctor_notes');
      create index doctor_notes_broken_idx on doctor_notes (id);
      update pg_index set indisvalid = false where indexrelid = 'doctor_notes_broken_idx'::regclass;`);
    const [next] = await t.db.query<{ name: string }>(`select 'activities_p' || to_char(date_trunc('month', now()) + interval '1 month', 'YYYY_MM') as name`);
    await t.db.exec(`alter table activities detach partition ${next!.name}; drop table ${next!.name}`);
    try {
      const result = await t.cli(['doctor']);
      expect(result.code).toBe(1);
      const out = result.out.join('\n');
      expect(out).toContain('WARN  foreign key indexes: 1 foreign key(s) without an index');
      expect(out).toContain(
        '- doctor_notes.doctor_notes_tenant_id_listing_id_fkey (tenant_id, listing_id)\n          fix: create index concurrently doctor_notes_listing_id_idx on doctor_notes (tenant_id, listing_id);',
      );
      expect(out).toContain(`WARN  partitions: 1 partition problem(s)\n        - ${next!.name} is missing\n          fix: mono partitions ensure --months 2`);
      expect(out).toContain('FAIL  invalid indexes: 1 invalid index(es)');
      expect(out).toContain('fix: reindex index concurrently doctor_notes_broken_idx;');
      expect(result.out.at(-1)).toBe('1 failure(s), 2 warning(s).');
    } finally {
      await t.db.exec('drop table doctor_notes');
    }
    expect((await t.cli(['partitions', 'ensure'])).code).toBe(0);
    expect((await t.cli(['doctor'])).code).toBe(0);
  });

  it('reports bloat, which maintenance vacuums away', async () => {
    // Statistics live in the running database (PGlite starts without them at every open),
    // so this runs in the test's own process, as the scheduler's maintenance job would.
    await t.db.withSession(async (s) => {
      await s.exec(`create table doctor_bloat (id int primary key, v text) with (autovacuum_enabled = false);
        insert into doctor_bloat select g, repeat('x', 20) from generate_series(1, 30000) g;
        delete from doctor_bloat where id > 2000;`);
      await s.query('select pg_stat_force_next_flush()');
    });
    const bloat = async () => (await runDoctor(t.db)).find((r) => r.check === 'table bloat')!;
    expect(await bloat()).toEqual({
      check: 'table bloat',
      status: 'warn',
      summary: expect.stringMatching(/^1 table\(s\) with many dead rows/),
      items: [{ what: 'doctor_bloat: 28,000 dead / 2,000 live rows, last vacuum never', fix: 'mono maintenance (or: vacuum (analyze) doctor_bloat;)' }],
    });
    const done = await runMaintenance(t.db);
    expect(done.find((a) => a.table === 'doctor_bloat')).toMatchObject({ action: 'vacuum analyze', reason: '28,000 dead rows (1400% of live)' });
    const [stats] = await t.db.query<{ dead: number; vacuumed: boolean }>(
      `select n_dead_tup::int as dead, last_vacuum is not null as vacuumed from pg_stat_user_tables where relname = 'doctor_bloat'`,
    );
    expect(stats).toEqual({ dead: 0, vacuumed: true });
    expect((await bloat()).status).toBe('ok');
    await t.db.exec('drop table doctor_bloat');
  });

  it('`mono maintenance` analyzes the large tables and the partitioned parents, and says what it did', async () => {
    const result = await t.cli(['maintenance']);
    expect(result.code, result.text).toBe(0);
    expect(line(result.out, 'analyze        audit_logs  (partitioned parent: autovacuum never analyzes it')).toMatch(/^analyze/);
    expect(line(result.out, 'analyze        activities  (partitioned parent')).toMatch(/^analyze/);
    expect(result.out.at(-1)).toMatch(/^Maintained \d+ table\(s\): \d+ vacuumed and analyzed, \d+ analyzed\.$/);
    const all = await t.cli(['maintenance', '--all']);
    expect(all.out.length).toBeGreaterThan(result.out.length + 20);
  });

  if (t.engine === 'postgres') {
    it('says why it cannot list the slowest queries when pg_stat_statements is not loaded', async () => {
      const [available] = await t.db.query<{ ok: boolean }>(`select exists (select 1 from pg_available_extensions where name = 'pg_stat_statements') as ok`);
      expect(available!.ok).toBe(true);
      await t.db.exec('create extension if not exists pg_stat_statements');
      const result = await t.cli(['doctor']);
      const [loaded] = await t.db.query<{ libs: string }>(`select current_setting('shared_preload_libraries') as libs`);
      if (loaded!.libs.includes('pg_stat_statements')) {
        expect(line(result.out, 'info  slowest queries:')).toMatch(/slowest statements by mean time/);
      } else {
        expect(line(result.out, 'info  slowest queries:')).toMatch(
          /installed but cannot be read: pg_stat_statements must be loaded via shared_preload_libraries/,
        );
      }
    });
  }
});
