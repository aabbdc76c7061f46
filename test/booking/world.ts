import { sql } from 'drizzle-orm';
import type { RequestContext } from '../../src/core/context';
import { systemContext } from '../../src/core/context';
import type { Database } from '../../src/db/client';
import { firstRow } from '../../src/db/sql';
import { withPlatform } from '../../src/db/tenant-context';
import { systemRoles } from '../../src/modules/access/catalog';
import { createAvailabilityService, createBookingService, createCalendarFeedService } from '../../src/modules/booking';
import { ctxFor, permissionsOf } from '../helpers/context';
import { createTenantGraph, type TenantGraph } from '../helpers/graph';

/** Every booking test runs "now" at this instant, so past/future never drifts. */
export const NOW = new Date('2030-01-01T00:00:00Z');

/**
 * A tenant for booking tests: the graph's owner is admin (manager) of account "acme";
 * `resource` is a member of acme and bookable Monday–Friday 09:00–17:00 Vienna time;
 * `colleague` is another member of acme, with the account_member role's permissions
 * there (reads the account's bookings, manages none); `client` and `stranger` belong
 * to no account.
 */
export interface BookingWorld extends TenantGraph {
  resourceId: string;
  clientId: string;
  strangerId: string;
  colleagueId: string;
  managerId: string;
  asResource: RequestContext;
  asClient: RequestContext;
  asStranger: RequestContext;
  asManager: RequestContext;
  asColleague: RequestContext;
  /** A person with the user role only, by id. */
  asUser: (userId: string) => RequestContext;
}

export async function createBookingWorld(db: Database, label = 'booking'): Promise<BookingWorld> {
  const graph = await createTenantGraph(db, label);
  const { tenantId, accountId } = graph;
  const [resourceId, clientId, strangerId, colleagueId] = await withPlatform(db, systemContext(null, 'test-booking-world'), async (tx) => {
    const user = async (name: string) =>
      (await firstRow<{ id: string }>(tx, sql`insert into users (tenant_id, email) values (${tenantId}, ${`${name}@${graph.identifier}.test`}) returning id`))!
        .id;
    const ids = [await user('resource'), await user('client'), await user('stranger'), await user('colleague')];
    for (const member of [ids[0], ids[3]]) {
      await tx.execute(sql`insert into account_users (tenant_id, account_id, user_id, role) values (${tenantId}, ${accountId}, ${member}, 'member')`);
    }
    return ids as [string, string, string, string];
  });
  const asUser = (userId: string) => ctxFor(tenantId, userId, { permissions: permissionsOf(['user.*.*']) });
  const memberRole = systemRoles.find((role) => role.name === 'account_member')!.permissions.map((p) => `${p}@${accountId}`);
  const world: BookingWorld = {
    ...graph,
    resourceId,
    clientId,
    strangerId,
    colleagueId,
    managerId: graph.userId,
    asResource: asUser(resourceId),
    asClient: asUser(clientId),
    asStranger: asUser(strangerId),
    asManager: ctxFor(tenantId, graph.userId, { permissions: permissionsOf(['user.*.*', `account.*.*@${accountId}`]) }),
    asColleague: ctxFor(tenantId, colleagueId, { permissions: permissionsOf(['user.*.*', ...memberRole]) }),
    asUser,
  };
  await services(db).availability.setWeekly(world.asResource, {
    timezone: 'Europe/Vienna',
    windows: [1, 2, 3, 4, 5].map((dayOfWeek) => ({ dayOfWeek, start: '09:00', end: '17:00' })),
  });
  return world;
}

/** The services with the clock at `now` (NOW unless a test needs to be after its bookings' times). */
export function services(db: Database, now: Date = NOW) {
  const deps = { db, now: () => now };
  return {
    bookings: createBookingService(deps),
    availability: createAvailabilityService(deps),
    calendar: createCalendarFeedService(deps),
  };
}

/** The code of the AppError a call fails with (undefined when it succeeds). */
export async function failure(
  run: () => Promise<unknown>,
): Promise<{ kind: string; code: string; extra?: Record<string, unknown>; message: string } | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    const e = error as { kind?: string; code?: string; extra?: Record<string, unknown>; message: string };
    if (!e.kind || !e.code) throw error;
    return { kind: e.kind, code: e.code, extra: e.extra, message: e.message };
  }
}

/** Rows of the bookings table for a resource, straight from the database (owner role). */
export async function bookingsOf(db: Database, resourceId: string): Promise<Record<string, any>[]> {
  return db.query(`select * from bookings where resource_id = $1 order by start_time`, [resourceId]);
}
