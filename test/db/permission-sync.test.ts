import { expect, it } from 'vitest';
import { syncPermissionCatalog } from '../../src/modules/access';
import { describeDb } from '../helpers/db';
import { createTenantGraph } from '../helpers/graph';

/**
 * The catalog sync removes names the code no longer has, unless a grant still points at
 * them (in steps, so that it also runs where permissions is a Citus reference table).
 */
describeDb('permission catalog sync', (t) => {
  it('removes a name no longer in the catalog, and keeps one a role still grants', async () => {
    await createTenantGraph(t.db, 'permsync');
    await t.db.query(`insert into permissions (name) values ('tenant.retired.unused'), ('tenant.retired.granted')`);
    const granted = await t.db.query(`
      insert into role_permissions (tenant_id, role_id, permission_id)
      select r.tenant_id, r.id, p.id from roles r, permissions p where p.name = 'tenant.retired.granted' limit 1 returning id`);
    expect(granted).toHaveLength(1);
    await t.db.transaction('', (tx) => syncPermissionCatalog(tx));
    const left = await t.db.query<{ name: string }>(`select name from permissions where name like 'tenant.retired.%' order by name`);
    expect(left.map((r) => r.name)).toEqual(['tenant.retired.granted']);
    const [catalog] = await t.db.query<{ n: number }>(`select count(*)::int as n from permissions where name = 'tenant.settings.read'`);
    expect(catalog!.n).toBe(1);
  });
});
