/** The Drizzle view of the schema that src/db/migrations creates (checked by test/db/schema-drift.test.ts). */

export * from './audit';
export * from './booking';
export * from './content';
export * from './engagement';
export * from './events';
export * from './exports';
export * from './imports';
export * from './integrations';
export * from './marketplace';
export * from './media';
export * from './notifications';
export * from './rbac';
export * from './reviews';
export * from './tenancy';
