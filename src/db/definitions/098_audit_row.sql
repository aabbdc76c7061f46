-- The audit trigger (0001, 0015, 0850): one entry per changed row, written at commit into
-- the chain mono.audit_take_head locked. Chain version 2 (migration 0960): the values
-- digest is an HMAC under the installation's audit key, and the hash also covers the
-- entry's erased form. The logical table name comes as the trigger's third argument
-- (mono.enable_audit passes it): TG_TABLE_NAME is a shard's name on a Citus worker
-- (users_102148).
--
-- The head (migration 0970): a transaction's first entries of a chain write the head row
-- through; from the fifth on it is kept in the transaction-local setting `mono.audit_head`
-- (tenant:chain:seq:hash-hex:entries) and written once by the deferred flush (definition
-- 104), because every update of one row in one transaction leaves a version the next has
-- to walk past. An entry of another tenant first writes a kept head to its row.
create or replace function mono.audit_row() returns trigger
language plpgsql as $$
declare
  redacted text[] := case when tg_nargs > 0 and tg_argv[0] <> '' then string_to_array(tg_argv[0], ',') else '{}' end;
  resource text := tg_argv[2];
  ignored text[] := array['updated_at'] || case when tg_nargs > 1 and tg_argv[1] <> '' then string_to_array(tg_argv[1], ',') else '{}' end;
  old_row jsonb;
  new_row jsonb;
  old_vals jsonb;
  new_vals jsonb;
  key text;
  verb text;
  row_tenant uuid;
  entry_id uuid;
  entry_at timestamptz;
  actor uuid := mono.current_actor_id();
  req text := mono.setting('request_id');
  ip text := mono.setting('ip');
  ua text := mono.setting('user_agent');
  kept text[] := string_to_array(current_setting('mono.audit_head', true), ':');
  head_chain smallint;
  head_seq bigint;
  head_hash bytea;
  entries int;
  next_seq bigint;
  digest bytea;
  entry_hash bytea;
begin
  if resource is null or resource = '' then
    raise exception 'mono.audit_row needs the table''s name as its third argument (mono.enable_audit gives it)';
  end if;
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

  row_tenant := case when resource = 'tenants'
                     then (coalesce(new_row, old_row) ->> 'id')::uuid
                     else (coalesce(new_row, old_row) ->> 'tenant_id')::uuid end;

  if kept[1] = row_tenant::text then
    -- This transaction holds the chain's head since its first entry of the tenant.
    head_chain := kept[2]::smallint;
    head_seq := kept[3]::bigint;
    head_hash := decode(nullif(kept[4], ''), 'hex');
    entries := kept[5]::int;
  else
    if kept[5]::int > 4 then
      perform mono.audit_write_head(kept); -- another tenant's chain, kept unwritten so far
    end if;
    select h.chain, h.last_seq, h.last_hash into head_chain, head_seq, head_hash from mono.audit_take_head(row_tenant) h;
    entries := 0;
  end if;
  next_seq := head_seq + 1;
  -- Taken while holding the chain head: within a chain, time order is chain order.
  entry_id := mono.uuid_v7();
  entry_at := clock_timestamp();

  digest := mono.audit_values_hmac(old_vals, new_vals, ip, ua);
  entry_hash := mono.audit_entry_hash_v2(head_hash, row_tenant, next_seq, entry_id, entry_at, actor, verb,
                                         resource, coalesce(new_row, old_row) ->> 'id', req, digest,
                                         mono.audit_erased_form_digest(old_vals, new_vals));

  insert into public.audit_logs (id, tenant_id, chain, seq, chain_version, user_id, action, resource, resource_id,
                                 old_values, new_values, ip_address, user_agent, request_id,
                                 values_digest, prev_hash, hash, created_at)
  values (entry_id, row_tenant, head_chain, next_seq, 2, actor, verb, resource, coalesce(new_row, old_row) ->> 'id',
          old_vals, new_vals, ip, ua, req, digest, head_hash, entry_hash, entry_at);

  entries := entries + 1;
  if entries <= 4 then
    update mono.audit_chain_heads set last_seq = next_seq, last_hash = entry_hash
     where tenant_id = row_tenant and chain = head_chain;
  elsif entries = 5 then
    insert into mono.audit_head_flushes (tenant_id, chain) values (row_tenant, head_chain);
  end if;
  perform set_config('mono.audit_head',
                     concat_ws(':', row_tenant, head_chain, next_seq, encode(entry_hash, 'hex'), entries), true);
  return null;
end $$;
