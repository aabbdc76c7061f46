import { expect, it } from 'vitest';
import { loadMigrations, MigrationError, migrate, pendingMigrations } from '../../src/db/migrate';
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
});
