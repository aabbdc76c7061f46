import { expect, it } from 'vitest';
import { describeCli } from '../helpers/cli';

/**
 * `mono citus distribute` on a database without Citus (PGlite, plain PostgreSQL): it says
 * what is missing and changes nothing. On a cluster it was run by hand (docs/citus.md).
 */
describeCli('mono citus distribute', (t) => {
  it('refuses without the citus extension, naming it, and leaves the schema as it was', async () => {
    const result = await t.cli(['citus', 'distribute']);
    expect(result.code).toBe(1);
    expect(result.err.at(-1)).toMatch(/^mono: the citus extension is not installed in this database/);
    const [aside] = await t.db.query<{ exists: boolean }>("select to_regclass('mono.citus_pending_foreign_keys') is not null as exists");
    expect(aside!.exists).toBe(false);
  });
});
