import type { Config } from '../../config';
import type { Database } from '../../db/client';

/** What the notification use cases need. */
export interface NotificationsDeps {
  db: Database;
  config: Pick<Config, 'secretKeys' | 'dataDir'>;
}
