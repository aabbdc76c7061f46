import type { Database } from '../../db/client';
import type { Mailer } from '../mail';

/** What the accounts use cases need from the composition root. */
export interface AccountsDeps {
  db: Database;
  mailer: Mailer;
}
