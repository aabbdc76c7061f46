import type { RequestContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { decodeCursor, encodeCursor } from '../../core/pagination';
import type { Database } from '../../db/client';
import { withTenant } from '../../db/tenant-context';
import { toIso } from '../../http/kit/schemas';
import { type EventRow, readFeed } from './repository';
import type { FeedQuery } from './schemas';
import { splitTypeFilters } from './type-filters';

export function presentEvent(e: EventRow) {
  return {
    id: e.id,
    type: e.type,
    occurredAt: toIso(e.occurred_at)!,
    actorId: e.actor_id,
    resource: { type: e.resource_type, id: e.resource_id },
    data: e.payload,
  };
}

/**
 * The tenant's event feed after a cursor. The answer always carries a cursor — the
 * position after its last event, or the one given when nothing new is visible yet — so
 * a consumer stores it and asks again later, missing nothing and seeing nothing twice.
 */
export async function readEventFeed(deps: { db: Database }, ctx: RequestContext, query: FeedQuery) {
  if (!ctx.permissions.can('tenant.events.read')) throw new AppError('FORBIDDEN');
  const after = query.after ? decodeFeedCursor(query.after) : undefined;
  const rows = await withTenant(deps.db, ctx, (tx) =>
    readFeed(tx, { after, types: query.types ? splitTypeFilters(query.types) : undefined, limit: query.limit + 1 }),
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    data: page.map(presentEvent),
    nextCursor: last ? encodeCursor([last.txid, last.id]) : (query.after ?? encodeCursor(['0', '00000000-0000-0000-0000-000000000000'])),
    hasMore: rows.length > query.limit,
  };
}

function decodeFeedCursor(cursor: string): { txid: string; id: string } {
  const [txid, id] = decodeCursor(cursor, 2);
  if (typeof txid !== 'string' || !/^\d{1,20}$/.test(txid) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new AppError('INVALID_CURSOR');
  }
  return { txid, id };
}
