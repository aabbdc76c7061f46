/**
 * `npm run bench:data -- --scale S [--seed N]`: fills the configured database (DATABASE_URL,
 * or the embedded one in DATA_DIR) with benchmark data. See docs/benchmarks.md.
 */

import { prepareDatabase } from '../src/app/setup';
import { processIO } from '../src/cli/kit/io';
import { formatDuration, progress } from '../src/cli/kit/progress';
import { describeDatabase, openRuntime } from '../src/cli/kit/runtime';
import { loadConfig } from '../src/config';
import { BENCH_PASSWORD, generateBenchData } from './data/generate';
import { numberOption, parseArgs } from './lib/args';

async function main(): Promise<void> {
  const args = parseArgs<{ scale: string; seed: string }>(process.argv.slice(2), { scale: 'string', seed: 'string' });
  const scale = numberOption(args.scale, 'scale', 1, (n) => n > 0 && n <= 100);
  const seed = numberOption(args.seed, 'seed', 1, (n) => Number.isInteger(n) && n >= 0);
  const config = loadConfig();
  const rt = await openRuntime(config);
  try {
    processIO.err(`Generating benchmark data at scale ${scale} (seed ${seed}) into ${describeDatabase(config)}…`);
    await prepareDatabase(rt.db, { platformTenant: config.platformTenant });
    let bar: ReturnType<typeof progress> | undefined;
    let lastStep = '';
    const result = await generateBenchData(rt.db, {
      scale,
      seed,
      platformTenant: config.platformTenant,
      onProgress: (done, total, step) => {
        lastStep = step;
        bar ??= progress(processIO, 'bench data', total);
        bar.tick(done);
      },
    });
    bar?.finish(`bench data: ${lastStep ? 'all tenants written' : 'nothing to do'} in ${formatDuration(result.seconds)}`);
    processIO.err('Vacuuming and analysing…');
    const vacuumStarted = Date.now();
    // The application_count trigger rewrote every listing row 2–3 times; a plain VACUUM
    // frees the old versions but leaves the table 3–4 times its size, one live row per
    // page. A marketplace that took months to reach this size would not look like that,
    // so the listings are compacted.
    await rt.db.exec('vacuum (full) listings');
    await rt.db.exec('vacuum (analyze)');
    processIO.err(`  done in ${formatDuration((Date.now() - vacuumStarted) / 1000)}`);
    const big = result.plan.tenants[0]!;
    processIO.out(
      `Generated ${result.plan.tenants.length} tenants (the biggest, ${big.identifier}, holds a third of the rows) in ${formatDuration(result.seconds)}:`,
    );
    for (const [table, n] of Object.entries(result.counts)) processIO.out(`  ${table.padEnd(26)} ${n.toLocaleString('en').padStart(10)}`);
    processIO.err(
      `Time per step: ${Object.entries(result.steps)
        .sort((a, b) => b[1] - a[1])
        .map(([step, s]) => `${step} ${s.toFixed(1)}s`)
        .join(', ')}`,
    );
    processIO.out(
      `Sign in as admin@${big.identifier}.example.com or user<N>@${big.identifier}.example.com with password ${BENCH_PASSWORD} (X-Tenant: ${big.identifier}).`,
    );
  } finally {
    await rt.close();
  }
}

main().catch((error: unknown) => {
  processIO.err(`bench:data: ${(error as Error)?.message ?? String(error)}`);
  if (process.env.DEBUG) console.error(error);
  process.exit(1);
});
