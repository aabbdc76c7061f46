-- Idempotent writes (issue 15, item 6). A request with an `Idempotency-Key` header
-- claims (tenant, principal, key) by inserting its row before doing the work; the
-- unique constraint decides between concurrent twins. The winner stores its response
-- (status, content type, body) when it is sent; a retry with the same request hash gets
-- that response again, one with another hash is refused. status null = in progress.
-- principal_id is the user or the API key that asked (no foreign key: either table).
-- Rows expire after 24 h (expires_at); the idempotency.cleanup job deletes them.
create table idempotency_keys (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  principal_id uuid not null,
  key text not null check (length(key) between 1 and 255),
  request_hash bytea not null check (length(request_hash) = 32),
  status integer check (status between 100 and 599),
  content_type text,
  body text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  primary key (tenant_id, id),
  constraint idempotency_keys_key unique (tenant_id, principal_id, key)
);
create index idempotency_keys_expires_idx on idempotency_keys (expires_at);
select mono.enable_tenant_rls('idempotency_keys');

-- Stored responses may hold the person's data: erasure deletes their keys.
insert into mono.erasure_rules (table_name, match_column, match_kind, action, assignments, identifying_columns, position) values
  ('public.idempotency_keys', 'principal_id', 'user', 'delete', null, '{}', 36);
