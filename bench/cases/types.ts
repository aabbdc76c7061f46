import type { Config } from '../../src/config';
import type { Database } from '../../src/db/client';
import type { Scratch } from '../lib/fixture';
import type { BenchResult, EngineName } from '../lib/report';

/** What a benchmark gets: the database of this run and its fixtures. */
export interface BenchEnv {
  db: Database;
  engine: EngineName;
  config: Config;
  /** Fewer rounds and smaller sizes (a smoke run, not for the record). */
  quick: boolean;
  log(line: string): void;
  /** This run's own small tenant (created on first use). */
  scratch(): Promise<Scratch>;
  /** The generated big tenant, when `npm run bench:data` filled this database. */
  benchTenant?: { tenantId: string; identifier: string };
}

export interface BenchCase {
  no: number;
  id: string;
  title: string;
  run(env: BenchEnv): Promise<BenchResult[]>;
}

/** "0.83 (0.79–0.88)": a median with the min–max of its samples. */
export const range = (s: { min: number; max: number }, digits = 2) => `${s.min.toFixed(digits)}–${s.max.toFixed(digits)}`;
