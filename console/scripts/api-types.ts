/**
 * `npm run console:api-types`: the console's API types, generated from the OpenAPI
 * document of the running app (built in-process on an in-memory PGlite, nothing
 * listens). Writes console/src/api/schema.d.ts, which is committed;
 * test/console/api-types.test.ts fails when it is stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { buildApp } from '../../src/app/app';
import { loadConfig } from '../../src/config';
import { projectRoot } from '../../src/core/paths';
import { type Database, openDatabase } from '../../src/db/client';
import { readPgliteTemplate } from '../../src/db/pglite-template';

export const schemaPath = join(projectRoot, 'console', 'src', 'api', 'schema.d.ts');

const header = `/**
 * Generated from Mono's /openapi.json by \`npm run console:api-types\` — do not edit.
 * test/console/api-types.test.ts fails when this file is stale.
 */

`;

/** The OpenAPI document exactly as /openapi.json serves it. */
export async function openApiDocument(db: Database): Promise<OpenAPI3> {
  const app = await buildApp({ db, config: loadConfig({ MONO_DEMO: '0', JOBS: '0', LOG_LEVEL: 'silent' }) });
  try {
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    if (response.statusCode !== 200) throw new Error(`/openapi.json answered ${response.statusCode}`);
    return response.json() as OpenAPI3;
  } finally {
    await app.close();
  }
}

/** The TypeScript declarations of the console's API client (openapi-typescript). */
export async function renderApiTypes(db: Database): Promise<string> {
  const ast = await openapiTS(await openApiDocument(db), { alphabetize: false });
  return header + astToString(ast);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const template = readPgliteTemplate();
  const db = await openDatabase(template ? { loadDataDir: template } : {});
  try {
    writeFileSync(schemaPath, await renderApiTypes(db));
    console.error(`wrote ${schemaPath}`);
  } finally {
    await db.close();
  }
}
