import type { Tx } from '../../db/tenant-context';
import { archiveExpired } from './contents/repository';

/**
 * Background work for content, set-based, for the scheduler to run on withPlatform for
 * all tenants at once.
 *
 * Scheduled publishing needs no job: publishing with a future `publishAt` stores
 * PUBLISHED with that published_at, and every public query asks published_at <= now().
 * Expiry is likewise honoured by the queries the moment it passes; this job only makes
 * the state say so, moving expired PUBLISHED content to ARCHIVED (audited as a system
 * change), so authors see it among their archived content and can restore it.
 */
export function archiveExpiredContent(tx: Tx): Promise<number> {
  return archiveExpired(tx);
}
