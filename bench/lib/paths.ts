import { resolve } from 'node:path';

/** Where results are kept: the latest run per engine, and the page that shows them. */
export const RESULTS_JSON = resolve(import.meta.dirname, '../../docs/benchmarks.json');
export const RESULTS_MD = resolve(import.meta.dirname, '../../docs/benchmarks.md');
