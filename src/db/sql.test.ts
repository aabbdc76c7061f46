import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeDb } from '../../test/helpers/db';
import { rows } from './sql';

describeDb('raw rows', (t) => {
  it('gives timestamps as Dates and dates as text, like the builder', async () => {
    const [row] = await rows<{ at: Date; plain: Date; day: string; n: number }>(
      t.db.orm,
      sql`select '2026-03-29T01:30:00Z'::timestamptz as at, '2026-03-29 01:30:00'::timestamp as plain, '2026-03-29'::date as day, 3::int8 as n`,
    );
    expect(row!.at).toBeInstanceOf(Date);
    expect(row!.at.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(row!.plain).toBeInstanceOf(Date);
    expect(row!.day).toBe('2026-03-29');
  });
});
