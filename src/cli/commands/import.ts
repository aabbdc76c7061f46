import { createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { KIND_NAMES, runImport } from '../../modules/import';
import { outboxMailer } from '../../modules/mail';
import { createStorage } from '../../modules/media';
import type { CliContext } from '../kit/context';
import { CliError } from '../kit/io';
import { formatDuration, type Progress, progress } from '../kit/progress';
import { findTenant, positiveInt } from './options';

const n = (value: number) => value.toLocaleString('en');
const csvCell = (value: string | number) => (typeof value === 'number' || !/[",\n\r]/.test(value) ? String(value) : `"${value.replace(/"/g, '""')}"`);

export function registerImport(program: Command, ctx: CliContext): void {
  program
    .command('import')
    .description(`Import a tenant's data from NDJSON or CSV files (${KIND_NAMES.join(', ')}); resumable, re-runs update (docs/import.md)`)
    .requiredOption('--tenant <identifier>', 'the tenant (identifier or id)')
    .requiredOption('--dir <folder>', 'the folder with one file per kind: users.ndjson, accounts.ndjson, … (or .csv)')
    .option('--format <format>', 'ndjson or csv (default: .ndjson files, else .csv)')
    .option('--batch-size <n>', 'records per batch (one transaction each)', '1000')
    .option('--report <file>', 'where refused records are written (CSV: file,line,field,code,message)', '<dir>/import-report.csv')
    .option('--restart', 'forget the checkpoints and read every file from its first line')
    .action(async (options: { tenant: string; dir: string; format?: string; batchSize: string; report: string; restart?: boolean }) => {
      if (options.format !== undefined && options.format !== 'ndjson' && options.format !== 'csv') {
        throw new CliError(`--format must be ndjson or csv, got "${options.format}"`);
      }
      const batchSize = positiveInt(options.batchSize, '--batch-size');
      const reportPath = options.report === '<dir>/import-report.csv' ? join(options.dir, 'import-report.csv') : resolve(options.report);
      await ctx.withRuntime(async ({ db, config }) => {
        const tenant = await findTenant(db, options.tenant);
        const report = createWriteStream(reportPath);
        const opened = new Promise((ok, fail) => report.once('open', ok).once('error', fail));
        await opened.catch((error: Error) => {
          throw new CliError(`cannot write the report ${reportPath}: ${error.message}`);
        });
        report.write('file,line,field,code,message\n');
        let bar: Progress | undefined;
        let refusedRows = 0;
        let done = 0;
        try {
          const summary = await runImport(
            {
              db,
              config,
              mailer: outboxMailer(),
              media: { storage: createStorage(config), maxUploadBytes: config.maxUploadBytes, tempDir: join(config.dataDir, 'tmp', 'uploads') },
            },
            {
              tenantId: tenant.id,
              dir: options.dir,
              format: options.format as 'ndjson' | 'csv' | undefined,
              batchSize,
              restart: options.restart,
              onFile(file, lines, resumedAfter) {
                bar?.finish();
                if (resumedAfter > 0) ctx.io.err(`Resuming ${file} after line ${n(resumedAfter)}.`);
                bar = progress(ctx.io, file, Math.max(0, lines - resumedAfter), 'lines');
                done = resumedAfter;
              },
              onBatch(_file, linesDone) {
                bar?.tick(linesDone - done);
              },
              onRefused(file, r) {
                refusedRows += 1;
                report.write(`${[file, r.line, r.field, r.code, r.message].map(csvCell).join(',')}\n`);
              },
            },
          );
          bar?.finish();
          for (const f of summary.files) {
            ctx.io.out(
              f.status === 'skipped'
                ? `${f.file.padEnd(20)} unchanged since its completed import; skipped (--restart reads it again)`
                : `${f.file.padEnd(20)} ${n(f.inserted)} new, ${n(f.updated)} updated, ${n(f.refused)} refused${f.resumedAfterLine ? ` (resumed after line ${n(f.resumedAfterLine)})` : ''} in ${formatDuration(f.seconds)}`,
            );
          }
          const rows = summary.files.reduce((a, f) => a + f.inserted + f.updated, 0);
          ctx.io.out(
            `Imported ${n(rows)} records into ${tenant.identifier} in ${formatDuration(summary.seconds)} (run ${summary.runId})${
              refusedRows ? `; ${n(refusedRows)} problems reported in ${reportPath}` : '; nothing refused'
            }.`,
          );
        } finally {
          await new Promise((done) => report.end(done));
        }
      });
    });
}
