import type { Database } from '../../db/client';

/** What the review use cases need. */
export interface ReviewsDeps {
  db: Database;
}
