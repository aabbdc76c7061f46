import type { MonoApp } from '../../src/app/app';
import { tenantColumn, tenantOwnedTables } from '../helpers/catalog';
import type { TestDatabase } from '../helpers/db';
import { createTenantGraph, type TenantGraph } from '../helpers/graph';
import { type Client, createTestTenant, login, signUp, type TestTenant } from '../helpers/http';
import type { OpenApiDoc } from './requests';

/**
 * Path parameter name → the table whose row it addresses. A route with a parameter
 * not listed here makes the suites fail until it is added: every route gets probed.
 */
export const PARAM_TABLES: Record<string, string> = {
  tenantId: 'tenants',
  accountId: 'accounts',
  userId: 'users',
  listingId: 'listings',
  applicationId: 'applications',
  messageId: 'messages',
  contentId: 'contents',
  categoryId: 'categories',
  mediaId: 'media_files',
  bookingId: 'bookings',
  roleId: 'roles',
  sessionId: 'sessions',
  assignmentId: 'user_roles',
  grantId: 'user_permissions',
  availabilityId: 'availabilities',
  blockId: 'availability_blocks',
  invitationId: 'account_invitations',
  resourceId: 'users',
  auditId: 'audit_logs',
  entryId: 'audit_logs',
  reviewId: 'reviews',
  reportId: 'reports',
  savedSearchId: 'saved_searches',
  keyId: 'api_keys',
  webhookId: 'webhook_endpoints',
  deliveryId: 'webhook_deliveries',
  notificationId: 'notifications',
  exportId: 'user_exports',
};

/** Parameters that are not row ids, with a value to use for any tenant. */
export const PARAM_VALUES: Record<string, (world: World) => string> = {
  slug: () => 'hello-world',
  resource: () => 'accounts',
  token: () => 'A'.repeat(64), // a calendar-feed token of nobody
  template: () => 'application.submitted',
};

export interface Actor {
  id: string;
  client: Client;
  /** A new session of the same person, for a request that ends the session it is sent with (see endsCallersSession). */
  signInAgain(): Promise<Client>;
}

/** Routes that end the session of the request itself: the suites send them with a spare session (Actor.signInAgain), so the actor keeps its own. */
export const endsCallersSession = (route: { method: string; url: string }): boolean => route.method === 'DELETE' && route.url === '/api/v1/user/session';

/** The client to send `route` as `actor`: its own session, or a spare one when the route would end it. */
export const clientFor = (actor: Actor, route: { method: string; url: string }): Promise<Client> =>
  endsCallersSession(route) ? actor.signInAgain() : Promise.resolve(actor.client);

export interface World {
  app: MonoApp;
  db: TestDatabase;
  doc: OpenApiDoc;
  platform: TestTenant;
  /** The victim: a row in every tenant-owned table. */
  a: TenantGraph;
  /** One id per table of tenant A. */
  aIdOf: Map<string, string>;
  /** Every id of every row of tenant A (no response to B may contain one). */
  aAllIds: Set<string>;
  /** The attacker's tenant, with the same shapes of data. */
  b: TestTenant;
  bGraph: TenantGraph;
  /** An account of B where the account-role actors are members. */
  bAccountId: string;
  actors: {
    tenant_admin: Actor;
    account_admin: Actor;
    account_member: Actor;
    account_viewer: Actor;
    user: Actor;
    platform_admin: Actor;
  };
}

export async function buildWorld(app: MonoApp, db: TestDatabase): Promise<World> {
  const platform = await createTestTenant(app, 'platform', { identifier: 'platform' });
  const a = await createTenantGraph(db, 'alpha');
  const b = await createTestTenant(app, 'bravo');
  const bGraph = await createTenantGraph(db, 'bravo', { tenantId: b.id, identifier: b.identifier });

  const accountAdmin = await signUp(b, 'acct-admin');
  const member = await signUp(b, 'acct-member');
  const viewer = await signUp(b, 'acct-viewer');
  const user = await signUp(b, 'plain');
  const account = await b.adminClient.post('/api/v1/tenant/accounts', {
    identifier: 'matrix',
    name: 'Matrix',
    type: 'AGENCY',
    ownerId: accountAdmin.id,
    plan: 'enterprise',
  });
  if (account.status !== 201) throw new Error(`world: account ${account.status} ${JSON.stringify(account.body)}`);
  for (const [who, role] of [
    [member, 'member'],
    [viewer, 'viewer'],
  ] as const) {
    const added = await b.adminClient.post(`/api/v1/tenant/accounts/${account.body.id}/members`, { userId: who.id, role });
    if (added.status !== 201) throw new Error(`world: member ${added.status}`);
  }

  const aIdOf = new Map<string, string>();
  const aAllIds = new Set<string>([a.tenantId]);
  for (const table of await tenantOwnedTables(db)) {
    if (!table.columns.includes('id') || table.table === 'tenants') continue;
    const ids = await db.query<{ id: string }>(`select id::text as id from ${table.name} where ${tenantColumn(table)} = $1`, [a.tenantId]);
    if (ids[0]) aIdOf.set(table.table, ids[0].id);
    for (const row of ids) aAllIds.add(row.id);
  }
  aIdOf.set('tenants', a.tenantId);

  const platformToken = await login(platform.anon, platform.admin.email);
  return {
    app,
    db,
    doc: app.swagger() as unknown as OpenApiDoc,
    platform,
    a,
    aIdOf,
    aAllIds,
    b,
    bGraph,
    bAccountId: account.body.id,
    actors: {
      tenant_admin: actorOf(b.anon, b.admin.id, b.admin.email, b.adminClient),
      account_admin: actorOf(b.anon, accountAdmin.id, accountAdmin.email, accountAdmin.client),
      account_member: actorOf(b.anon, member.id, member.email, member.client),
      account_viewer: actorOf(b.anon, viewer.id, viewer.email, viewer.client),
      user: actorOf(b.anon, user.id, user.email, user.client),
      platform_admin: actorOf(platform.anon, platform.admin.id, platform.admin.email, platform.anon.as(platformToken)),
    },
  };
}

function actorOf(anon: Client, id: string, email: string, client: Client): Actor {
  return { id, client, signInAgain: async () => anon.as(await login(anon, email)) };
}

/** Tenant A's id for a path parameter or body field named `name`. */
export function aIdFor(world: World, name: string): string | undefined {
  const table = PARAM_TABLES[name];
  return table ? world.aIdOf.get(table) : undefined;
}

/** Does a response leak anything of tenant A (an id of any of its rows, or its identifier)? */
export function leaksOfA(world: World, raw: string): string[] {
  const found: string[] = [];
  if (raw.includes(world.a.identifier)) found.push(`identifier ${world.a.identifier}`);
  for (const id of world.aAllIds) if (raw.includes(id)) found.push(id);
  return found;
}
