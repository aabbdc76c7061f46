import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KIND_NAMES, kindJsonSchema } from '../../src/modules/import';

const dir = fileURLToPath(new URL('../../docs/import/schemas/', import.meta.url));

/**
 * docs/import/schemas/<kind>.json document the import formats; they are generated from
 * the zod schemas that check the rows. `UPDATE_IMPORT_SCHEMAS=1 npx vitest run
 * test/import/schemas.test.ts` rewrites them after a schema change.
 */
describe('import formats (JSON Schema)', () => {
  for (const kind of KIND_NAMES) {
    it(`docs/import/schemas/${kind}.json is up to date`, () => {
      const generated = kindJsonSchema(kind);
      const path = `${dir}${kind}.json`;
      if (process.env.UPDATE_IMPORT_SCHEMAS) writeFileSync(path, `${JSON.stringify(generated, null, 2)}\n`);
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(JSON.parse(JSON.stringify(generated)));
    });
  }

  it('describes the fields a row must have', () => {
    const users = kindJsonSchema('users') as { required: string[]; properties: Record<string, unknown>; additionalProperties: boolean };
    expect(users.required).toEqual(expect.arrayContaining(['externalId', 'email', 'displayName']));
    expect(Object.keys(users.properties)).toEqual(expect.arrayContaining(['passwordHash', 'bio', 'skills']));
    expect(users.additionalProperties).toBe(false);
  });
});
