import { type RequestContext, requireActor } from '../../core/context';
import { AppError } from '../../core/errors';
import { toPage } from '../../core/pagination';
import type { Database } from '../../db/client';
import { idCursor } from '../../db/keyset';
import { withTenant } from '../../db/tenant-context';
import { toIso } from '../../http/kit/schemas';
import { countUnread, listNotifications, markAllRead, markRead, type NotificationRow } from './repository';
import type { NotificationQuery } from './schemas';

export function presentNotification(n: NotificationRow) {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    resource: n.resource_type && n.resource_id ? { type: n.resource_type, id: n.resource_id } : null,
    read: n.read_at !== null,
    readAt: toIso(n.read_at),
    createdAt: toIso(n.created_at)!,
  };
}

/** My notifications, newest first, with the number of unread ones. */
export async function listMyNotifications(deps: { db: Database }, ctx: RequestContext, query: NotificationQuery) {
  const { userId } = requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    const page = toPage(
      await listNotifications(tx, userId, { cursor: query.cursor, unread: query.unread, limit: query.limit + 1 }),
      query.limit,
      (n) => idCursor(n.id),
      presentNotification,
    );
    return { ...page, unreadCount: await countUnread(tx, userId) };
  });
}

/** Marks one of my notifications read; another person's is not found. */
export async function markNotificationRead(deps: { db: Database }, ctx: RequestContext, notificationId: string) {
  const { userId } = requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    const row = await markRead(tx, userId, notificationId);
    if (!row) throw new AppError('NOTIFICATION_NOT_FOUND');
    return presentNotification(row);
  });
}

/** Marks all my notifications read (or those up to one id: what the client has shown). */
export async function markAllNotificationsRead(deps: { db: Database }, ctx: RequestContext, input: { upTo?: string }) {
  const { userId } = requireActor(ctx);
  return withTenant(deps.db, ctx, async (tx) => {
    const marked = await markAllRead(tx, userId, input.upTo);
    return { marked, unreadCount: await countUnread(tx, userId) };
  });
}
