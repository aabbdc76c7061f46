-- Audit chain off the commit path (decision 51): up to 8 chain heads per tenant.
--
-- Until now each tenant had one hash chain and one chain head. The deferred audit
-- trigger locks the head at commit and holds it until the commit's WAL flush, so every
-- writer of a tenant queued behind the one committing (8 concurrent writers reached 0.40
-- of their unaudited throughput). Now a tenant has chains 0..7, each a hash chain of its
-- own exactly as before (seq 1, 2, … linked by prev_hash, the same entry hash), and an
-- entry belongs to one of them (audit_logs.chain). A committing writer takes the first
-- head nobody holds (FOR UPDATE SKIP LOCKED) and keeps it for the rest of its
-- transaction; only when all eight are busy does it wait for one.
--
-- A tenant's heads are created together with its first entry (existing tenants get the
-- new ones here). A writer takes the lowest free head, so a tenant that never writes
-- concurrently has entries in chain 0 only, and the unused heads stay empty. `mono audit verify` walks every chain
-- of every tenant (each from its anchor to its head) with the same checks as before.

alter table mono.audit_chain_heads
  add column chain smallint not null default 0 check (chain >= 0 and chain < 64);
alter table mono.audit_chain_heads drop constraint audit_chain_heads_pkey;
alter table mono.audit_chain_heads add primary key (tenant_id, chain);
grant insert (tenant_id, chain) on mono.audit_chain_heads to mono_app, mono_platform;
insert into mono.audit_chain_heads (tenant_id, chain)
  select h.tenant_id, g::smallint from mono.audit_chain_heads h, generate_series(1, 7) g on conflict do nothing;

alter table audit_logs add column chain smallint not null default 0;
create index audit_logs_tenant_chain_seq_idx on audit_logs (tenant_id, chain, seq);
drop index audit_logs_tenant_seq_idx;

-- Locks a chain head of tenant t for this transaction and returns its position: the head
-- this transaction already holds, else the first free one, else (all busy) one to wait for.
create or replace function mono.audit_take_head(t uuid, out chain smallint, out last_seq bigint, out last_hash bytea)
language plpgsql as $$
declare
  heads constant int := 8;
  held text := current_setting('mono.audit_chain', true);
begin
  if held like t::text || ':%' then
    select h.chain, h.last_seq, h.last_hash into chain, last_seq, last_hash
      from mono.audit_chain_heads h where h.tenant_id = t and h.chain = split_part(held, ':', 2)::smallint for update;
    if found then
      return;
    end if;
  end if;

  select h.chain, h.last_seq, h.last_hash into chain, last_seq, last_hash
    from mono.audit_chain_heads h where h.tenant_id = t order by h.chain limit 1 for update skip locked;
  if not found then
    -- None free: every head is held by a committing writer, or the tenant has none yet.
    -- Open all of them (the first write of a tenant; before 0850 a tenant had only chain 0).
    -- Opening them together means a writer never waits for another's uncommitted new head.
    insert into mono.audit_chain_heads (tenant_id, chain)
      select t, g::smallint from generate_series(0, heads - 1) g on conflict do nothing;
    select h.chain, h.last_seq, h.last_hash into chain, last_seq, last_hash
      from mono.audit_chain_heads h where h.tenant_id = t order by h.chain limit 1 for update skip locked;
    if not found then
      -- All busy: wait for one (spread over the heads by backend).
      select h.chain, h.last_seq, h.last_hash into chain, last_seq, last_hash
        from mono.audit_chain_heads h where h.tenant_id = t and h.chain = pg_backend_pid() % heads for update;
    end if;
  end if;
  perform set_config('mono.audit_chain', t::text || ':' || chain, true);
end $$;

-- Same as 0015, except that the entry goes to the chain mono.audit_take_head locked.
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
  entry_id uuid;
  entry_at timestamptz;
  actor uuid := mono.current_actor_id();
  req text := mono.setting('request_id');
  ip text := mono.setting('ip');
  ua text := mono.setting('user_agent');
  head record;
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

  head := mono.audit_take_head(row_tenant);
  next_seq := head.last_seq + 1;
  -- Taken while holding the chain head: within a chain, time order is chain order.
  entry_id := mono.uuid_v7();
  entry_at := clock_timestamp();

  digest := mono.audit_values_digest(old_vals, new_vals, ip, ua);
  entry_hash := mono.audit_entry_hash(head.last_hash, row_tenant, next_seq, entry_id, entry_at, actor, verb,
                                      tg_table_name, coalesce(new_row, old_row) ->> 'id', req, digest);

  insert into public.audit_logs (id, tenant_id, chain, seq, user_id, action, resource, resource_id,
                                 old_values, new_values, ip_address, user_agent, request_id,
                                 values_digest, prev_hash, hash, created_at)
  values (entry_id, row_tenant, head.chain, next_seq, actor, verb, tg_table_name, coalesce(new_row, old_row) ->> 'id',
          old_vals, new_vals, ip, ua, req, digest, head.last_hash, entry_hash, entry_at);

  update mono.audit_chain_heads set last_seq = next_seq, last_hash = entry_hash
   where tenant_id = row_tenant and chain = head.chain;
  return null;
end $$;

-- Verification (0404) per chain: the same checks, on one chain of the tenant.
create or replace function mono.audit_verify_chain_batch(p_tenant uuid, p_chain smallint, after_seq bigint, prev_hash bytea, max_rows int)
returns table (checked int, last_seq bigint, last_hash bytea, problem text, problem_seq bigint)
language plpgsql stable set search_path = pg_catalog, public as $$
declare
  entry record;
  expected bigint := after_seq + 1;
  previous bytea := prev_hash;
  n int := 0;
begin
  for entry in
    select a.seq, a.prev_hash, a.hash, a.erased_at,
           a.hash = mono.audit_entry_hash(a.prev_hash, a.tenant_id, a.seq, a.id, a.created_at, a.user_id, a.action,
                                          a.resource, a.resource_id, a.request_id, a.values_digest) as hash_ok,
           case when a.erased_at is null
                then a.values_digest = mono.audit_values_digest(a.old_values, a.new_values, a.ip_address, a.user_agent)
                else a.ip_address is null and a.user_agent is null end as values_ok,
           a.changed_fields = mono.audit_changed_fields(a.old_values, a.new_values) as fields_ok
      from public.audit_logs a
     where a.tenant_id = p_tenant and a.chain = p_chain and a.seq > after_seq
     order by a.seq
     limit max_rows
  loop
    n := n + 1;
    if entry.seq < expected then
      return query select n, expected - 1, previous, format('entry seq %s appears more than once', entry.seq), entry.seq;
      return;
    elsif entry.seq > expected then
      return query select n, expected - 1, previous,
        case when entry.seq = expected + 1 then format('entry seq %s is missing', expected)
             else format('entries seq %s to %s are missing', expected, entry.seq - 1) end, expected;
      return;
    elsif entry.prev_hash is distinct from previous then
      return query select n, expected - 1, previous,
        format('entry seq %s does not link to the previous entry (prev_hash mismatch)', entry.seq), entry.seq;
      return;
    elsif not entry.hash_ok then
      return query select n, expected - 1, previous,
        format('entry seq %s was changed after it was written (hash mismatch)', entry.seq), entry.seq;
      return;
    elsif not entry.values_ok then
      return query select n, expected - 1, previous,
        case when entry.erased_at is null
             then format('the values of entry seq %s were changed after it was written (values digest mismatch)', entry.seq)
             else format('entry seq %s is marked erased but still holds an IP address or user agent', entry.seq) end, entry.seq;
      return;
    elsif not entry.fields_ok then
      return query select n, expected - 1, previous,
        format('the changed_fields of entry seq %s do not match its values', entry.seq), entry.seq;
      return;
    end if;
    previous := entry.hash;
    expected := expected + 1;
  end loop;
  return query select n, expected - 1, previous, null::text, null::bigint;
end $$;

-- Every chain of the tenant that has entries or a head that is not pristine (never used:
-- no seq, no hash, no anchor), with its head, anchor and highest seq; the chain numbers
-- of the entries are found by a skip scan of the (tenant_id, chain, seq) index. Read in
-- one statement, so a commit in between cannot make them disagree.
create or replace function mono.audit_chain_states(p_tenant uuid)
returns table (chain smallint, has_head boolean, last_seq bigint, last_hash bytea, anchor_seq bigint, anchor_hash bytea, max_seq bigint)
language sql stable set search_path = pg_catalog, public as $$
  with recursive used(chain) as (
    select min(a.chain) from public.audit_logs a where a.tenant_id = p_tenant
    union all
    select (select min(a.chain) from public.audit_logs a where a.tenant_id = p_tenant and a.chain > u.chain)
      from used u where u.chain is not null
  ), chains as (
    select u.chain from used u where u.chain is not null
    union
    select h.chain from mono.audit_chain_heads h where h.tenant_id = p_tenant
  )
  select s.* from (
    select c.chain, h.tenant_id is not null as has_head, coalesce(h.last_seq, 0) as last_seq, h.last_hash,
           coalesce(h.anchor_seq, 0) as anchor_seq, h.anchor_hash,
           (select max(a.seq) from public.audit_logs a where a.tenant_id = p_tenant and a.chain = c.chain) as max_seq
      from chains c
      left join mono.audit_chain_heads h on h.tenant_id = p_tenant and h.chain = c.chain) s
   where not (s.has_head and s.last_seq = 0 and s.last_hash is null and s.anchor_seq = 0 and s.anchor_hash is null and s.max_seq is null)
   order by s.chain
$$;

-- The single-chain versions would now mix the chains: gone.
drop function mono.audit_verify_batch(uuid, bigint, bytea, int);
drop function mono.audit_chain_state(uuid);

revoke all on function mono.audit_verify_chain_batch(uuid, smallint, bigint, bytea, int) from public;
revoke all on function mono.audit_chain_states(uuid) from public;
revoke all on function mono.audit_take_head(uuid) from public;
grant execute on function mono.audit_take_head(uuid) to mono_app, mono_platform;
