import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderApiTypes, schemaPath } from '../../console/scripts/api-types';
import { openTestDatabase, type TestDatabase } from '../helpers/db';

describe('console API types', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  it('console/src/api/schema.d.ts is generated from the current /openapi.json (run npm run console:api-types)', async () => {
    const fresh = await renderApiTypes(db);
    const committed = readFileSync(schemaPath, 'utf8');
    // A stale file fails with the first differing line, not a 14 000-line diff.
    const a = committed.split('\n');
    const b = fresh.split('\n');
    const line = a.findIndex((text, i) => text !== b[i]);
    expect(line === -1 && a.length === b.length ? null : { line: line + 1, committed: a[line], current: b[line] }).toBeNull();
  }, 60_000);
});
