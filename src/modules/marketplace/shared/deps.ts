import type { Database } from '../../../db/client';

/** What the marketplace's use cases need. */
export interface MarketplaceDeps {
  db: Database;
  /** How long after sending a message its sender may still edit it (default 15 minutes). */
  messageEditWindowSeconds?: number;
  /** At most one e-mail per conversation and person in this many minutes while unread (default 15). */
  messageMailBatchMinutes?: number;
}
