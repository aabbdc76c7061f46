import { expect, it } from 'vitest';
import { loadDefinitions, loadMigrations, MigrationError, migrate, pendingMigrations } from '../../src/db/migrate';
import { describeDb } from '../helpers/db';

describeDb('migrations', (t) => {
  it('are all applied in the template, and applying again does nothing', async () => {
    expect(await pendingMigrations(t.db)).toEqual([]);
    const result = await migrate(t.db);
    expect(result.applied).toEqual([]);
    expect(result.alreadyApplied).toBe(loadMigrations().length);
  });

  it('applies a new migration once, in its own transaction, and records it', async () => {
    const extra = [
      ...loadMigrations(),
      { name: '9999_test_extra', sql: 'create table test_extra (id int); insert into test_extra values (1);', checksum: 'x1' },
    ];
    expect((await migrate(t.db, { migrations: extra })).applied).toEqual(['9999_test_extra']);
    expect((await migrate(t.db, { migrations: extra })).applied).toEqual([]);
    expect(await t.db.query('select id from test_extra')).toEqual([{ id: 1 }]);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const edited = [...loadMigrations(), { name: '9999_test_extra', sql: 'select 1', checksum: 'changed' }];
    await expect(migrate(t.db, { migrations: edited })).rejects.toThrow(/was edited after it was applied/);
  });

  it('refuses to run an older code base against a newer database', async () => {
    await expect(migrate(t.db, { migrations: loadMigrations() })).rejects.toThrow(/does not know/);
    await expect(migrate(t.db, { migrations: loadMigrations() })).rejects.toBeInstanceOf(MigrationError);
  });

  it('rolls back a failing migration completely', async () => {
    const broken = [
      ...loadMigrations(),
      { name: '9999_test_extra', sql: 'select 1', checksum: 'x1' },
      { name: '9999_z_broken', sql: 'create table half_done (id int); select 1/0;', checksum: 'b' },
    ];
    await expect(migrate(t.db, { migrations: broken })).rejects.toThrow(/9999_z_broken failed: division by zero/);
    expect(await t.db.query(`select to_regclass('half_done') as t`)).toEqual([{ t: null }]);
    expect(await pendingMigrations(t.db, broken)).toEqual(['9999_z_broken']);
  });

  it('refuses a pending migration that sorts before the newest applied one', async () => {
    const late = [
      ...loadMigrations(),
      { name: '9999_test_extra', sql: 'select 1', checksum: 'x1' },
      { name: '0005_late_branch', sql: 'select 1', checksum: 'l' },
    ];
    await expect(migrate(t.db, { migrations: late })).rejects.toThrow(/0005_late_branch is pending but sorts before 9999_test_extra/);
    expect(await pendingMigrations(t.db, late)).toEqual(['0005_late_branch']);
  });
});

describeDb('definitions (functions, triggers, views)', (t) => {
  const fn = (body: string) => ({
    name: '999_test_answer',
    sql: `create or replace function mono.test_answer() returns int language sql immutable as $$ select ${body} $$;`,
    checksum: `answer-${body}`,
  });

  it('are all applied in the template', async () => {
    const result = await migrate(t.db);
    expect(result.defined).toEqual([]);
    const recorded = await t.db.query<{ name: string }>('select name from mono.schema_definitions order by name');
    expect(recorded.map((r) => r.name)).toEqual(loadDefinitions().map((d) => d.name));
  });

  it('applies a new definition, skips it while unchanged, and re-applies it when it changes', async () => {
    const all = loadDefinitions();
    expect((await migrate(t.db, { definitions: [...all, fn('41')] })).defined).toEqual(['999_test_answer']);
    expect((await migrate(t.db, { definitions: [...all, fn('41')] })).defined).toEqual([]);
    expect((await migrate(t.db, { definitions: [...all, fn('42')] })).defined).toEqual(['999_test_answer']);
    expect(await t.db.query('select mono.test_answer() as answer')).toEqual([{ answer: 42 }]);
  });

  it('keeps the previous version when a changed definition fails', async () => {
    const broken = {
      name: '999_test_answer',
      sql: 'create or replace function mono.test_answer() returns int language sql as $$ select 1/ $$;',
      checksum: 'broken',
    };
    await expect(migrate(t.db, { definitions: [...loadDefinitions(), broken] })).rejects.toThrow(/definition 999_test_answer failed/);
    expect(await t.db.query('select mono.test_answer() as answer')).toEqual([{ answer: 42 }]);
  });
});
