/**
 * `npx tsx bench/import.ts [--users N] [--batch-size B] [--skip-generator]`: how fast `mono import` brings
 * in N users with profiles, N/10 accounts and 2N listings, against the set-based benchmark
 * generator (`npm run bench:data`) writing the same kinds of rows in the same run, on the
 * configured database (DATABASE_URL, or the embedded one in DATA_DIR; start from an empty
 * one). Prints rows/s of both and the ratio; docs/benchmarks.md reports the numbers.
 */

import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareDatabase } from '../src/app/setup';
import { processIO } from '../src/cli/kit/io';
import { formatDuration } from '../src/cli/kit/progress';
import { describeDatabase, openRuntime } from '../src/cli/kit/runtime';
import { loadConfig } from '../src/config';
import { systemContext } from '../src/core/context';
import { hashPassword } from '../src/modules/identity';
import { runImport } from '../src/modules/import';
import { outboxMailer } from '../src/modules/mail';
import { createTenantService } from '../src/modules/tenants';
import { generateBenchData } from './data/generate';
import { numberOption, parseArgs } from './lib/args';

const SKILLS = ['piano', 'guitar', 'design', 'photography', 'video', 'copywriting', 'translation', 'modelling', 'acting', 'voice'];
const CITIES = ['Vienna', 'Berlin', 'Paris', 'Lisbon', 'Oslo', 'Madrid', 'Rome', 'Prague'];

async function writeLines(path: string, count: number, row: (i: number) => unknown): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < count; i++) {
    if (!out.write(`${JSON.stringify(row(i))}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

/** The import files: N users with profiles (all sharing one argon2id hash), N/10 accounts, 2N listings. */
async function writeFiles(dir: string, users: number, passwordHash: string): Promise<{ accounts: number; listings: number }> {
  const accounts = Math.max(1, Math.floor(users / 10));
  const listings = users * 2;
  await writeLines(join(dir, 'users.ndjson'), users, (i) => ({
    externalId: `u${i}`,
    email: `user${i}@legacy.example.com`,
    displayName: `User ${i}`,
    username: `user${i}`,
    passwordHash,
    emailVerified: true,
    bio: `I have been doing ${SKILLS[i % SKILLS.length]} for ${1 + (i % 20)} years and love working with people from ${CITIES[i % CITIES.length]}.`,
    location: CITIES[i % CITIES.length],
    title: 'Freelancer',
    skills: [SKILLS[i % SKILLS.length], SKILLS[(i * 7) % SKILLS.length]],
  }));
  await writeLines(join(dir, 'accounts.ndjson'), accounts, (a) => ({
    externalId: `a${a}`,
    identifier: `legacy-${a}`,
    name: `Legacy account ${a}`,
    type: 'AGENCY',
    plan: 'enterprise',
    owner: `u${(a * 10) % users}`,
  }));
  await writeLines(join(dir, 'listings.ndjson'), listings, (n) => {
    const a = n % accounts;
    return {
      externalId: `l${n}`,
      account: `a${a}`,
      user: `u${(a * 10) % users}`,
      type: n % 3 ? 'SERVICE' : 'GIG',
      title: `${SKILLS[n % SKILLS.length]} session number ${n}`,
      description: `A ${SKILLS[n % SKILLS.length]} session in ${CITIES[n % CITIES.length]}, booked by the hour. Bring your own ideas; materials included.`,
      price: `${20 + (n % 180)}.00`,
      priceType: 'HOURLY',
      currency: 'EUR',
      location: { city: CITIES[n % CITIES.length], country: 'AT', lat: 48.2, lng: 16.37 },
      status: n % 5 ? 'ACTIVE' : 'DRAFT',
    };
  });
  return { accounts, listings };
}

async function main(): Promise<void> {
  const args = parseArgs<{ users: string; batchSize: string; skipGenerator: boolean }>(process.argv.slice(2), {
    users: 'string',
    batchSize: 'string',
    skipGenerator: 'boolean',
  });
  const users = numberOption(args.users, 'users', 20_000, (n) => Number.isInteger(n) && n >= 10);
  const batchSize = numberOption(args.batchSize, 'batch-size', 1000, (n) => Number.isInteger(n) && n >= 1);
  const config = loadConfig();
  const rt = await openRuntime(config);
  const dir = mkdtempSync(join(tmpdir(), 'mono-bench-import-'));
  try {
    processIO.err(
      `Import benchmark: ${users.toLocaleString('en')} users with profiles and ${(2 * users).toLocaleString('en')} listings into ${describeDatabase(config)}`,
    );
    await prepareDatabase(rt.db, { platformTenant: config.platformTenant });
    const identifier = `import-bench-${Date.now().toString(36)}`;
    const { tenant } = await createTenantService({ db: rt.db, config }).create(systemContext(null, 'bench-import'), {
      identifier,
      name: 'Import benchmark',
      status: 'ACTIVE',
      admin: { email: `admin@${identifier}.example.com`, password: 'Bench-Password-2026', displayName: 'Admin' },
    });
    const files = await writeFiles(dir, users, await hashPassword('Bench-Password-2026'));

    const summary = await runImport({ db: rt.db, config, mailer: outboxMailer() }, { tenantId: tenant.id, dir, batchSize });
    const refused = summary.files.reduce((a, f) => a + f.refused, 0);
    if (refused) throw new Error(`${refused} records were refused; the benchmark files should all be valid`);
    const seconds = (kind: string) => summary.files.find((f) => f.kind === kind)?.seconds ?? 0;
    // Rows written: a user is a users row, a profile and a role assignment; plus accounts
    // (with subscription and owner membership) and listings.
    const importRows = users * 3 + files.accounts * 3 + files.listings;
    const importSeconds = summary.seconds;
    const coreImport = (users * 2 + files.listings) / (seconds('users') + seconds('listings'));
    processIO.out(
      `import: ${importRows.toLocaleString('en')} rows in ${formatDuration(importSeconds)} = ${Math.round(importRows / importSeconds).toLocaleString('en')} rows/s`,
    );
    for (const f of summary.files)
      processIO.out(`  ${f.file.padEnd(16)} ${f.inserted.toLocaleString('en').padStart(9)} records in ${formatDuration(f.seconds)}`);
    processIO.out(`  users+profiles and listings: ${Math.round(coreImport).toLocaleString('en')} rows/s`);

    if (!args.skipGenerator) {
      // The generator at the scale that gives about as many users (its listings are 2 per user, too).
      const scale = users / 100_000;
      const generated = await generateBenchData(rt.db, { scale, seed: 1, platformTenant: config.platformTenant });
      const s = generated.steps;
      const c = generated.counts;
      // The same rows: users, profiles, role assignments, listings — and their share of the audit step.
      const same = (c.users ?? 0) * 3 + (c.listings ?? 0);
      const auditShare = (s.audit ?? 0) * (same / Math.max(1, (c.audit_logs ?? same) as number));
      const generatorSeconds = (s.users ?? 0) + (s.profiles ?? 0) + (s['user roles'] ?? 0) + (s.listings ?? 0) + auditShare;
      const generatorRate = same / generatorSeconds;
      const importCoreRate = (users * 3 + files.listings) / (seconds('users') + seconds('listings'));
      processIO.out(
        `generator (bench:data, scale ${scale}): ${same.toLocaleString('en')} rows of users, profiles, user roles and listings in ${formatDuration(generatorSeconds)} (audit share included) = ${Math.round(generatorRate).toLocaleString('en')} rows/s`,
      );
      processIO.out(
        `import, same kinds of rows: ${Math.round(importCoreRate).toLocaleString('en')} rows/s — ratio import/generator ${(importCoreRate / generatorRate).toFixed(2)}×`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await rt.close();
  }
}

main().catch((error: unknown) => {
  processIO.err(`bench/import: ${(error as Error)?.message ?? String(error)}`);
  if (process.env.DEBUG) console.error(error);
  process.exit(1);
});
