-- Domain events partitioned by month on occurred_at, like audit_logs and activities
-- (0007): a DEFAULT partition so that no write can fail for lack of a partition, the
-- partition key in the primary key, RLS on the parent and every partition. Retention
-- then drops whole months (`mono partitions prune`, job `events.prune`; docs/operations.md)
-- instead of deleting rows one by one. Existing events are kept, with their txid: a
-- consumer's stored cursor (txid, id) goes on where it was.
--
-- The feed (readFeed) is unchanged: it orders by (txid, id) over the whole table; with
-- the partitioned index events_feed_idx every partition answers in that order and the
-- planner merges them (Merge Append), so a page that spans months is still one ordered
-- scan. The no-skip rule (only txid < pg_snapshot_xmin) does not depend on where a row
-- lives. occurred_at is the writing transaction's start (now()), so one transaction's
-- events are in one partition.
--
-- webhook_deliveries.event_id loses its foreign key: a foreign key to a partitioned table
-- must cover its whole primary key (tenant_id, id, occurred_at), and a delivery must not
-- hold back dropping its event's month. A delivery does not need the event row: it
-- carries its own copy of the payload and type. event_id stays as a reference (its index
-- too); deliveries get their own retention (created_at, same window as events).
alter table webhook_deliveries drop constraint webhook_deliveries_tenant_id_event_id_fkey;

alter table events rename to events_unpartitioned;
alter index events_pkey rename to events_unpartitioned_pkey;
alter index events_feed_idx rename to events_unpartitioned_feed_idx;

create table events (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  txid xid8 not null default pg_current_xact_id(),
  type text not null check (type ~ '^[a-z][a-z_]*(\.[a-z][a-z_]*)+$' and length(type) <= 100),
  occurred_at timestamptz not null default now(),
  actor_id uuid,
  resource_type text not null check (length(resource_type) <= 100),
  resource_id uuid,
  payload jsonb not null default '{}' check (jsonb_typeof(payload) = 'object'),
  primary key (tenant_id, id, occurred_at)
) partition by range (occurred_at);
create table events_default partition of events default;
-- The feed: a tenant's events in commit-safe order (per partition; merged across them).
create index events_feed_idx on events (tenant_id, txid, id);
select mono.enable_tenant_rls('events', 'select, insert');
select mono.secure_partition('events_default');

-- A partition for every month that has events, and this month and the next three (what
-- `mono partitions ensure` keeps), so the copy lands in monthly partitions, not DEFAULT.
do $$
declare
  first_month date := least(date_trunc('month', now()),
                            coalesce((select date_trunc('month', min(occurred_at)) from events_unpartitioned), date_trunc('month', now())))::date;
  last_month date := (date_trunc('month', now()) + interval '3 months')::date;
  month_start date := first_month;
  part_name text;
begin
  while month_start <= last_month loop
    part_name := format('events_p%s', to_char(month_start, 'YYYY_MM'));
    execute format('create table %I partition of events for values from (%L) to (%L)',
                   part_name, month_start, (month_start + interval '1 month')::date);
    perform mono.secure_partition(part_name::regclass);
    month_start := (month_start + interval '1 month')::date;
  end loop;
end $$;

insert into events (tenant_id, id, txid, type, occurred_at, actor_id, resource_type, resource_id, payload)
select tenant_id, id, txid, type, occurred_at, actor_id, resource_type, resource_id, payload from events_unpartitioned;
drop table events_unpartitioned;

-- Retention of deliveries (and their attempts, by cascade) goes by age, oldest first.
create index webhook_deliveries_created_idx on webhook_deliveries (created_at);
