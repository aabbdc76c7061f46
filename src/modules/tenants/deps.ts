import type { Config } from '../../config';
import type { Database } from '../../db/client';
import type { TenantResolver } from '../access';

/** What the tenant use cases need: the resolver (when there is one) forgets a tenant whose status changed. */
export interface TenantDeps {
  db: Database;
  config: Config;
  resolver?: TenantResolver;
}
