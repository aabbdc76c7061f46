/** The Drizzle view of the schema that src/db/migrations creates (checked by test/db/schema-drift.test.ts). */
export * from './tenancy';
export * from './rbac';
export * from './content';
export * from './marketplace';
export * from './booking';
export * from './audit';
export * from './engagement';
export * from './media';
