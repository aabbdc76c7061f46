import { expect, it } from 'vitest';
import { describeCli } from '../helpers/cli';

/** A database nobody migrated yet: every command says what to do in one line, and doctor is short. */
describeCli(
  'mono on an empty database',
  (t) => {
    it('says to migrate instead of naming a missing table', async () => {
      const jobs = await t.cli(['jobs', 'list']);
      expect(jobs.code).toBe(1);
      expect(jobs.err).toHaveLength(1);
      expect(jobs.err[0]).toMatch(/^mono: the database is not migrated \(.+\): run mono migrate$/);
    });

    it('doctor reports the empty database in a few lines', async () => {
      const doctor = await t.cli(['doctor']);
      expect(doctor.code).toBe(1);
      expect(doctor.out.join('\n')).toMatch(
        /FAIL {2}migrations: the database is empty: none of the \d+ migrations is applied\n {8}- no Mono schema yet\n {10}fix: mono migrate/,
      );
      expect(doctor.out.length).toBeLessThan(8);
      expect(doctor.err).toEqual(['mono: the database has 1 problem(s) to fix (see above)']);
    });
  },
  { empty: true },
);
