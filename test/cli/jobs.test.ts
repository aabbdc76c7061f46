import { expect, it } from 'vitest';
import { describeCli } from '../helpers/cli';

describeCli('mono jobs', (t) => {
  it('runs a job now and lists it with its last run', async () => {
    const ran = await t.cli(['jobs', 'run', 'sessions.cleanup']);
    expect(ran.code, ran.text).toBe(0);
    expect(ran.out).toEqual(['sessions.cleanup: {"sessions":0,"oneTimeTokens":0}']);
    const list = await t.cli(['jobs', 'list']);
    expect(list.code, list.text).toBe(0);
    expect(list.out.find((l) => l.startsWith('sessions.cleanup'))).toMatch(
      /^sessions\.cleanup\s+every 1h\s+last succeeded at \S+ \{"sessions":0,"oneTimeTokens":0\}$/,
    );
    expect(list.out.find((l) => l.startsWith('listings.expire'))).toMatch(/every 1min\s+never ran$/);
    const [run] = await t.db.query<{ worker: string; status: string }>(`select worker, status from mono.job_runs where job = 'sessions.cleanup'`);
    expect(run).toEqual({ worker: 'cli', status: 'succeeded' });
  });

  it('names the known jobs when asked for an unknown one', async () => {
    const result = await t.cli(['jobs', 'run', 'nope']);
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(/^mono: no job "nope"; known jobs: partitions\.ensure, listings\.expire, /);
  });
});
