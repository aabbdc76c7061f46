/**
 * `npm run bench [-- --only id,id] [--quick] [--no-write] [--check]`: the benchmark suite on the
 * configured database (DATABASE_URL, or the embedded one in DATA_DIR). Results go to
 * docs/benchmarks.json (the latest run per engine) and the results section of
 * docs/benchmarks.md. See docs/benchmarks.md for what each benchmark measures.
 */

import { prepareDatabase } from '../src/app/setup';
import { processIO } from '../src/cli/kit/io';
import { describeDatabase, openRuntime, type Runtime } from '../src/cli/kit/runtime';
import { loadConfig } from '../src/config';
import { cases } from './cases';
import type { BenchEnv } from './cases/types';
import { parseArgs } from './lib/args';
import { regressionsOf } from './lib/check';
import { createScratch, findBenchTenant, type Scratch } from './lib/fixture';
import { loadSection } from './lib/load-report';
import { RESULTS_JSON, RESULTS_MD } from './lib/paths';
import { type BenchResult, type EngineRun, load1, machine, pgliteVersion, readResults, renderResults, updateMarkdown, writeResults } from './lib/report';

async function databaseVersion(rt: Runtime): Promise<string> {
  const [row] = await rt.db.query<{ v: string }>("select current_setting('server_version') as v");
  return rt.db.engine === 'pglite' ? `PGlite ${pgliteVersion()} (PostgreSQL ${row!.v})` : `PostgreSQL ${row!.v}`;
}

async function main(): Promise<void> {
  const args = parseArgs<{ only: string; quick: boolean; write: boolean; noWrite: boolean; check: boolean }>(process.argv.slice(2), {
    only: 'string',
    quick: 'boolean',
    write: 'boolean',
    noWrite: 'boolean',
    check: 'boolean',
  });
  const only = args.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((id) => !cases.some((c) => c.id === id || String(c.no) === id));
  if (unknown?.length) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${cases.map((c) => `${c.no} ${c.id}`).join(', ')}`);
  const selected = cases.filter((c) => !only || only.includes(c.id) || only.includes(String(c.no)));

  const config = loadConfig();
  const rt = await openRuntime(config);
  const startedAt = new Date().toISOString();
  const loadStart = load1();
  processIO.err(`Benchmarks on ${describeDatabase(config)}${args.quick ? ' (quick)' : ''}…`);
  await prepareDatabase(rt.db, { platformTenant: config.platformTenant });
  const database = await databaseVersion(rt);
  let scratch: Promise<Scratch> | undefined;
  const env: BenchEnv = {
    db: rt.db,
    engine: rt.db.engine,
    config,
    quick: Boolean(args.quick),
    log: (line) => processIO.err(`  ${line}`),
    scratch: () => (scratch ??= createScratch(rt.db, config.platformTenant)),
    benchTenant: await findBenchTenant(rt.db),
  };
  if (!env.benchTenant) processIO.err('  (no generated data in this database: search is skipped, reads use a small tenant; see npm run bench:data)');

  const results: BenchResult[] = [];
  try {
    for (const bench of selected) {
      processIO.err(`${bench.no}. ${bench.title}`);
      const started = Date.now();
      try {
        const benchStart = new Date().toISOString();
        const benchLoad = load1();
        const produced = (await bench.run(env)).map((r) => ({ ...r, at: benchStart, load: [benchLoad, load1()] as [number, number] }));
        for (const r of produced) {
          processIO.err(
            `  → ${r.title}: ${Number.isFinite(r.value) ? r.value.toFixed(3) : r.value} ${r.unit}${r.target ? ` (target ${r.target.op} ${r.target.value})` : ''}`,
          );
        }
        results.push(...produced);
      } catch (error) {
        processIO.err(`  ✗ ${(error as Error).message}`);
        if (process.env.DEBUG) console.error(error);
        results.push({
          no: bench.no,
          id: bench.id,
          title: bench.title,
          value: Number.NaN,
          unit: '',
          reference: '—',
          details: {},
          notes: [`failed: ${(error as Error).message}`],
        });
      }
      processIO.err(`  (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    }
  } finally {
    await rt.close();
  }

  const run: EngineRun = {
    engine: env.engine,
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: machine(database),
    load: [loadStart, load1()],
    options: { quick: Boolean(args.quick), only: only ?? 'all', benchData: env.benchTenant ? 'yes' : 'no' },
    results,
  };
  if (args.check) {
    const regressions = regressionsOf(results, readResults(RESULTS_JSON).runs[env.engine]?.results ?? []);
    for (const line of regressions) processIO.err(`✗ ${line}`);
    processIO.err(
      regressions.length ? `${regressions.length} ratio(s) fell more than 20 % below the record.` : 'No ratio fell more than 20 % below the record.',
    );
    if (regressions.length) process.exitCode = 1;
    return;
  }
  if (args.noWrite) {
    processIO.out(JSON.stringify(run, null, 2));
    return;
  }
  const file = readResults(RESULTS_JSON);
  const previous = file.runs[env.engine];
  // A partial run (--only) replaces just its own benchmarks in the engine's record.
  if (only && previous) {
    const replaced = new Set(selected.map((c) => c.no));
    run.results = [...previous.results.filter((r) => !replaced.has(r.no)), ...results].sort((a, b) => a.no - b.no);
  }
  file.runs[env.engine] = run;
  writeResults(RESULTS_JSON, file);
  updateMarkdown(RESULTS_MD, renderResults(file, loadSection(file)));
  processIO.err(`Wrote ${RESULTS_JSON} and the results section of ${RESULTS_MD}.`);
}

main().catch((error: unknown) => {
  processIO.err(`bench: ${(error as Error)?.message ?? String(error)}`);
  if (process.env.DEBUG) console.error(error);
  process.exit(1);
});
