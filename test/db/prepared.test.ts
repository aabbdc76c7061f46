import { and, asc, eq, inArray, isNull, type Placeholder, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client';
import { preparedSelect } from '../../src/db/prepared';
import { listingImages, listings, mediaFiles } from '../../src/db/schema';
import { withTenant } from '../../src/db/tenant-context';
import { listingColumns } from '../../src/modules/marketplace/listings/repository';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';
import { ctxFor } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { createTenantGraph, type TenantGraph } from '../helpers/graph';

/*
 * preparedSelect leans on Drizzle internals (db/prepared.ts): these run the same selects
 * prepared and plain, side by side, so that a Drizzle upgrade that moves them fails here.
 */
const listingById = preparedSelect((tx, param: (name: 'id') => Placeholder) =>
  tx
    .select(listingColumns)
    .from(listings)
    .where(and(eq(listings.tenantId, tx.tenantId), eq(listings.id, param('id')), isNull(listings.deletedAt))),
);

/** A join with a nullable side, an array value and a computed column: what mapping must get right. */
const imagesOf = preparedSelect((tx, param: (name: 'ids' | 'status') => Placeholder) =>
  tx
    .select({
      listingId: listings.id,
      title: listings.title,
      mediaId: listingImages.mediaId,
      alt: mediaFiles.alt,
      applicants: sql<number>`(select count(*)::int from applications a where a.tenant_id = ${tx.tenantId} and a.listing_id = ${listings.id} and a.status <> ${param('status')})`,
    })
    .from(listings)
    .leftJoin(listingImages, and(eq(listingImages.tenantId, listings.tenantId), eq(listingImages.listingId, listings.id)))
    .leftJoin(mediaFiles, and(eq(mediaFiles.tenantId, listingImages.tenantId), eq(mediaFiles.id, listingImages.mediaId)))
    .where(and(eq(listings.tenantId, tx.tenantId), sql`${listings.id} = any(${param('ids')})`))
    .orderBy(asc(listings.id)),
);

describeDb('preparedSelect: built once, run like the plain select', (t) => {
  let a: TenantGraph;
  let b: TenantGraph;
  beforeAll(async () => {
    a = await createTenantGraph(t.db, 'prep-a');
    b = await createTenantGraph(t.db, 'prep-b');
  });

  it('answers exactly what the plain Drizzle select answers, types and all', async () => {
    for (const oneRoundTrip of [true, false]) {
      const [prepared, plain] = await withTenant(
        t.db,
        ctxFor(a.tenantId),
        (tx) =>
          Promise.all([
            listingById(tx, { id: a.listingId }),
            tx
              .select(listingColumns)
              .from(listings)
              .where(and(eq(listings.tenantId, tx.tenantId), eq(listings.id, a.listingId), isNull(listings.deletedAt))),
          ]),
        { oneRoundTrip },
      );
      expect(prepared).toHaveLength(1);
      expect(prepared).toEqual(plain);
    }
  });

  it('takes its tenant from the calling transaction, never from the call that compiled it', async () => {
    // Compiled in tenant a by the test above (or here, whichever runs first).
    const [inA] = await withTenant(t.db, ctxFor(a.tenantId), (tx) => listingById(tx, { id: a.listingId }));
    const [inB] = await withTenant(t.db, ctxFor(b.tenantId), (tx) => listingById(tx, { id: b.listingId }));
    expect(inA?.tenantId).toBe(a.tenantId);
    expect(inB?.tenantId).toBe(b.tenantId);
    // a's listing asked for from b: the statement says b's tenant (and RLS agrees): nothing.
    expect(await withTenant(t.db, ctxFor(b.tenantId), (tx) => listingById(tx, { id: a.listingId }))).toEqual([]);
  });

  it('maps joins with a missing side, array values and SQL columns like Drizzle does', async () => {
    const ids = [a.listingId, '00000000-0000-7000-8000-000000000000'];
    const [prepared, plain] = await withTenant(t.db, ctxFor(a.tenantId), async (tx) => {
      const bare = await tx
        .insert(listings)
        .values({
          tenantId: a.tenantId,
          accountId: a.accountId,
          userId: a.userId,
          type: 'GIG',
          title: 'No pictures',
          description: 'Nothing to see',
          priceType: 'NEGOTIABLE',
        })
        .returning({ id: listings.id });
      ids.push(bare[0]!.id);
      return Promise.all([
        imagesOf(tx, { ids, status: 'WITHDRAWN' }),
        tx
          .select({
            listingId: listings.id,
            title: listings.title,
            mediaId: listingImages.mediaId,
            alt: mediaFiles.alt,
            applicants: sql<number>`(select count(*)::int from applications a where a.tenant_id = ${tx.tenantId} and a.listing_id = ${listings.id} and a.status <> ${'WITHDRAWN'})`,
          })
          .from(listings)
          .leftJoin(listingImages, and(eq(listingImages.tenantId, listings.tenantId), eq(listingImages.listingId, listings.id)))
          .leftJoin(mediaFiles, and(eq(mediaFiles.tenantId, listingImages.tenantId), eq(mediaFiles.id, listingImages.mediaId)))
          .where(and(eq(listings.tenantId, tx.tenantId), inArray(listings.id, ids)))
          .orderBy(asc(listings.id)),
      ]);
    });
    expect(prepared).toEqual(plain);
    expect(prepared).toHaveLength(2);
    expect(prepared.find((r) => r.title === 'No pictures')).toMatchObject({ mediaId: null, alt: null, applicants: 0 });
    expect(prepared.find((r) => r.listingId === a.listingId)?.applicants).toBe(1);
  });

  it('stays under the calling tenant’s RLS once prepared on the connection, generic plan included', async () => {
    // On a server the statement is PREPAREd once per connection (db/first-trip.ts) and run
    // with EXECUTE; its tenant predicate is disabled here ("or true") to see RLS alone.
    const everyListing = preparedSelect((tx, param: (name: 'any') => Placeholder) =>
      tx
        .select({ tenantId: listings.tenantId })
        .from(listings)
        .where(sql`(${listings.tenantId} = ${tx.tenantId} or ${param('any')}::boolean)`),
    );
    // More runs than the pool has connections times the five custom plans before a generic one.
    for (let i = 0; i < 12; i++) {
      for (const g of [a, b]) {
        const rows = await withTenant(t.db, ctxFor(g.tenantId), (tx) => everyListing(tx, { any: true }), { oneRoundTrip: i % 2 === 0 });
        expect(rows.length).toBeGreaterThan(0);
        expect(new Set(rows.map((r) => r.tenantId))).toEqual(new Set([g.tenantId]));
      }
    }
  });

  it.runIf(t.engine === 'postgres')('runs the transaction again on a fresh connection when its prepared statements are gone', async () => {
    // One connection, so the DEALLOCATE below hits the connection that prepared the select.
    const db = await openDatabase({ url: t.db.url!, poolSize: 1, auditKey: TEST_AUDIT_KEY });
    try {
      const read = () => withTenant(db, ctxFor(a.tenantId), (tx) => listingById(tx, { id: a.listingId }), { oneRoundTrip: true });
      expect(await read()).toHaveLength(1);
      const [pid] = await db.withSession((s) => s.query<{ pid: number }>('select pg_backend_pid() as pid'));
      await db.withSession((s) => s.exec('DEALLOCATE ALL'));
      // EXECUTE fails (26000) on that connection: it is destroyed, the read runs again on a new one.
      expect(await read()).toHaveLength(1);
      const [now] = await db.withSession((s) => s.query<{ pid: number }>('select pg_backend_pid() as pid'));
      expect(now!.pid).not.toBe(pid!.pid);
      expect(await read()).toHaveLength(1);
    } finally {
      await db.close();
    }
  });

  it('refuses a builder that does not return a select', () => {
    const broken = preparedSelect(() => Promise.resolve([]) as never);
    return expect(withTenant(t.db, ctxFor(a.tenantId), (tx) => broken(tx))).rejects.toThrow(/Drizzle select/);
  });
});
