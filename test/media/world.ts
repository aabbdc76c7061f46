import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Readable } from 'node:stream';
import { noPermissions, type RequestContext } from '../../src/core/context';
import type { Database } from '../../src/db/client';
import { createMediaService, createStorage, type MediaService, type ObjectStorage, type UploadInput } from '../../src/modules/media';
import { ctxFor, permissionsOf } from '../helpers/context';
import { createTenantGraph, type TenantGraph } from '../helpers/graph';
import { streamOf } from './fixtures';

/**
 * A tenant with people in the roles media cares about, a private storage directory and
 * the media service over both. One world per describe block keeps files apart.
 */
export interface MediaWorld {
  g: TenantGraph;
  tenantId: string;
  dir: string;
  storage: ObjectStorage;
  media: MediaService;
  /** graph.userId: own files, and everything in the graph's account. */
  owner: RequestContext;
  /** graph.otherUserId: own files only. */
  other: RequestContext;
  /** Reads every file of the tenant (tenant.media.read), owns none. */
  auditor: RequestContext;
  anonymous: RequestContext;
  /** Acts in an account with the given grants. */
  inAccount(accountId: string, grants: string[], userId?: string): RequestContext;
  upload(ctx: RequestContext, bytes: Buffer, input?: Partial<UploadInput>): ReturnType<MediaService['upload']>;
  /** A fresh account (optionally with limits and a plan subscription). */
  newAccount(options?: { limits?: Record<string, unknown>; plan?: string }): Promise<string>;
  setMediaSettings(settings: Record<string, unknown>): Promise<void>;
  /** Stored objects (keys relative to the storage root), leftovers in the temp dirs. */
  objectKeys(): Promise<string[]>;
  leftovers(): Promise<string[]>;
  count(sql: string, params?: unknown[]): Promise<number>;
  close(): Promise<void>;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export { sha256 };

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)])));
  return nested.flat();
}

let accounts = 0;

export async function mediaWorld(
  db: Database,
  options: { label?: string; storage?: ObjectStorage; maxUploadBytes?: number; putDelayMs?: number } = {},
): Promise<MediaWorld> {
  const g = await createTenantGraph(db, options.label ?? 'media');
  const dir = await mkdtemp(join(tmpdir(), 'mono-media-'));
  const base =
    options.storage ??
    createStorage({
      dataDir: dir,
      storage: { driver: 'local', s3: { bucket: undefined, region: 'x', endpoint: undefined, accessKeyId: undefined, secretAccessKey: undefined } },
    });
  // Slow storage (like a remote bucket) keeps upload transactions open long enough for
  // parallel uploads to really overlap.
  const delay = options.putDelayMs ?? 0;
  const storage: ObjectStorage = delay
    ? {
        ...base,
        put: async (...args) => {
          await new Promise((r) => setTimeout(r, delay));
          return base.put(...args);
        },
      }
    : base;
  const tempDir = join(dir, 'tmp', 'uploads');
  const media = createMediaService({ db, storage, maxUploadBytes: options.maxUploadBytes ?? 5 * 1024 * 1024, tempDir });
  const inAccount = (accountId: string, grants: string[], userId = g.userId) =>
    ctxFor(g.tenantId, userId, { permissions: permissionsOf(grants.map((p) => `${p}@${accountId}`)) });
  const count = async (text: string, params: unknown[] = []) => Number((await db.query<{ n: number }>(text, params))[0]!.n);

  return {
    g,
    tenantId: g.tenantId,
    dir,
    storage,
    media,
    owner: ctxFor(g.tenantId, g.userId, { permissions: permissionsOf(['user.media.*', `account.media.*@${g.accountId}`]) }),
    other: ctxFor(g.tenantId, g.otherUserId, { permissions: permissionsOf(['user.media.*']) }),
    auditor: ctxFor(g.tenantId, g.otherUserId, { permissions: permissionsOf(['tenant.media.read']) }),
    anonymous: { ...ctxFor(g.tenantId), permissions: noPermissions },
    inAccount,
    upload: (ctx, bytes, input = {}) =>
      media.upload(ctx, { stream: streamOf(bytes) as Readable, filename: 'upload.bin', declaredType: 'application/octet-stream', ...input }),
    async newAccount({ limits = {}, plan } = {}) {
      accounts += 1;
      const [row] = await db.query<{ id: string }>(
        `insert into accounts (tenant_id, identifier, name, type, limits) values ($1, $2, 'Account', 'VENDOR', $3) returning id`,
        [g.tenantId, `acct-${accounts}-${Math.random().toString(36).slice(2, 8)}`, JSON.stringify(limits)],
      );
      if (plan) {
        await db.query(`insert into account_subscriptions (tenant_id, account_id, plan, status) values ($1, $2, $3, 'ACTIVE')`, [g.tenantId, row!.id, plan]);
      }
      return row!.id;
    },
    async setMediaSettings(settings) {
      await db.query(`update tenants set settings = jsonb_set(settings, '{media}', $2::jsonb) where id = $1`, [g.tenantId, JSON.stringify(settings)]);
    },
    async objectKeys() {
      if (storage.driver !== 'local') return [];
      const root = join(dir, 'objects');
      return (await walk(root))
        .map((p) => relative(root, p))
        .filter((p) => !p.startsWith('.tmp/'))
        .sort();
    },
    async leftovers() {
      return [...(await walk(tempDir)), ...(await walk(join(dir, 'objects', '.tmp')))];
    },
    count,
    async close() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
