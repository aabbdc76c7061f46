import type { Command } from 'commander';
import type { CliContext } from '../program';
import { registerInternal } from './internal';
import { registerMigrate } from './migrate';
import { registerServe } from './serve';
import { registerSeed } from './seed';
import { registerTenant } from './tenant';
import { registerPartitions } from './partitions';
import { registerAudit } from './audit';
import { registerUser } from './user';
import { registerJobs } from './jobs';
import { registerBackfill } from './backfill';
import { registerDoctor } from './doctor';
import { registerMaintenance } from './maintenance';

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
  registerBackfill(program, ctx);
  registerDoctor(program, ctx);
  registerMaintenance(program, ctx);
}
