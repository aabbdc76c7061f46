import type { Command } from 'commander';
import type { CliContext } from '../kit/context';
import { registerAudit } from './audit';
import { registerBackfill } from './backfill';
import { registerCitus } from './citus';
import { registerDoctor } from './doctor';
import { registerImport } from './import';
import { registerInternal } from './internal';
import { registerJobs } from './jobs';
import { registerMail } from './mail';
import { registerMaintenance } from './maintenance';
import { registerMigrate } from './migrate';
import { registerPartitions } from './partitions';
import { registerSeed } from './seed';
import { registerServe } from './serve';
import { registerTenant } from './tenant';
import { registerUser } from './user';

/** Every `mono` command; one module per command (group). */
export function registerCommands(program: Command, ctx: CliContext): void {
  registerServe(program, ctx);
  registerInternal(program, ctx);
  registerMigrate(program, ctx);
  registerSeed(program, ctx);
  registerTenant(program, ctx);
  registerPartitions(program, ctx);
  registerAudit(program, ctx);
  registerUser(program, ctx);
  registerJobs(program, ctx);
  registerMail(program, ctx);
  registerBackfill(program, ctx);
  registerDoctor(program, ctx);
  registerMaintenance(program, ctx);
  registerImport(program, ctx);
  registerCitus(program, ctx);
}
