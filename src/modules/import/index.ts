/**
 * `mono import`: a tenant's data from another system (issue 18; docs/import.md) — custom
 * roles, users with profiles and their old password hashes, accounts, memberships, grants,
 * categories, listings, applications, availability, bookings and content, from NDJSON or
 * CSV files.
 */
export { kindJsonSchema } from './json-schemas';
export { KIND_NAMES, type KindName, type Refusal } from './kinds';
export type { FileFormat } from './read';
export { type FileSummary, type ImportDeps, type ImportOptions, type ImportSummary, importFiles, runImport } from './run-import';
