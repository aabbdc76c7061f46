-- Domain events (issue 15): one row per meaningful change, written by the use case in
-- the same transaction as the change (a transactional outbox), so a change that rolls
-- back leaves no event and a committed change always has one.
--
-- The feed orders events by (txid, id): txid is the writing transaction's id
-- (pg_current_xact_id(), xid8, never wraps). The feed serves only events of transactions
-- older than the oldest one still in flight (pg_snapshot_xmin of the reader's snapshot):
-- those are all finished, so no event can appear later in front of a consumer's cursor.
-- See docs/integrations.md.
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
  primary key (tenant_id, id)
);
-- The feed: a tenant's events in commit-safe order.
create index events_feed_idx on events (tenant_id, txid, id);
select mono.enable_tenant_rls('events', 'select, insert');

-- Webhook endpoints of a tenant. The secret signs deliveries (it must be readable to
-- sign, so it is stored, never shown again after creation); after a rotation the previous
-- secret keeps signing beside the new one until previous_secret_expires_at.
create table webhook_endpoints (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  url text not null check (length(url) <= 2000),
  description text not null default '' check (length(description) <= 500),
  event_types text[] not null check (cardinality(event_types) between 1 and 50),
  enabled boolean not null default true,
  secret text not null,
  previous_secret text,
  previous_secret_expires_at timestamptz,
  consecutive_failures integer not null default 0 check (consecutive_failures >= 0),
  disabled_at timestamptz,
  disabled_reason text check (length(disabled_reason) <= 500),
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
select mono.enable_tenant_rls('webhook_endpoints');
select mono.enable_touch('webhook_endpoints', '{consecutive_failures}');
select mono.enable_audit('webhook_endpoints', 'secret,previous_secret', 'consecutive_failures');

-- One event (or test message) to one endpoint. The worker claims due deliveries with
-- FOR UPDATE SKIP LOCKED; 'sending' holds a lease in next_attempt_at.
create table webhook_deliveries (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  endpoint_id uuid not null,
  event_id uuid,
  event_type text not null,
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'sending', 'succeeded', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  last_status_code integer,
  last_error text check (length(last_error) <= 2000),
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, endpoint_id) references webhook_endpoints (tenant_id, id) on delete cascade,
  foreign key (tenant_id, event_id) references events (tenant_id, id)
);
create index webhook_deliveries_endpoint_idx on webhook_deliveries (tenant_id, endpoint_id, id);
create index webhook_deliveries_event_idx on webhook_deliveries (tenant_id, event_id);
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status in ('pending', 'sending');
select mono.enable_tenant_rls('webhook_deliveries');

-- Every attempt of a delivery: HTTP status (null when no answer), duration, an excerpt
-- of the answer or the error.
create table webhook_attempts (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  delivery_id uuid not null,
  attempted_at timestamptz not null default now(),
  status_code integer,
  duration_ms integer not null check (duration_ms >= 0),
  response_excerpt text check (length(response_excerpt) <= 1000),
  error text check (length(error) <= 1000),
  primary key (tenant_id, id),
  foreign key (tenant_id, delivery_id) references webhook_deliveries (tenant_id, id) on delete cascade
);
create index webhook_attempts_delivery_idx on webhook_attempts (tenant_id, delivery_id, id);
select mono.enable_tenant_rls('webhook_attempts');
