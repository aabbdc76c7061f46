import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { systemContext } from '../../src/core/context';
import { firstRow } from '../../src/db/sql';
import { withPlatform, withTenant } from '../../src/db/tenant-context';
import { compilePermissions } from '../../src/modules/access/engine';
import { loadGrants, PermissionResolver } from '../../src/modules/access/resolver';
import { syncSystemRoles } from '../../src/modules/access/sync';
import { ctxFor } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { uniqueIdentifier } from '../helpers/graph';

/**
 * The resolver's cold path (mono.user_grant_set, decision 51): one round trip with the
 * user's assignments, role definitions shared by every resolver on the database and every
 * user of the same roles — and still exactly the grants mono.user_grants expands, and a
 * change to a role takes effect with the next authorization version.
 */
describeDb('permission resolver (shared role definitions)', (t) => {
  const w = {} as { tenantId: string; ada: string; bob: string; eve: string; accountId: string; reader: string };
  const version = async () =>
    Number((await t.db.query<{ v: string }>('select coalesce((select version from mono.authz_versions where tenant_id = $1), 1) as v', [w.tenantId]))[0]!.v);
  const platform = <T>(fn: Parameters<typeof withPlatform<T>>[2]) => withPlatform(t.db, systemContext(null, 'test'), fn);

  beforeAll(async () => {
    await platform(async (tx) => {
      const id = async (query: ReturnType<typeof sql>) => (await firstRow<{ id: string }>(tx, query))!.id;
      const perm = (name: string) => sql`(select id from permissions where name = ${name})`;
      w.tenantId = await id(sql`insert into tenants (identifier, name, status) values (${uniqueIdentifier('resolver')}, 'Resolver', 'ACTIVE') returning id`);
      await syncSystemRoles(tx, 'platform', w.tenantId);
      const user = (name: string) => id(sql`insert into users (tenant_id, email) values (${w.tenantId}, ${`${name}@resolver.test`}) returning id`);
      [w.ada, w.bob, w.eve] = [await user('ada'), await user('bob'), await user('eve')];
      w.reader = await id(sql`insert into roles (tenant_id, name, level) values (${w.tenantId}, 'reader', 'TENANT') returning id`);
      for (const name of ['tenant.users.read', 'tenant.roles.read'])
        await tx.execute(sql`insert into role_permissions (tenant_id, role_id, permission_id) values (${w.tenantId}, ${w.reader}, ${perm(name)})`);
      w.accountId = await id(sql`insert into accounts (tenant_id, identifier, name, type) values (${w.tenantId}, 'acme', 'Acme', 'AGENCY') returning id`);
      for (const u of [w.ada, w.bob]) {
        await tx.execute(sql`insert into user_roles (tenant_id, user_id, role_id) values (${w.tenantId}, ${u}, ${w.reader})`);
        await tx.execute(sql`insert into account_users (tenant_id, account_id, user_id, role) values (${w.tenantId}, ${w.accountId}, ${u}, 'admin')`);
      }
      await tx.execute(
        sql`insert into user_roles (tenant_id, user_id, role_id, expires_at) values (${w.tenantId}, ${w.eve}, ${w.reader}, now() + interval '1 hour')`,
      );
      await tx.execute(
        sql`insert into user_permissions (tenant_id, user_id, permission_id, granted) values (${w.tenantId}, ${w.eve}, ${perm('tenant.roles.read')}, false)`,
      );
    });
  });

  it('resolves exactly what the expanded grants compile to, with the earliest expiry', async () => {
    const v = await version();
    for (const user of [w.ada, w.eve]) {
      const resolved = await new PermissionResolver(t.db).resolve(ctxFor(w.tenantId), user, v);
      const { grants, nextExpiry } = await withTenant(t.db, ctxFor(w.tenantId), (tx) => loadGrants(tx, user));
      const expected = compilePermissions(grants, nextExpiry);
      const key = (g: { permission: string; accountId: string | null; granted: boolean }) => `${g.permission} ${g.accountId} ${g.granted}`;
      expect(resolved.grants.map(key).sort()).toEqual(expected.grants.map(key).sort());
      expect(resolved.validUntil).toBe(expected.validUntil);
      expect(resolved.accountIds).toEqual(expected.accountIds);
      for (const name of ['tenant.users.read', 'tenant.roles.read', 'tenant.users.delete', 'account.listings.update'])
        for (const account of [undefined, w.accountId])
          expect([name, account, resolved.can(name, account)]).toEqual([name, account, expected.can(name, account)]);
    }
    const eve = await new PermissionResolver(t.db).resolve(ctxFor(w.tenantId), w.eve, v);
    expect(eve.can('tenant.roles.read')).toBe(false); // the deny beats the role
    expect(eve.validUntil).toBeGreaterThan(Date.now() + 50 * 60_000);
  });

  it('shares the compiled roles between resolvers and users of the same roles', async () => {
    const v = await version();
    const ada = await new PermissionResolver(t.db).resolve(ctxFor(w.tenantId), w.ada, v);
    const bob = await new PermissionResolver(t.db).resolve(ctxFor(w.tenantId), w.bob, v);
    expect(bob).toBe(ada);
    expect(ada.can('account.listings.update', w.accountId)).toBe(true);
    expect(ada.can('account.listings.update')).toBe(false);
  });

  it('takes a changed role into account at once, also for a request authenticated just before the change', async () => {
    const before = await version();
    const resolver = new PermissionResolver(t.db);
    expect((await resolver.resolve(ctxFor(w.tenantId), w.ada, before)).can('tenant.users.read')).toBe(true);
    await platform((tx) =>
      tx.execute(sql`delete from role_permissions where tenant_id = ${w.tenantId} and role_id = ${w.reader}
                       and permission_id = (select id from permissions where name = 'tenant.users.read')`),
    );
    const after = await version();
    expect(after).toBeGreaterThan(before);
    // The next request carries the new version: nothing cached is used.
    expect((await resolver.resolve(ctxFor(w.tenantId), w.ada, after)).can('tenant.users.read')).toBe(false);
    expect((await new PermissionResolver(t.db).resolve(ctxFor(w.tenantId), w.bob, after)).can('tenant.users.read')).toBe(false);
    // A request authenticated before the change, resolving a user after it: the shared
    // definitions are the new ones, and the read sees the change too.
    await platform((tx) =>
      tx.execute(sql`insert into role_permissions (tenant_id, role_id, permission_id)
                     values (${w.tenantId}, ${w.reader}, (select id from permissions where name = 'tenant.users.read'))`),
    );
    expect((await new PermissionResolver(t.db).resolve(ctxFor(w.tenantId), w.eve, after)).can('tenant.users.read')).toBe(true);
  });
});
