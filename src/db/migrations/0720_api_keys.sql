-- API keys (issue 15, item 5): machine credentials of a tenant or of one account.
--
-- A key is `mkey_` + base64url(tenant uuid ‖ 32 random bytes) (access/tokens.ts), shown
-- once; only SHA-256(key) is stored. Its permissions are an explicit list of grant
-- patterns (`permissions`) and deny patterns (`denied`) of the permission engine; at
-- every request they are intersected with what the key's creator holds at that moment,
-- so a key never outlives or outranks its creator's authority. An account key
-- (account_id set) holds only account.* patterns, valid in that account alone.
--
-- Every request with a key reads its row (revocation and expiry act on the next
-- request, in every process) and counts in api_key_usage, one row per key: the current
-- one-minute window of the rate limit and the last use. The counter lives apart from
-- api_keys so that neither the audit trail nor updated_at see a write per request.
create table api_keys (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  account_id uuid,
  created_by uuid not null,
  name text not null check (length(name) between 1 and 100),
  token_hash bytea not null check (length(token_hash) = 32),
  -- The last four characters of the key, to tell keys apart in lists.
  hint text not null check (length(hint) = 4),
  permissions text[] not null check (cardinality(permissions) between 1 and 500),
  denied text[] not null default '{}' check (cardinality(denied) <= 500),
  rate_limit_per_minute integer not null check (rate_limit_per_minute between 1 and 100000),
  expires_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint api_keys_token_key unique (tenant_id, token_hash),
  foreign key (tenant_id, account_id) references accounts (tenant_id, id) on delete cascade,
  foreign key (tenant_id, created_by) references users (tenant_id, id) on delete cascade,
  constraint api_keys_expiry check (expires_at is null or expires_at > created_at)
);
create index api_keys_account_idx on api_keys (tenant_id, account_id, id desc);
create index api_keys_created_by_idx on api_keys (tenant_id, created_by);
select mono.enable_tenant_rls('api_keys');
select mono.enable_touch('api_keys');
select mono.enable_audit('api_keys', 'token_hash');

create table api_key_usage (
  tenant_id uuid not null,
  api_key_id uuid not null,
  window_start timestamptz not null,
  requests integer not null check (requests >= 0),
  last_used_at timestamptz not null,
  primary key (tenant_id, api_key_id),
  foreign key (tenant_id, api_key_id) references api_keys (tenant_id, id) on delete cascade
);
select mono.enable_tenant_rls('api_key_usage');

-- The audit trail names the key a change was made with: the actor (user_id) is the key's
-- creator, api_key_id the key. Filled from the transaction setting app.api_key_id (set by
-- withTenant from ctx.actor.apiKeyId) by a BEFORE INSERT trigger, like changed_fields
-- (0401), so the audit trigger and its hash chain stay as they are.
alter table audit_logs add column api_key_id uuid;

create or replace function mono.audit_fill_api_key() returns trigger
language plpgsql as $$
begin
  new.api_key_id := nullif(current_setting('app.api_key_id', true), '')::uuid;
  return new;
end $$;

create trigger fill_api_key before insert on audit_logs
  for each row execute function mono.audit_fill_api_key();

-- Erasing a person removes the keys they created (and, by cascade, their usage).
insert into mono.erasure_rules (table_name, match_column, match_kind, action, assignments, identifying_columns, position) values
  ('public.api_keys', 'created_by', 'user', 'delete', null, '{}', 35);
