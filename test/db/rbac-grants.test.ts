import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { systemContext } from '../../src/core/context';
import { firstRow } from '../../src/db/sql';
import { withPlatform, withTenant } from '../../src/db/tenant-context';
import { loadGrants } from '../../src/modules/access/resolver';
import { syncSystemRoles } from '../../src/modules/access/sync';
import { ctxFor } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { uniqueIdentifier } from '../helpers/graph';

/**
 * loadGrants calls mono.user_grants, a PL/pgSQL function whose plan each connection keeps. With a
 * pool of one connection every call below reuses one plan — past the point where
 * PostgreSQL switches to a generic plan — alternating between two tenants: each must
 * still see exactly its own grants, expiry must be judged at execution time, and a user
 * of one tenant must resolve to nothing inside the other.
 */
describeDb(
  'rbac grants function (plan kept per connection, reused across tenants)',
  (t) => {
    const world = {} as {
      a: { tenantId: string; userId: string; accountId: string };
      b: { tenantId: string; userId: string };
    };

    beforeAll(async () => {
      await withPlatform(t.db, systemContext(null, 'test'), async (tx) => {
        const id = async (query: ReturnType<typeof sql>) => (await firstRow<{ id: string }>(tx, query))!.id;
        const perm = (name: string) => sql`(select id from permissions where name = ${name})`;
        const tenant = async () => {
          const tenantId = await id(
            sql`insert into tenants (identifier, name, status) values (${uniqueIdentifier('grants')}, 'Grants', 'ACTIVE') returning id`,
          );
          await syncSystemRoles(tx, 'platform', tenantId);
          const userId = await id(sql`insert into users (tenant_id, email) values (${tenantId}, 'person@grants.test') returning id`);
          return { tenantId, userId };
        };
        const a = await tenant();
        const b = await tenant();
        const role = async (tenantId: string, name: string, permission: string) => {
          const roleId = await id(sql`insert into roles (tenant_id, name, level) values (${tenantId}, ${name}, 'TENANT') returning id`);
          await tx.execute(sql`insert into role_permissions (tenant_id, role_id, permission_id) values (${tenantId}, ${roleId}, ${perm(permission)})`);
          return roleId;
        };
        const reader = await role(a.tenantId, 'reader', 'tenant.users.read');
        const expired = await role(a.tenantId, 'expired', 'tenant.roles.read');
        await tx.execute(sql`insert into user_roles (tenant_id, user_id, role_id) values (${a.tenantId}, ${a.userId}, ${reader})`);
        await tx.execute(
          sql`insert into user_roles (tenant_id, user_id, role_id, expires_at) values (${a.tenantId}, ${a.userId}, ${expired}, now() - interval '1 minute')`,
        );
        const accountId = await id(sql`insert into accounts (tenant_id, identifier, name, type) values (${a.tenantId}, 'acme', 'Acme', 'AGENCY') returning id`);
        await tx.execute(sql`insert into account_users (tenant_id, account_id, user_id, role) values (${a.tenantId}, ${accountId}, ${a.userId}, 'admin')`);
        await tx.execute(
          sql`insert into user_permissions (tenant_id, user_id, permission_id, granted) values (${a.tenantId}, ${a.userId}, ${perm('tenant.users.delete')}, false)`,
        );
        await tx.execute(
          sql`insert into user_permissions (tenant_id, user_id, permission_id, expires_at) values (${a.tenantId}, ${a.userId}, ${perm('tenant.audit.read')}, now() + interval '1 hour')`,
        );
        const other = await role(b.tenantId, 'other', 'tenant.accounts.read');
        await tx.execute(sql`insert into user_roles (tenant_id, user_id, role_id) values (${b.tenantId}, ${b.userId}, ${other})`);
        world.a = { ...a, accountId };
        world.b = b;
      });
    });

    it('answers each tenant its own grants, call after call on one connection', async () => {
      for (let round = 0; round < 8; round++) {
        const a = await withTenant(t.db, ctxFor(world.a.tenantId), (tx) => loadGrants(tx, world.a.userId));
        const tenantWide = a.grants.filter((g) => g.accountId === null);
        expect(
          tenantWide
            .filter((g) => g.granted)
            .map((g) => g.permission)
            .sort(),
        ).toEqual(['tenant.audit.read', 'tenant.users.read']);
        expect(tenantWide.filter((g) => !g.granted).map((g) => g.permission)).toEqual(['tenant.users.delete']);
        const inAccount = a.grants.filter((g) => g.accountId === world.a.accountId);
        expect(inAccount.length).toBeGreaterThan(0);
        expect(inAccount.every((g) => g.granted && g.permission.startsWith('account.'))).toBe(true);
        expect(a.nextExpiry).toBeGreaterThan(Date.now() + 50 * 60_000);
        expect(a.nextExpiry).toBeLessThan(Date.now() + 70 * 60_000);

        const b = await withTenant(t.db, ctxFor(world.b.tenantId), (tx) => loadGrants(tx, world.b.userId));
        expect(b.grants).toEqual([{ permission: 'tenant.accounts.read', accountId: null, granted: true }]);
        expect(b.nextExpiry).toBe(Number.POSITIVE_INFINITY);

        const across = await withTenant(t.db, ctxFor(world.b.tenantId), (tx) => loadGrants(tx, world.a.userId));
        expect(across.grants).toEqual([]);
      }
    });

    it('judges expiry when it runs, not when it was planned', async () => {
      await withPlatform(t.db, systemContext(null, 'test'), (tx) =>
        tx.execute(sql`update user_roles set expires_at = now() - interval '1 second'
                        where tenant_id = ${world.a.tenantId} and user_id = ${world.a.userId} and expires_at is null`),
      );
      const a = await withTenant(t.db, ctxFor(world.a.tenantId), (tx) => loadGrants(tx, world.a.userId));
      expect(a.grants.some((g) => g.permission === 'tenant.users.read')).toBe(false);
    });
  },
  { poolSize: 1 },
);
