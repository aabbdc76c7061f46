import { sql } from 'drizzle-orm';
import { noPermissions, type RequestContext, systemContext } from '../../src/core/context';
import type { Database } from '../../src/db/client';
import { firstRow } from '../../src/db/sql';
import { withPlatform } from '../../src/db/tenant-context';
import { createEngagementService, type EngagementService } from '../../src/modules/activity';
import {
  type CategoryService,
  type ContentService,
  type ContentView,
  createCategoryService,
  createContentInput,
  createContentService,
} from '../../src/modules/content';
import { ctxFor, permissionsOf } from '../helpers/context';
import { createTenantGraph, type TenantGraph, uniqueIdentifier } from '../helpers/graph';

/**
 * A tenant for content tests: one account with an editor (the account_member role's
 * content grants), a publisher (account admin), a tenant reviewer, a tenant admin, a
 * reader, a stranger from another account, and nobody. Services on the test database.
 */
export interface ContentWorld {
  g: TenantGraph;
  tenantId: string;
  accountId: string;
  otherAccountId: string;
  content: ContentService;
  categories: CategoryService;
  engagement: EngagementService;
  /** account member: create, update (and submit), read — no publish, no delete. */
  editor: RequestContext;
  /** account admin: account.*.* in the account. */
  publisher: RequestContext;
  /** tenant moderator: reads everything, reviews; does not publish. */
  reviewer: RequestContext;
  /** tenant admin: everything in the tenant. */
  admin: RequestContext;
  /** another account's admin. */
  stranger: RequestContext;
  /** a signed-in user with the `user` role only. */
  reader: RequestContext;
  /** nobody signed in. */
  anonymous: RequestContext;
  /** more signed-in users with the `user` role. */
  readers: (n: number) => Promise<RequestContext[]>;
}

export async function createUsers(db: Database, tenantId: string, n: number): Promise<string[]> {
  return withPlatform(db, systemContext(tenantId, 'test-users'), async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const row = await firstRow<{ id: string }>(
        tx,
        sql`insert into users (tenant_id, email) values (${tenantId}, ${`${uniqueIdentifier('u')}@example.test`}) returning id`,
      );
      ids.push(row!.id);
    }
    return ids;
  });
}

export async function createAccount(db: Database, tenantId: string, status = 'ACTIVE'): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into accounts (tenant_id, identifier, name, type, status) values ($1, $2, 'Other agency', 'AGENCY', $3) returning id`,
    [tenantId, uniqueIdentifier('acc'), status],
  );
  return row!.id;
}

export async function createMedia(db: Database, tenantId: string, uploaderId: string, accountId: string | null = null): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into media_files (tenant_id, uploader_id, account_id, filename, mimetype, size, url)
     values ($1, $2, $3, 'photo.jpg', 'image/jpeg', 1000, '/media/photo.jpg') returning id`,
    [tenantId, uploaderId, accountId],
  );
  return row!.id;
}

const userGrants = ['user.*.*'];

export async function contentWorld(db: Database, label = 'content'): Promise<ContentWorld> {
  const g = await createTenantGraph(db, label);
  const otherAccountId = await createAccount(db, g.tenantId);
  const [editorId, reviewerId, adminId, strangerId, readerId] = await createUsers(db, g.tenantId, 5);
  const inAccount = (grants: string[], accountId = g.accountId) => grants.map((grant) => `${grant}@${accountId}`);
  const as = (userId: string, grants: string[]) => ctxFor(g.tenantId, userId, { permissions: permissionsOf(grants) });
  return {
    g,
    tenantId: g.tenantId,
    accountId: g.accountId,
    otherAccountId,
    content: createContentService({ db }),
    categories: createCategoryService({ db }),
    engagement: createEngagementService({ db }),
    editor: as(editorId!, [...userGrants, ...inAccount(['account.*.read', 'account.content.create', 'account.content.update'])]),
    publisher: as(g.userId, [...userGrants, ...inAccount(['account.*.*'])]),
    reviewer: as(reviewerId!, [...userGrants, 'tenant.content.read', 'tenant.content.review']),
    admin: as(adminId!, ['tenant.*.*', 'account.*.*', 'user.*.*']),
    stranger: as(strangerId!, [...userGrants, ...inAccount(['account.*.*'], otherAccountId)]),
    reader: as(readerId!, userGrants),
    anonymous: ctxFor(g.tenantId, undefined, { permissions: noPermissions }),
    readers: async (n) => (await createUsers(db, g.tenantId, n)).map((id) => as(id, userGrants)),
  };
}

/** Input as a client would send it (parsed by the same schema as the API). */
export const draftInput = (accountId: string, fields: Record<string, unknown> = {}) =>
  createContentInput.parse({ accountId, type: 'ARTICLE', title: `Draft ${uniqueIdentifier('t')}`, ...fields });

/** Creates content and takes it through review to PUBLISHED (publishAt/expiresAt optional). */
export async function publishedContent(
  w: ContentWorld,
  fields: Record<string, unknown> = {},
  publish: { publishAt?: Date; expiresAt?: Date | null } = {},
): Promise<ContentView> {
  const draft = await w.content.create(w.editor, draftInput(w.accountId, fields));
  await w.content.transition(w.editor, draft.id, { action: 'submit' });
  await w.content.transition(w.reviewer, draft.id, { action: 'approve' });
  return w.content.transition(w.publisher, draft.id, { action: 'publish', ...publish });
}

/** The AppError a promise rejects with (or fails the test). */
export async function rejection(
  promise: Promise<unknown>,
): Promise<{ kind: string; code: string; message: string; extra?: Record<string, unknown>; errors?: { path: string }[] }> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
