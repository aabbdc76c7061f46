import type { Tx } from '../../db/tenant-context';
import { deleteLapsedWindows } from './repository';

/**
 * Housekeeping for the scheduler: view/share windows older than an hour can no longer
 * block a count, so their rows are deleted (counters are cumulative and unaffected;
 * likes are kept). Set-based; run on withPlatform for all tenants.
 */
export function pruneEngagementWindows(tx: Tx): Promise<number> {
  return deleteLapsedWindows(tx);
}
