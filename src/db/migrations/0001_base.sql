-- Base: extensions, the two runtime roles, the `mono` schema of internal helpers.
--
-- Roles
--   mono_app       every tenant request runs as this role (SET LOCAL ROLE inside the
--                  transaction). It owns nothing and cannot bypass RLS, so the
--                  tenant_isolation policies are the last line of defence even when the
--                  connection itself is a superuser.
--   mono_platform  the one explicit cross-tenant path (platform operators, the CLI's
--                  platform commands). Policies grant it every row on purpose.

create extension if not exists btree_gist;
create extension if not exists pg_trgm;

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'mono_app') then
    create role mono_app nologin nosuperuser nocreatedb nocreaterole noinherit nobypassrls;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'mono_platform') then
    create role mono_platform nologin nosuperuser nocreatedb nocreaterole noinherit nobypassrls;
  end if;
end $$;

-- The connecting (migrating) user must be able to SET ROLE to both runtime roles.
grant mono_app to current_user;
grant mono_platform to current_user;

create schema if not exists mono;
grant usage on schema mono to mono_app, mono_platform;
grant usage on schema public to mono_app, mono_platform;

-- UUIDv7 in SQL (PostgreSQL 15 has no uuidv7()): 48-bit millisecond timestamp, then
-- random bits, version 7, RFC 4122 variant. Time-ordered keys keep b-tree inserts local.
create or replace function mono.uuid_v7() returns uuid
language sql volatile parallel safe as $$
  select encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
              placing substring(int8send((extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
              from 1 for 6),
      52, 1), 53, 1), 'hex')::uuid
$$;

-- Transaction settings written by withTenant()/withPlatform(). An unset or reset
-- setting reads as '' (not NULL) once it has been used in the session, hence nullif.
create or replace function mono.current_tenant_id() returns uuid
language sql stable parallel safe as $$
  select nullif(current_setting('app.tenant_id', true), '')::uuid
$$;

create or replace function mono.current_actor_id() returns uuid
language sql stable parallel safe as $$
  select nullif(current_setting('app.actor_id', true), '')::uuid
$$;

create or replace function mono.setting(name text) returns text
language sql stable parallel safe as $$
  select nullif(current_setting('app.' || name, true), '')
$$;

-- Well-formedness rules shared by CHECK constraints.
create or replace function mono.is_identifier(value text) returns boolean
language sql immutable parallel safe as $$
  select value ~ '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$'
$$;

create or replace function mono.is_slug(value text) returns boolean
language sql immutable parallel safe as $$
  select value ~ '^[a-z0-9]+(?:-[a-z0-9]+)*$' and length(value) <= 200
$$;

create or replace function mono.is_hhmm(value text) returns boolean
language sql immutable parallel safe as $$
  select value ~ '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$' or value = '24:00'
$$;

-- An IANA zone name known to the server ('Europe/Vienna', 'UTC'). Declared immutable so
-- CHECK constraints may use it; the zone database only ever grows.
create or replace function mono.is_timezone(value text) returns boolean
language plpgsql immutable parallel safe as $$
begin
  if value is null or value !~ '^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*$' then
    return false;
  end if;
  perform now() at time zone value;
  return true;
exception when others then
  return false;
end $$;

-- array_to_string is only STABLE; generated tsvector columns need an immutable form.
create or replace function mono.text_array_to_string(value text[]) returns text
language sql immutable parallel safe as $$
  select coalesce(array_to_string(value, ' '), '')
$$;

-- updated_at maintenance. Trigger arguments name bookkeeping columns (counters,
-- last-used stamps) whose change alone does not count as an update of the row.
create or replace function mono.touch_updated_at() returns trigger
language plpgsql as $$
begin
  if tg_nargs > 0
     and (to_jsonb(new) - tg_argv::text[] - 'updated_at') = (to_jsonb(old) - tg_argv::text[] - 'updated_at') then
    return new;
  end if;
  new.updated_at := now();
  return new;
end $$;

-- ---------------------------------------------------------------------------------
-- Audit trail with a per-tenant hash chain.
--
-- Audit rows are written by a DEFERRED constraint trigger, i.e. at COMMIT: the chain
-- head of the tenant is locked last in every transaction, so the chain serialises
-- committers for a moment without ever taking part in a deadlock, and a rolled-back
-- change leaves no audit row.
--
-- entry hash = sha256(prev_hash || entry metadata || values_digest), where
-- values_digest = sha256(old values, new values, ip, user agent). Personal data lives
-- only inside values_digest's inputs, so erasure can blank those inputs and keep the
-- chain verifiable (the stored digest still links the entry).
-- ---------------------------------------------------------------------------------
create table mono.audit_chain_heads (
  tenant_id uuid primary key,
  last_seq bigint not null default 0,
  last_hash bytea
);

create or replace function mono.audit_values_digest(old_values jsonb, new_values jsonb, ip_address text, user_agent text)
returns bytea language sql immutable parallel safe as $$
  select sha256(convert_to(
    coalesce(old_values::text, '') || E'\x1f' || coalesce(new_values::text, '') || E'\x1f' ||
    coalesce(ip_address, '') || E'\x1f' || coalesce(user_agent, ''), 'UTF8'))
$$;

create or replace function mono.audit_entry_hash(
  prev_hash bytea, tenant_id uuid, seq bigint, id uuid, created_at timestamptz, user_id uuid,
  action text, resource text, resource_id text, request_id text, values_digest bytea)
returns bytea language sql immutable parallel safe as $$
  select sha256(coalesce(prev_hash, '\x'::bytea) || convert_to(concat_ws(E'\x1f',
    tenant_id::text, seq::text, id::text,
    ((extract(epoch from created_at) * 1000000)::bigint)::text,
    coalesce(user_id::text, ''), action, resource, resource_id, coalesce(request_id, '')), 'UTF8')
    || values_digest)
$$;

create or replace function mono.audit_row() returns trigger
language plpgsql as $$
declare
  redacted text[] := case when tg_nargs > 0 and tg_argv[0] <> '' then string_to_array(tg_argv[0], ',') else '{}' end;
  ignored text[] := array['updated_at'] || case when tg_nargs > 1 and tg_argv[1] <> '' then string_to_array(tg_argv[1], ',') else '{}' end;
  old_row jsonb;
  new_row jsonb;
  old_vals jsonb;
  new_vals jsonb;
  key text;
  verb text;
  row_tenant uuid;
  entry_id uuid := mono.uuid_v7();
  entry_at timestamptz := clock_timestamp();
  actor uuid := mono.current_actor_id();
  req text := mono.setting('request_id');
  ip text := mono.setting('ip');
  ua text := mono.setting('user_agent');
  prev bytea;
  next_seq bigint;
  digest bytea;
  entry_hash bytea;
begin
  if tg_op in ('UPDATE', 'DELETE') then old_row := to_jsonb(old); end if;
  if tg_op in ('UPDATE', 'INSERT') then new_row := to_jsonb(new); end if;

  if tg_op = 'INSERT' then
    verb := 'create';
    new_vals := new_row - ignored;
  elsif tg_op = 'DELETE' then
    verb := 'delete';
    old_vals := old_row - ignored;
  else
    old_vals := '{}';
    new_vals := '{}';
    for key in select jsonb_object_keys(new_row) loop
      if not (key = any (ignored)) and (old_row -> key) is distinct from (new_row -> key) then
        old_vals := old_vals || jsonb_build_object(key, old_row -> key);
        new_vals := new_vals || jsonb_build_object(key, new_row -> key);
      end if;
    end loop;
    if new_vals = '{}' then
      return null; -- only bookkeeping columns changed
    end if;
    verb := case
      when new_vals ? 'deleted_at' and old_row ->> 'deleted_at' is null then 'soft_delete'
      when new_vals ? 'deleted_at' and new_row ->> 'deleted_at' is null then 'restore'
      else 'update' end;
  end if;

  foreach key in array redacted loop
    if old_vals ? key and old_vals -> key <> 'null' then old_vals := jsonb_set(old_vals, array[key], '"[redacted]"'); end if;
    if new_vals ? key and new_vals -> key <> 'null' then new_vals := jsonb_set(new_vals, array[key], '"[redacted]"'); end if;
  end loop;

  row_tenant := case when tg_table_name = 'tenants'
                     then (coalesce(new_row, old_row) ->> 'id')::uuid
                     else (coalesce(new_row, old_row) ->> 'tenant_id')::uuid end;

  select h.last_seq, h.last_hash into next_seq, prev
    from mono.audit_chain_heads h where h.tenant_id = row_tenant for update;
  if not found then
    insert into mono.audit_chain_heads (tenant_id) values (row_tenant) on conflict do nothing;
    select h.last_seq, h.last_hash into next_seq, prev
      from mono.audit_chain_heads h where h.tenant_id = row_tenant for update;
  end if;
  next_seq := next_seq + 1;

  digest := mono.audit_values_digest(old_vals, new_vals, ip, ua);
  entry_hash := mono.audit_entry_hash(prev, row_tenant, next_seq, entry_id, entry_at, actor, verb,
                                      tg_table_name, coalesce(new_row, old_row) ->> 'id', req, digest);

  insert into public.audit_logs (id, tenant_id, seq, user_id, action, resource, resource_id,
                                 old_values, new_values, ip_address, user_agent, request_id,
                                 values_digest, prev_hash, hash, created_at)
  values (entry_id, row_tenant, next_seq, actor, verb, tg_table_name, coalesce(new_row, old_row) ->> 'id',
          old_vals, new_vals, ip, ua, req, digest, prev, entry_hash, entry_at);

  update mono.audit_chain_heads set last_seq = next_seq, last_hash = entry_hash where tenant_id = row_tenant;
  return null;
end $$;

-- ---------------------------------------------------------------------------------
-- One-line helpers so every tenant-owned table gets the same guarantees.
-- ---------------------------------------------------------------------------------

-- RLS enabled and forced; mono_app sees only the current tenant, mono_platform all.
create or replace function mono.enable_tenant_rls(tbl regclass, privileges text default 'select, insert, update, delete')
returns void language plpgsql as $$
begin
  execute format('alter table %s enable row level security', tbl);
  execute format('alter table %s force row level security', tbl);
  execute format('create policy tenant_isolation on %s for all to mono_app
                    using (tenant_id = (select mono.current_tenant_id()))
                    with check (tenant_id = (select mono.current_tenant_id()))', tbl);
  execute format('create policy platform_access on %s for all to mono_platform using (true) with check (true)', tbl);
  execute format('grant %s on %s to mono_app, mono_platform', privileges, tbl);
end $$;

-- Stored generated columns of a table (search vectors, derived coordinates): derived
-- data that neither counts as a change nor belongs in the audit trail.
create or replace function mono.generated_columns(tbl regclass) returns text[]
language sql stable as $$
  select coalesce(array_agg(attname::text order by attnum), '{}')
    from pg_attribute where attrelid = tbl and attgenerated = 's' and not attisdropped
$$;

-- Audit every insert, update and delete of the table (at commit, see mono.audit_row).
create or replace function mono.enable_audit(tbl regclass, redacted text default '', ignored text default '')
returns void language plpgsql as $$
declare
  all_ignored text := array_to_string(array_remove(string_to_array(ignored, ',') || mono.generated_columns(tbl), ''), ',');
begin
  execute format('create constraint trigger audit after insert or update or delete on %s
                    deferrable initially deferred for each row
                    execute function mono.audit_row(%L, %L)', tbl, redacted, all_ignored);
end $$;

-- updated_at on every update, except when only bookkeeping columns changed. In a
-- BEFORE trigger generated columns are not computed yet, so they are always ignored.
create or replace function mono.enable_touch(tbl regclass, ignored text[] default '{}')
returns void language plpgsql as $$
declare
  all_ignored text[] := ignored || mono.generated_columns(tbl);
begin
  if cardinality(ignored) = 0 then
    execute format('create trigger touch_updated_at before update on %s for each row execute function mono.touch_updated_at()', tbl);
  else
    execute format('create trigger touch_updated_at before update on %s for each row execute function mono.touch_updated_at(%s)',
                   tbl, (select string_agg(quote_literal(c), ', ') from unnest(all_ignored) c));
  end if;
end $$;

-- The chain heads are tenant-owned too.
select mono.enable_tenant_rls('mono.audit_chain_heads', 'select, insert, update');
