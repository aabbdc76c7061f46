import { sql } from 'drizzle-orm';
import { rows } from '../../db/sql';
import type { TenantTx, Tx } from '../../db/tenant-context';

/** A change worth telling others about: `listing.published` of listing 0191…, by user 0190…. */
export interface DomainEvent {
  /** `<resource>.<what happened>`, lower case: `listing.published`, `booking.cancelled`. */
  type: string;
  /** Who did it; null for the system (jobs, expiries). */
  actorId: string | null;
  resourceType: string;
  resourceId: string | null;
  /** The resource as the API presents it (dates as ISO strings). */
  payload: Record<string, unknown>;
}

/**
 * The JSON body a webhook receives for an event (the Standard Webhooks shape: type,
 * timestamp, data), built in SQL so the event and its deliveries are one statement.
 */
const envelope = sql`jsonb_build_object(
  'id', e.id, 'type', e.type, 'timestamp', to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'actorId', e.actor_id, 'resource', jsonb_build_object('type', e.resource_type, 'id', e.resource_id), 'data', e.payload)`;

/** The events `e` and the enabled endpoints `w` whose filters take them: `*`, `listing.*` or the exact type. */
const subscribed = sql`w.enabled and exists (select 1 from unnest(w.event_types) p
                                       where p = '*' or p = e.type or (p like '%.*' and starts_with(e.type, left(p, -1))))`;

/**
 * Writes the event in the caller's transaction (the transactional outbox: it exists
 * exactly when the change commits) and, in the same statement, one pending delivery for
 * every enabled webhook endpoint of the tenant whose filters match its type
 * (`*`, `listing.*`, or the exact type).
 */
export async function emitEvent(tx: TenantTx, event: DomainEvent): Promise<void> {
  await tx.execute(sql`
    with e as (
      insert into events (tenant_id, type, actor_id, resource_type, resource_id, payload)
      values (${tx.tenantId}, ${event.type}, ${event.actorId}, ${event.resourceType}, ${event.resourceId}, ${JSON.stringify(event.payload)}::jsonb)
      returning tenant_id, id, type, occurred_at, actor_id, resource_type, resource_id, payload
    )
    insert into webhook_deliveries (tenant_id, endpoint_id, event_id, event_type, payload)
    select e.tenant_id, w.id, e.id, e.type, ${envelope}
      from e join webhook_endpoints w on w.tenant_id = e.tenant_id
     where w.tenant_id = ${tx.tenantId} and ${subscribed}`);
}

/**
 * The same for a platform job's set-based change across tenants (e.g. listings that
 * expired): every event with its deliveries in one statement, in the job's transaction.
 */
export async function emitSystemEvents(tx: Tx, events: (DomainEvent & { tenantId: string })[]): Promise<void> {
  if (events.length === 0) return;
  const records = events.map((e) => ({
    tenant_id: e.tenantId,
    type: e.type,
    actor_id: e.actorId,
    resource_type: e.resourceType,
    resource_id: e.resourceId,
    payload: e.payload,
  }));
  await tx.execute(sql`
    with e as (
      insert into events (tenant_id, type, actor_id, resource_type, resource_id, payload)
      select r.tenant_id, r.type, r.actor_id, r.resource_type, r.resource_id, r.payload
        from jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
             as r (tenant_id uuid, type text, actor_id uuid, resource_type text, resource_id uuid, payload jsonb)
      returning tenant_id, id, type, occurred_at, actor_id, resource_type, resource_id, payload
    )
    insert into webhook_deliveries (tenant_id, endpoint_id, event_id, event_type, payload)
    select e.tenant_id, w.id, e.id, e.type, ${envelope}
      from e join webhook_endpoints w on w.tenant_id = e.tenant_id
     where ${subscribed}`);
}

export interface EventRow {
  id: string;
  txid: string;
  type: string;
  occurred_at: Date;
  actor_id: string | null;
  resource_type: string;
  resource_id: string | null;
  payload: Record<string, unknown>;
}

export interface FeedQuery {
  /** The position after the last event the consumer saw; undefined: from the start. */
  after?: { txid: string; id: string };
  /** Exact types and prefixes (`listing.` for `listing.*`); undefined: every type. */
  types?: { exact: string[]; prefixes: string[] };
  limit: number;
}

/**
 * A page of the tenant's feed in (txid, id) order, only from transactions older than
 * the oldest one still in flight: every such transaction has finished, so no event can
 * later appear before the last one served (see docs/integrations.md, "The feed").
 */
export function readFeed(tx: TenantTx, query: FeedQuery): Promise<EventRow[]> {
  const after = query.after ? sql`and (txid, id) > (${query.after.txid}::xid8, ${query.after.id}::uuid)` : sql``;
  const types = query.types
    ? sql`and (type = any(${`{${query.types.exact.join(',')}}`}::text[])
               or exists (select 1 from unnest(${`{${query.types.prefixes.join(',')}}`}::text[]) p where starts_with(type, p)))`
    : sql``;
  // ORDER BY names the table's columns: a bare `txid` would be the text output column
  // (lexical order: '10' < '9'), sorted in full instead of read in index order.
  return rows<EventRow>(
    tx,
    sql`select id, txid::text as txid, type, occurred_at, actor_id, resource_type, resource_id, payload
          from events
         where tenant_id = ${tx.tenantId} and txid < pg_snapshot_xmin(pg_current_snapshot()) ${after} ${types}
         order by events.txid, events.id limit ${query.limit}`,
  );
}
