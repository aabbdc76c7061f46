import { sql } from 'drizzle-orm';
import { firstRow } from '../../db/sql';
import type { Tx } from '../../db/tenant-context';

/**
 * Background work for content, set-based, for the scheduler to run (on withPlatform
 * for all tenants at once, or withTenant for one).
 *
 * Scheduled publishing needs no job: publishing with a future `publishAt` stores
 * PUBLISHED with that published_at, and every public query asks published_at <= now().
 * Expiry is likewise honoured by the queries the moment it passes; this job only makes
 * the state say so, moving expired PUBLISHED content to ARCHIVED (audited as a system
 * change), so authors see it among their archived content and can restore it.
 */
export async function archiveExpiredContent(tx: Tx): Promise<number> {
  const row = await firstRow<{ archived: number }>(
    tx,
    sql`with archived as (
          update contents set status = 'ARCHIVED'
           where status = 'PUBLISHED' and expires_at is not null and expires_at <= now() and deleted_at is null
          returning 1)
        select count(*)::int as archived from archived`,
  );
  return row?.archived ?? 0;
}
