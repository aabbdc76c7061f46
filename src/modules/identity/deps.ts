import type { Config } from '../../config';
import type { Database } from '../../db/client';
import type { Mailer } from '../mail';

/** What the identity use cases need from the composition root. */
export interface IdentityDeps {
  db: Database;
  config: Config;
  mailer: Mailer;
}
