import { join } from 'node:path';
import type { Config } from '../../config';
import { systemContext } from '../../core/context';
import type { Database } from '../../db/client';
import { drainTenantByTenant } from '../../db/due-work';
import { type Tx, withPlatform } from '../../db/tenant-context';
import { pruneEngagementWindows } from '../activity';
import { remindDueBookings } from '../booking';
import { archiveExpiredContent } from '../content';
import { emitSystemEvents } from '../events';
import { outboxMailer } from '../mail';
import { DEFAULT_EVENTS_RETENTION_DAYS, ensurePartitions, pruneEvents, runMaintenance } from '../maintenance';
import { expireDueListings, matchSavedSearches, tenantsWithDueListings } from '../marketplace';
import { createStorage } from '../media';
import { revealDueReviews, tenantsWithDueReviews } from '../reviews';
import { buildPendingExports, type ExportEnvironment, pruneExpiredExports } from '../transfer';
import { type CleanupTable, deleteDueBatch, deleteOldRuns, tenantsWithDueCleanup } from './repository';

/**
 * The time-based work of Mono. Every job is idempotent — it acts on what is due *now*
 * (expired, lapsed) and does nothing the second time — and set-based, in bounded batches
 * where the volume can be large, each batch its own short transaction on the platform
 * path, so the changes are audited as the system (request id `system:job:<name>`).
 */
export interface JobDefinition {
  name: string;
  description: string;
  /** Length of the job's time slot: it runs at most once per slot. */
  everySeconds: number;
  /**
   * How long a claim of a slot lasts unless the running worker renews it (default
   * 120 s; renewed every third of that). A worker that dies stops renewing: once the
   * lease has expired, another worker may claim the slot and run the job again.
   */
  leaseSeconds?: number;
  run(db: Database, env?: JobEnv): Promise<Record<string, unknown>>;
}

/** What a job may need besides the database: the configuration (object storage, data directory). */
export interface JobEnv {
  config?: Config;
}

/** Personal data exports build in DATA_DIR/tmp/exports and go to the configured object storage. */
const exportEnvironment =
  (env: JobEnv = {}): ExportEnvironment =>
  () => {
    if (!env.config) throw new Error('building or pruning data exports needs the configuration (object storage)');
    return { storage: createStorage(env.config), tempDir: join(env.config.dataDir, 'tmp', 'exports'), mailer: outboxMailer() };
  };

const BATCH = 5000;

const asSystem = <T>(db: Database, job: string, fn: (tx: Tx) => Promise<T>) => withPlatform(db, systemContext(null, `job:${job}`), fn);

/**
 * The tenants with due work (one plain read), then per tenant a batch at a time (one
 * transaction each) until a batch touches fewer rows than a full one: every batch locks
 * rows of one tenant, as Citus requires (db/due-work.ts). How many rows in all.
 */
async function inTenantBatches(db: Database, job: string, tenants: (tx: Tx) => Promise<string[]>, batch: (tx: Tx, tenantId: string) => Promise<number>) {
  return drainTenantByTenant(await asSystem(db, job, tenants), BATCH, (tenantId) => asSystem(db, job, (tx) => batch(tx, tenantId)));
}

/** Deletes the due rows of `table` (repository.ts says which are due), tenant by tenant and batch by batch, until none is left; how many. */
const deleteDue = (db: Database, job: string, table: CleanupTable) =>
  inTenantBatches(
    db,
    job,
    (tx) => tenantsWithDueCleanup(tx, table),
    (tx, tenantId) => deleteDueBatch(tx, table, tenantId, BATCH),
  );

export const jobDefinitions: JobDefinition[] = [
  {
    name: 'partitions.ensure',
    description: 'Create the monthly partitions of audit_logs, activities and events for this month and the next three',
    everySeconds: 6 * 3600,
    run: async (db) => ({ created: await ensurePartitions(db, 3) }),
  },
  {
    name: 'listings.expire',
    description: 'ACTIVE listings whose expires_at has passed become EXPIRED (marketplace.expireDueListings, longest overdue first)',
    everySeconds: 60,
    run: async (db) => ({
      expired: await inTenantBatches(db, 'listings.expire', tenantsWithDueListings, async (tx, tenantId) => {
        const expired = await expireDueListings(tx, { tenantId, limit: BATCH });
        // listing.expired for each, in the batch's transaction (the transactional outbox).
        await emitSystemEvents(
          tx,
          expired.map((l) => ({
            tenantId: l.tenantId,
            type: 'listing.expired',
            actorId: null,
            resourceType: 'listing',
            resourceId: l.id,
            payload: { id: l.id, status: 'EXPIRED' },
          })),
        );
        return expired.length;
      }),
    }),
  },
  {
    name: 'saved-searches.match',
    description:
      'Record in saved_search_matches the listings published since the last run that match each saved search (marketplace.matchSavedSearches; looks 5 minutes back again, each match kept once)',
    everySeconds: 300,
    run: async (db) => matchSavedSearches(db),
  },
  {
    name: 'reviews.reveal',
    description:
      'Reveal the reviews whose 14-day window has closed without the other side writing (reviews.revealDueReviews); the rating trigger then counts them',
    everySeconds: 60,
    run: async (db) => ({
      revealed: await inTenantBatches(db, 'reviews.reveal', tenantsWithDueReviews, (tx, tenantId) => revealDueReviews(tx, tenantId, { limit: BATCH })),
    }),
  },
  {
    name: 'bookings.remind',
    description:
      'Remind both sides of confirmed bookings that start within the tenant’s lead time (settings.bookings.reminderMinutes, default a day), once per booking and start (booking.remindDueBookings: marker rows)',
    everySeconds: 60,
    run: async (db) => ({ reminded: await remindDueBookings(db) }),
  },
  {
    name: 'content.expire',
    description:
      'PUBLISHED content whose expires_at has passed becomes ARCHIVED (content.archiveExpiredContent). Scheduled publishing needs no job: content PUBLISHED with a future published_at appears by itself when that time comes',
    everySeconds: 60,
    run: async (db) => ({ archived: await asSystem(db, 'content.expire', (tx) => archiveExpiredContent(tx)) }),
  },
  {
    name: 'grants.expire',
    description: 'Delete role and permission grants whose expires_at has passed (they already stopped granting at that moment)',
    everySeconds: 300,
    run: async (db) => ({
      roles: await deleteDue(db, 'grants.expire', 'user_roles'),
      permissions: await deleteDue(db, 'grants.expire', 'user_permissions'),
    }),
  },
  {
    name: 'sessions.cleanup',
    description: 'Delete expired sessions (and those revoked a day ago) and expired or used one-time tokens',
    everySeconds: 3600,
    run: async (db) => ({
      sessions: await deleteDue(db, 'sessions.cleanup', 'sessions'),
      oneTimeTokens: await deleteDue(db, 'sessions.cleanup', 'one_time_tokens'),
    }),
  },
  {
    name: 'idempotency.cleanup',
    description: 'Delete Idempotency-Key records older than 24 hours (a retry after that is a new request)',
    everySeconds: 3600,
    run: async (db) => ({ deleted: await deleteDue(db, 'idempotency.cleanup', 'idempotency_keys') }),
  },
  {
    name: 'engagement.windows',
    description: 'Delete view/share de-duplication windows that have lapsed (activity.pruneEngagementWindows)',
    everySeconds: 3600,
    run: async (db) => ({ deleted: await asSystem(db, 'engagement.windows', (tx) => pruneEngagementWindows(tx)) }),
  },
  {
    name: 'maintenance',
    description:
      'VACUUM (ANALYZE) tables with many dead rows, ANALYZE the large ones and the partitioned parents. Embedded PostgreSQL has no autovacuum at all; on a server this adds the parents, which autovacuum never analyzes',
    everySeconds: 24 * 3600,
    run: async (db) => {
      const done = await runMaintenance(db);
      return { vacuumed: done.filter((a) => a.action === 'vacuum analyze').length, analyzed: done.filter((a) => a.action === 'analyze').length };
    },
  },
  {
    name: 'exports.build',
    description: 'Build the personal data exports people asked for (zip into object storage) and mail the requester that they are ready',
    everySeconds: 15,
    leaseSeconds: 600,
    run: async (db, env) => buildPendingExports(db, exportEnvironment(env)),
  },
  {
    name: 'exports.prune',
    description: 'Delete the archives of personal data exports whose download time (7 days) is up; they become EXPIRED',
    everySeconds: 3600,
    run: async (db, env) => pruneExpiredExports(db, exportEnvironment(env)),
  },
  {
    name: 'events.prune',
    description:
      'Events retention (EVENTS_RETENTION_DAYS, default 90): drop the monthly partitions of events that ended before the cut-off, delete older webhook deliveries with their attempts (maintenance.pruneEvents)',
    everySeconds: 24 * 3600,
    leaseSeconds: 600,
    run: async (db, env) => {
      const done = await pruneEvents(db, { days: env?.config?.eventsRetentionDays ?? DEFAULT_EVENTS_RETENTION_DAYS });
      return { dropped: done.dropped, events: done.events, deliveries: done.deliveries };
    },
  },
  {
    name: 'jobs.cleanup',
    description: 'Forget job runs older than 30 days',
    everySeconds: 24 * 3600,
    run: async (db) => ({ deleted: await deleteOldRuns(db, 30) }),
  },
];

export function findJob(name: string, jobs: JobDefinition[] = jobDefinitions): JobDefinition | undefined {
  return jobs.find((job) => job.name === name);
}
