import { audit } from './audit';
import { backfill } from './backfill';
import { embedded } from './embedded';
import { events } from './events';
import { httpSearch, httpWrite } from './http-paths';
import { httpRead } from './http-read';
import { permissions } from './permissions';
import { search } from './search';
import { slots } from './slots';
import { tenantContext } from './tenant-context';
import type { BenchCase } from './types';

/** The suite, in the order. */
export const cases: BenchCase[] = [tenantContext, httpRead, search, audit, permissions, slots, backfill, embedded, events, httpSearch, httpWrite];
