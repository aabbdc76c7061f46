import type { Database } from '../../db/client';

/** What the profile use cases need. */
export interface ProfilesDeps {
  db: Database;
}
