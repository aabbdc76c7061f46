import { type SQL, sql } from 'drizzle-orm';
import { newId } from '../../core/ids';
import { commitHorizon } from '../../db/commit-horizon';
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

/** An event's columns as SQL: those of a row `e` just inserted, or the values it is inserted with. */
interface EventColumns {
  id: SQL;
  type: SQL;
  occurredAt: SQL;
  actorId: SQL;
  resourceType: SQL;
  resourceId: SQL;
  payload: SQL;
}

const insertedEvent: EventColumns = {
  id: sql`e.id`,
  type: sql`e.type`,
  occurredAt: sql`e.occurred_at`,
  actorId: sql`e.actor_id`,
  resourceType: sql`e.resource_type`,
  resourceId: sql`e.resource_id`,
  payload: sql`e.payload`,
};

/**
 * The JSON body a webhook receives for an event (the Standard Webhooks shape: type,
 * timestamp, data), built in SQL so the event and its deliveries are written together.
 */
const envelopeOf = (e: EventColumns) => sql`jsonb_build_object(
  'id', ${e.id}, 'type', ${e.type}, 'timestamp', to_char(${e.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'actorId', ${e.actorId}, 'resource', jsonb_build_object('type', ${e.resourceType}, 'id', ${e.resourceId}), 'data', ${e.payload})`;

/** The enabled endpoints `w` whose filters take events of `type`: `*`, `listing.*` or the exact type. */
const subscribedTo = (type: SQL) => sql`w.enabled and exists (select 1 from unnest(w.event_types) p
                                       where p = '*' or p = ${type} or (p like '%.*' and starts_with(${type}, left(p, -1))))`;

/**
 * Writes the event in the caller's transaction (the transactional outbox: it exists
 * exactly when the change commits) and one pending delivery for every enabled webhook
 * endpoint of the tenant whose filters match its type (`*`, `listing.*`, or the exact type).
 */
export async function emitEvent(tx: TenantTx, event: DomainEvent): Promise<void> {
  await insertEvents(tx, tx.tenantId, [event]);
}

/** Whom an event of one type goes to: the tenant's webhook endpoints that take it, read ahead (eventAudience). */
export interface EventAudience {
  type: string;
  endpoints: string[];
}

/**
 * The endpoints an event of `type` will be delivered to, read with a write's checks (its
 * first round trip), so that writeEvent can write the event and its deliveries among the
 * write's last statements (lastTrip: one round trip with COMMIT). Read in the same
 * transaction, a moment before the event instead of in its statement: an endpoint enabled,
 * disabled or created in between is a race either way.
 */
export async function eventAudience(tx: TenantTx, type: string): Promise<EventAudience> {
  const found = await rows<{ id: string }>(
    tx,
    sql`select w.id from webhook_endpoints w where w.tenant_id = ${tx.tenantId} and ${subscribedTo(sql`${type}::text`)} order by w.id`,
  );
  return { type, endpoints: found.map((w) => w.id) };
}

/**
 * emitEvent for an audience read ahead: the event (its id made here) and a pending delivery
 * to each of the endpoints, issued at once as plain VALUES inserts (routed to the tenant's
 * shard on Citus, like emitEvent's) — inside lastTrip, they travel with COMMIT. The
 * deliveries' envelope takes the event's occurred_at as now(), the default the event row gets.
 */
export async function writeEvent(tx: TenantTx, audience: EventAudience, event: Omit<DomainEvent, 'type'>): Promise<void> {
  const id = newId();
  const e: EventColumns = {
    id: sql`${id}::uuid`,
    type: sql`${audience.type}::text`,
    occurredAt: sql`now()`,
    actorId: sql`${event.actorId}::uuid`,
    resourceType: sql`${event.resourceType}::text`,
    resourceId: sql`${event.resourceId}::uuid`,
    payload: sql`${JSON.stringify(event.payload)}::jsonb`,
  };
  const statements = [
    tx.execute(
      sql`insert into events (tenant_id, id, type, actor_id, resource_type, resource_id, payload)
          values (${tx.tenantId}, ${e.id}, ${e.type}, ${e.actorId}, ${e.resourceType}, ${e.resourceId}, ${e.payload})`,
    ),
  ];
  if (audience.endpoints.length) {
    const values = audience.endpoints.map((endpoint) => sql`(${tx.tenantId}, ${endpoint}, ${e.id}, ${e.type}, ${envelopeOf(e)})`);
    statements.push(
      tx.execute(sql`insert into webhook_deliveries (tenant_id, endpoint_id, event_id, event_type, payload) values ${sql.join(values, sql`, `)}`),
    );
  }
  await Promise.all(statements);
}

/**
 * The same for a platform job's set-based change across tenants (e.g. listings that
 * expired): the events with their deliveries, tenant by tenant, in the job's transaction.
 */
export async function emitSystemEvents(tx: Tx, events: (DomainEvent & { tenantId: string })[]): Promise<void> {
  for (const tenantId of new Set(events.map((e) => e.tenantId))) {
    await insertEvents(
      tx,
      tenantId,
      events.filter((e) => e.tenantId === tenantId),
    );
  }
}

/**
 * One tenant's events and their deliveries: the events (multi-row VALUES) with, in the same
 * statement, a SELECT of the deliveries they make (the enabled endpoints that take them),
 * then those deliveries (multi-row VALUES) when there are any. Not one statement with
 * INSERT … SELECT into the deliveries: on Citus that INSERT … SELECT cannot run on the shard
 * (the deliveries' id default, mono.uuid_v7(), is volatile), so its rows would go through
 * the coordinator into the shards by COPY, which PostgreSQL refuses on a table with
 * row-level security. Both statements are routed to the tenant's shard.
 */
async function insertEvents(tx: Tx, tenantId: string, events: DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  const values = events.map((e) => sql`(${tenantId}, ${e.type}, ${e.actorId}, ${e.resourceType}, ${e.resourceId}, ${JSON.stringify(e.payload)}::jsonb)`);
  const deliveries = await rows<{ endpoint_id: string; event_id: string; type: string; payload: unknown }>(
    tx,
    sql`with e as (
          insert into events (tenant_id, type, actor_id, resource_type, resource_id, payload)
          values ${sql.join(values, sql`, `)}
          returning tenant_id, id, type, occurred_at, actor_id, resource_type, resource_id, payload)
        select w.id as endpoint_id, e.id as event_id, e.type, ${envelopeOf(insertedEvent)} as payload
          from e join webhook_endpoints w on w.tenant_id = e.tenant_id
         where w.tenant_id = ${tenantId} and ${subscribedTo(sql`e.type`)}`,
  );
  // At most 1000 rows a statement: five parameters each stay far below PostgreSQL's 65535.
  for (let i = 0; i < deliveries.length; i += 1000) {
    const rowsOf = deliveries
      .slice(i, i + 1000)
      .map((d) => sql`(${tenantId}, ${d.endpoint_id}, ${d.event_id}, ${d.type}, ${JSON.stringify(d.payload)}::jsonb)`);
    await tx.execute(sql`insert into webhook_deliveries (tenant_id, endpoint_id, event_id, event_type, payload) values ${sql.join(rowsOf, sql`, `)}`);
  }
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
export async function readFeed(tx: TenantTx, query: FeedQuery): Promise<EventRow[]> {
  const asked = commitHorizon(tx);
  const horizon = asked instanceof Promise ? await asked : asked;
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
         where tenant_id = ${tx.tenantId} and txid < ${horizon} ${after} ${types}
         order by events.txid, events.id limit ${query.limit}`,
  );
}
