import { beforeAll, expect, it } from 'vitest';
import { tierOf } from '../../src/http/kit/tiers';
import { systemRoles } from '../../src/modules/access/catalog';
import { compilePermissions, type Grant } from '../../src/modules/access/engine';
import { describeHttp } from '../helpers/http';
import { bodySchema, fillPath, operationOf, sample, sampleQuery, withQuery } from './requests';
import { buildWorld, clientFor, type World } from './world';

type RoleName = keyof World['actors'];

const permissionsOf = (name: string) => systemRoles.find((r) => r.name === name)!.permissions;

/**
 * What the catalog says each seeded role may do. Everyone also holds the `user` role;
 * the account_* roles hold their permissions inside the world's account only.
 */
function expectedGrants(role: RoleName, accountId: string): Grant[] {
  const tenantWide = (names: string[]) => names.map((permission) => ({ permission, accountId: null, granted: true }));
  const base = tenantWide(permissionsOf('user'));
  switch (role) {
    case 'platform_admin':
      return [...base, ...tenantWide(permissionsOf('platform_admin')), ...tenantWide(permissionsOf('tenant_admin'))];
    case 'tenant_admin':
      return [...base, ...tenantWide(permissionsOf('tenant_admin'))];
    case 'user':
      return base;
    default:
      return [...base, ...permissionsOf(role).map((permission) => ({ permission, accountId, granted: true }))];
  }
}

/**
 * The role matrix: for every guarded route and every seeded role, the guard allows
 * exactly what the catalog's definition of the role says — account roles only inside
 * their account. Requests aim at nonexistent records (random ids) so nothing is harmed;
 * what is observed is the guard's decision (PERMISSION_DENIED or not).
 */
describeHttp('security: role matrix over every route', (t) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(t.app, t.db);
  }, 120_000);

  it('allows and denies every route for every system role exactly as the catalog says', async () => {
    const mismatches: string[] = [];
    const routes = t.app.routeTable.filter((r) => {
      const tier = tierOf(r.url);
      return tier !== null && tier !== 'public';
    });
    expect(routes.length).toBeGreaterThan(40);
    const roles = Object.keys(world.actors) as RoleName[];
    for (const role of roles) {
      const expected = compilePermissions(expectedGrants(role, world.bAccountId));
      const actor = world.actors[role];
      for (const route of routes) {
        const permission = route.permission!;
        const onAccount = route.url.startsWith('/api/v1/account/:accountId');
        const allowed = onAccount ? expected.can(permission, world.bAccountId) : expected.can(permission);
        const nowhere = () => crypto.randomUUID();
        // Only account routes aim at the world's account; everything else at nothing, so no
        // request of the matrix can delete or change the fixture it relies on.
        const path = fillPath(route.url, (p) => (p === 'accountId' && onAccount ? world.bAccountId : p === 'slug' ? 'no-such-slug' : nowhere()));
        const op = operationOf(world.doc, route.method, route.url);
        let body: unknown;
        try {
          const schema = bodySchema(op);
          body = schema ? sample(world.doc, schema, () => undefined) : undefined;
        } catch {
          body = {};
        }
        const client = await clientFor(actor, route);
        const res = await client.request(
          route.method,
          withQuery(
            path,
            sampleQuery(world.doc, op, () => undefined),
          ),
          body,
        );
        if (res.status === 401) {
          mismatches.push(`${role} ${route.method} ${route.url}: 401 (the actor lost its session)`);
          continue;
        }
        if (res.status >= 500) mismatches.push(`${role} ${route.method} ${route.url}: ${res.status}`);
        const denied = res.status === 403 && res.body?.code === 'PERMISSION_DENIED';
        if (denied === allowed) {
          mismatches.push(
            `${role} ${route.method} ${route.url} (${permission}): expected ${allowed ? 'allowed' : 'denied'}, got ${res.status} ${res.body?.code ?? ''}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 600_000);

  it('reaches public routes without a session', async () => {
    const publicRoutes = t.app.routeTable.filter((r) => tierOf(r.url) === 'public');
    for (const route of publicRoutes) {
      const op = operationOf(world.doc, route.method, route.url);
      const path = fillPath(route.url, () => crypto.randomUUID());
      let body: unknown;
      try {
        const schema = bodySchema(op);
        body = schema ? sample(world.doc, schema, () => undefined) : undefined;
      } catch {
        body = {};
      }
      const res = await world.b.anon.request(
        route.method,
        withQuery(
          path,
          sampleQuery(world.doc, op, () => undefined),
        ),
        body,
      );
      expect(res.body?.code, `${route.method} ${route.url}`).not.toBe('PERMISSION_DENIED');
      expect(res.status, `${route.method} ${route.url}`).toBeLessThan(500);
    }
  });
});
