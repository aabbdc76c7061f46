import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors';
import { type TenantTx, withTenant } from '../../src/db/tenant-context';
import { addMember } from '../../src/modules/accounts/members';
import { outboxMailer } from '../../src/modules/mail';
import { type Entitlements, limitOf, readEntitlements, takeLimitedSlot } from '../../src/modules/plans';
import { ctxFor } from '../helpers/context';
import { describeDb } from '../helpers/db';
import { createTenantGraph, type TenantGraph, uniqueIdentifier } from '../helpers/graph';

/**
 * The plans unit (docs/development.md, "Plans and limits"): one SQL function,
 * mono.plan_entitlements, answers an account's effective limits and features for
 * TypeScript and for the media quota trigger alike; takeLimitedSlot locks the account
 * row, reads the limit from it and counts, so parallel slot takers never overshoot.
 */
describeDb(
  'plans: effective limits and features, one answer for TypeScript and the database',
  (t) => {
    let g: TenantGraph;
    let other: TenantGraph;
    const ctx = () => ctxFor(g.tenantId, g.userId);
    const inTenant = <T>(fn: (tx: TenantTx) => Promise<T>) => withTenant(t.db, ctx(), fn);

    beforeAll(async () => {
      g = await createTenantGraph(t.db, 'plans');
      other = await createTenantGraph(t.db, 'plans-other');
    });

    /** An account of the tenant with (optionally) a subscription, created as the owner. */
    async function newAccount(options: { plan?: string; status?: string; limits?: Record<string, unknown>; features?: string[]; tenantId?: string } = {}) {
      const tenantId = options.tenantId ?? g.tenantId;
      const [account] = await t.db.query<{ id: string }>(
        `insert into accounts (tenant_id, identifier, name, type, limits, features) values ($1, $2, 'Plans', 'AGENCY', $3, $4) returning id`,
        [tenantId, uniqueIdentifier('acct'), JSON.stringify(options.limits ?? {}), options.features ?? []],
      );
      if (options.plan) {
        await t.db.query('insert into account_subscriptions (tenant_id, account_id, plan, status) values ($1, $2, $3, $4)', [
          tenantId,
          account!.id,
          options.plan,
          options.status ?? 'ACTIVE',
        ]);
      }
      return account!.id;
    }

    const entitlements = (accountId: string | null) => inTenant((tx) => readEntitlements(tx, accountId));
    const sqlLimit = async (accountId: string | null) => {
      const [row] = await t.db.query<{ limit: number | string | null }>('select mono.media_storage_limit($1, $2) as limit', [g.tenantId, accountId]);
      return row!.limit === null ? null : Number(row!.limit);
    };
    const storeBytes = (accountId: string | null, size: number) =>
      inTenant((tx) =>
        tx.execute(
          sql`insert into media_files (tenant_id, uploader_id, account_id, filename, mimetype, size, url)
              values (${tx.tenantId}, ${g.userId}, ${accountId}, 'f.pdf', 'application/pdf', ${size}, '/media/f.pdf')`,
        ),
      );
    const errorOf = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: unknown) => error,
      );

    describe('the function’s answers', () => {
      it('gives the plan’s limits and features while the subscription is live', async () => {
        const id = await newAccount({ plan: 'pro' });
        expect(await entitlements(id)).toEqual({
          accountStatus: 'ACTIVE',
          plan: 'pro',
          limits: { maxActiveListings: 250, storageBytes: 10737418240, maxMembers: 50 },
          features: ['featured-listings'],
        });
        for (const status of ['TRIALING', 'PAST_DUE']) expect((await entitlements(await newAccount({ plan: 'free', status })))?.plan).toBe('free');
      });

      it('overrides the plan key by key with the account’s own limits, and unites the features', async () => {
        const id = await newAccount({ plan: 'starter', limits: { maxMembers: 3 }, features: ['zeta', 'featured-listings', 'alpha'] });
        const e = (await entitlements(id))!;
        expect(e.limits).toEqual({ maxActiveListings: 25, storageBytes: 1073741824, maxMembers: 3 });
        expect(e.features).toEqual(['alpha', 'featured-listings', 'zeta']);
      });

      it('reads null as unlimited: an explicit null override lifts the plan’s limit', async () => {
        const id = await newAccount({ plan: 'free', limits: { maxActiveListings: null } });
        const e = (await entitlements(id))!;
        expect(e.limits).toEqual({ maxActiveListings: null, storageBytes: 104857600, maxMembers: 3 });
        expect(limitOf(e, 'maxActiveListings')).toBeNull();
        expect(limitOf(e, 'maxMembers')).toBe(3);
      });

      it('reads a missing key as unlimited, and anything but a number as null', async () => {
        const enterprise = (await entitlements(await newAccount({ plan: 'enterprise' })))!;
        expect(enterprise.limits).toEqual({});
        expect([limitOf(enterprise, 'maxMembers'), limitOf(enterprise, 'storageBytes')]).toEqual([null, null]);
        const odd = (await entitlements(await newAccount({ plan: 'enterprise', limits: { maxMembers: '7', storageBytes: 2.9, custom: { a: 1 } } })))!;
        expect(odd.limits).toEqual({ maxMembers: null, storageBytes: 2, custom: null });
      });

      it('applies only the account’s own limits without a live subscription', async () => {
        for (const status of ['CANCELED', 'EXPIRED']) {
          const e = (await entitlements(await newAccount({ plan: 'pro', status, limits: { maxMembers: 4 }, features: ['x'] })))!;
          expect(e).toEqual({ accountStatus: 'ACTIVE', plan: null, limits: { maxMembers: 4 }, features: ['x'] });
        }
        expect((await entitlements(await newAccount()))!).toMatchObject({ plan: null, limits: {}, features: [] });
      });

      it('knows no deleted account, and no account of another tenant', async () => {
        const deleted = await newAccount({ plan: 'pro' });
        await t.db.query('update accounts set deleted_at = now() where id = $1', [deleted]);
        expect(await entitlements(deleted)).toBeUndefined();
        const foreign = await newAccount({ plan: 'pro', tenantId: other.tenantId });
        expect(await entitlements(foreign)).toBeUndefined();
        expect((await t.db.query('select * from mono.plan_entitlements($1, $2)', [g.tenantId, foreign])).length).toBe(0);
        expect(await sqlLimit(deleted)).toBe(0);
      });

      it('gives a person without an account the tenant’s personal storage limit', async () => {
        expect(await entitlements(null)).toEqual({ accountStatus: null, plan: null, limits: {}, features: [] });
        await t.db.query(`update tenants set settings = settings || '{"media": {"userStorageBytes": 5000}}' where id = $1`, [g.tenantId]);
        expect((await entitlements(null))!.limits).toEqual({ storageBytes: 5000 });
        await t.db.query(`update tenants set settings = settings - 'media' where id = $1`, [g.tenantId]);
      });
    });

    describe('TypeScript and the media quota trigger agree', () => {
      it('reads the same storage limit as the trigger for every kind of answer', async () => {
        const cases = [
          await newAccount({ plan: 'free' }),
          await newAccount({ plan: 'pro', limits: { storageBytes: 1234 } }),
          await newAccount({ plan: 'free', limits: { storageBytes: null } }),
          await newAccount({ plan: 'enterprise' }),
          await newAccount({ plan: 'pro', status: 'CANCELED' }),
          await newAccount({ limits: { storageBytes: 99.9 } }),
          null,
        ];
        for (const id of cases) {
          const e = (await entitlements(id))!;
          expect([id, limitOf(e, 'storageBytes')]).toEqual([id, await sqlLimit(id)]);
        }
      });

      it('lets the trigger refuse exactly above the limit TypeScript reads', async () => {
        for (const options of [{ plan: 'free' }, { plan: 'pro', limits: { storageBytes: 5000 } }, { limits: { storageBytes: 777 } }]) {
          const id = await newAccount(options);
          const limit = limitOf((await entitlements(id))!, 'storageBytes')!;
          await storeBytes(id, limit);
          expect(await errorOf(storeBytes(id, 1))).toMatchObject({ code: 'STORAGE_QUOTA_EXCEEDED' });
        }
        const unlimited = await newAccount({ plan: 'free', limits: { storageBytes: null } });
        expect(limitOf((await entitlements(unlimited))!, 'storageBytes')).toBeNull();
        await storeBytes(unlimited, 10 ** 12);
      });

      it('follows a change of plan at once, on both sides', async () => {
        const id = await newAccount({ plan: 'free', limits: { storageBytes: 100 } });
        await storeBytes(id, 100);
        await t.db.query(`update accounts set limits = '{}' where id = $1`, [id]);
        expect(limitOf((await entitlements(id))!, 'storageBytes')).toBe(104857600);
        await storeBytes(id, 1000);
        await t.db.query(`update account_subscriptions set plan = 'enterprise' where account_id = $1`, [id]);
        expect(await sqlLimit(id)).toBeNull();
        await storeBytes(id, 10 ** 12);
      });
    });

    describe('takeLimitedSlot', () => {
      it('refuses the slot after the last with the limit’s catalogue code', async () => {
        const id = await newAccount({ plan: 'free', limits: { maxActiveListings: 2 } });
        const take = (inUse: number) => inTenant((tx) => takeLimitedSlot(tx, id, 'maxActiveListings', async () => inUse));
        expect((await take(1)).limits.maxActiveListings).toBe(2);
        const refused = await errorOf(take(2));
        expect(refused).toBeInstanceOf(AppError);
        expect(refused).toMatchObject({ code: 'LISTING_LIMIT_REACHED', kind: 'conflict', extra: { limit: 2, active: 2 } });
        expect(await errorOf(inTenant((tx) => takeLimitedSlot(tx, id, 'maxMembers', async () => 3)))).toMatchObject({ code: 'MEMBER_LIMIT_REACHED' });
      });

      it('runs the caller’s check under the lock before counting, counts nothing when unlimited, and 404s a missing account', async () => {
        const id = await newAccount({ plan: 'enterprise' });
        let counted = 0;
        const count = async () => {
          counted += 1;
          return 10 ** 6;
        };
        const seen: Entitlements[] = [];
        await inTenant((tx) => takeLimitedSlot(tx, id, 'maxActiveListings', count, { check: (e) => void seen.push(e) }));
        expect([counted, seen[0]?.plan]).toEqual([0, 'enterprise']);
        const notActive = new AppError('ACCOUNT_NOT_ACTIVE');
        const checked = inTenant((tx) =>
          takeLimitedSlot(tx, id, 'maxActiveListings', count, {
            check: () => {
              throw notActive;
            },
          }),
        );
        expect(await errorOf(checked)).toBe(notActive);
        expect(await errorOf(inTenant((tx) => takeLimitedSlot(tx, other.accountId, 'maxMembers', count)))).toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
        expect(counted).toBe(0);
      });
    });

    describe('under concurrency', () => {
      it('never lets parallel member additions exceed maxMembers', async () => {
        const id = await newAccount({ plan: 'free' }); // maxMembers 3
        const people = await Promise.all(
          Array.from({ length: 10 }, async (_, i) => {
            const [user] = await t.db.query<{ id: string }>('insert into users (tenant_id, email) values ($1, $2) returning id', [
              g.tenantId,
              `${uniqueIdentifier(`m${i}`)}@plans.test`,
            ]);
            return user!.id;
          }),
        );
        const deps = { db: t.db, mailer: outboxMailer() };
        const results = await Promise.allSettled(people.map((userId) => addMember(deps, ctx(), id, { userId, role: 'member' })));
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
        for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'MEMBER_LIMIT_REACHED' });
        const [count] = await t.db.query<{ n: number }>('select count(*)::int as n from account_users where tenant_id = $1 and account_id = $2', [
          g.tenantId,
          id,
        ]);
        expect(count!.n).toBe(3);
      });

      it('never lets parallel uploads exceed the storage quota', async () => {
        const id = await newAccount({ plan: 'pro', limits: { storageBytes: 1000 } });
        const results = await Promise.allSettled(Array.from({ length: 8 }, () => storeBytes(id, 300)));
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
        for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'STORAGE_QUOTA_EXCEEDED' });
        const [usage] = await t.db.query<{ bytes: number }>('select bytes from media_storage_usage where tenant_id = $1 and account_id = $2', [g.tenantId, id]);
        expect(Number(usage!.bytes)).toBe(900);
      });

      it.runIf(t.engine === 'postgres')('holds one lock mode: slot takers queue, rows that refer to the account do not wait', async () => {
        const id = await newAccount({ plan: 'free' });
        let release!: () => void;
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        let taken!: () => void;
        const isTaken = new Promise<void>((resolve) => {
          taken = resolve;
        });
        const holder = inTenant(async (tx) => {
          await takeLimitedSlot(tx, id, 'maxMembers', async () => 0);
          taken();
          await held;
        });
        await isTaken;
        try {
          // A foreign-key check (FOR KEY SHARE of the account row) passes the slot lock.
          await inTenant(async (tx) => {
            await tx.execute(sql`set local lock_timeout = '2s'`);
            await tx.execute(sql`insert into account_users (tenant_id, account_id, user_id, role) values (${tx.tenantId}, ${id}, ${g.otherUserId}, 'member')`);
          });
          // Another slot taker waits for it (and here gives up after 300 ms).
          const waited = await errorOf(
            inTenant(async (tx) => {
              await tx.execute(sql`set local lock_timeout = '300ms'`);
              await takeLimitedSlot(tx, id, 'maxMembers', async () => 0);
            }),
          );
          expect(waited).toMatchObject({ code: 'LOCKED' });
        } finally {
          release();
          await holder;
        }
      });
    });
  },
  { poolSize: 20 },
);
