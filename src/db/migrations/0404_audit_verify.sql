-- Tamper evidence: walking a tenant's audit hash chain (see decision 3 and
-- `mono audit verify`), and the anchor that pruning leaves behind.
--
-- Anchor. `mono partitions prune` drops old monthly partitions after exporting them.
-- The entries left start in the middle of each tenant's chain, so the chain head also
-- records the last pruned entry (anchor_seq, anchor_hash): verification starts right
-- after it. The runtime roles keep exactly the privileges the audit trigger needs
-- (insert a head, advance last_seq/last_hash) and can no longer touch the anchor.
alter table mono.audit_chain_heads
  add column anchor_seq bigint not null default 0,
  add column anchor_hash bytea,
  add column anchored_at timestamptz;
revoke insert, update on mono.audit_chain_heads from mono_app, mono_platform;
grant insert (tenant_id) on mono.audit_chain_heads to mono_app, mono_platform;
grant update (last_seq, last_hash) on mono.audit_chain_heads to mono_app, mono_platform;

-- Checks at most `max_rows` entries of one tenant's chain, in seq order, starting after
-- `after_seq` whose hash was `prev_hash`. Returns how many entries it checked, where it
-- stopped (seq and hash to pass to the next call) and the first problem, if any.
--
-- Keyset batches (seq > after_seq, on audit_logs_tenant_seq_idx) keep each call short
-- and its snapshot young, however long the chain. An entry is broken when:
--   its seq is not the next one           (a deleted or an inserted entry)
--   its prev_hash is not the previous hash (an entry replaced or re-ordered)
--   its hash does not match its contents   (metadata changed: actor, action, resource…)
--   its values_digest does not match its values/ip/user agent (values changed), unless
--     the entry was erased (erased_at): its personal values are gone, so only the
--     stored digest links it (it must not hold an IP or user agent any more);
--   its changed_fields are not the keys of its values (the field filter would lie).
create or replace function mono.audit_verify_batch(p_tenant uuid, after_seq bigint, prev_hash bytea, max_rows int)
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
     where a.tenant_id = p_tenant and a.seq > after_seq
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

-- The chain head and anchor of every tenant, and whether entries exist beyond the head
-- (read in one statement, so a commit in between cannot make them disagree).
create or replace function mono.audit_chain_state(p_tenant uuid)
returns table (has_head boolean, last_seq bigint, last_hash bytea, anchor_seq bigint, anchor_hash bytea, max_seq bigint)
language sql stable set search_path = pg_catalog, public as $$
  select h.tenant_id is not null, coalesce(h.last_seq, 0), h.last_hash, coalesce(h.anchor_seq, 0), h.anchor_hash,
         (select max(a.seq) from public.audit_logs a where a.tenant_id = p_tenant)
    from (select p_tenant as tenant_id) t
    left join mono.audit_chain_heads h on h.tenant_id = t.tenant_id
$$;

revoke all on function mono.audit_verify_batch(uuid, bigint, bytea, int) from public;
revoke all on function mono.audit_chain_state(uuid) from public;
