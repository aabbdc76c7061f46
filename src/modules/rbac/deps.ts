import type { Config } from '../../config';
import type { Database } from '../../db/client';

/** What the roles-and-grants use cases need from the composition root. */
export interface RbacDeps {
  db: Database;
  config: Config;
}
