/**
 * `mono import`: a tenant's data from another system (issue 18; docs/import.md) — users
 * with profiles and their old password hashes, accounts, memberships, categories and
 * listings, from NDJSON or CSV files.
 */
export { kindJsonSchema } from './json-schemas';
export { KIND_NAMES, type KindName, type Refusal } from './kinds';
export type { FileFormat } from './read';
export { type FileSummary, type ImportDeps, type ImportOptions, type ImportSummary, importFiles, runImport } from './run-import';
