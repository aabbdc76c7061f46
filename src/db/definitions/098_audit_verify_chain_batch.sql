-- Checks at most `max_rows` entries of one chain of a tenant, in seq order, starting
-- after `after_seq` whose hash was `prev_hash` (0404, 0850). Returns how many entries it
-- checked, where it stopped and the first problem, if any. An entry is broken when:
--   its seq is not the next one            (a deleted or an inserted entry)
--   its prev_hash is not the previous hash (an entry replaced or re-ordered)
--   its hash does not match its contents   (metadata, digest, or — chain version 2 — the
--                                           keys and nulls of its values changed)
--   not erased: its values_digest does not match its values/IP/user agent (version 2:
--     an HMAC under the audit key), or it carries an erasure seal;
--   erased (erased_at): it still holds an IP address or user agent, or its erasure seal
--     does not cover its hash, erased_at and the values it kept (migration 0960): it
--     was marked erased, or changed after its erasure, by someone without the key;
--   its changed_fields are not the keys of its values (the field filter would lie).
-- Version 2 entries and erasure seals need the audit key in the session (mono.audit_key).
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
    select a.seq, a.prev_hash, a.hash,
           a.hash = case when a.chain_version = 1
                         then mono.audit_entry_hash(a.prev_hash, a.tenant_id, a.seq, a.id, a.created_at, a.user_id, a.action,
                                                    a.resource, a.resource_id, a.request_id, a.values_digest)
                         else mono.audit_entry_hash_v2(a.prev_hash, a.tenant_id, a.seq, a.id, a.created_at, a.user_id, a.action,
                                                       a.resource, a.resource_id, a.request_id, a.values_digest,
                                                       mono.audit_erased_form_digest(a.old_values, a.new_values)) end as hash_ok,
           case
             when a.erased_at is null then
               case when a.values_digest is distinct from
                         (case when a.chain_version = 1 then mono.audit_values_digest(a.old_values, a.new_values, a.ip_address, a.user_agent)
                               else mono.audit_values_hmac(a.old_values, a.new_values, a.ip_address, a.user_agent) end)
                    then format('the values of entry seq %s were changed after it was written (values digest mismatch%s)', a.seq,
                                case when a.chain_version = 1 then '' else ', or the audit key is not the one it was written with' end)
                    when a.erasure_seal is not null
                    then format('entry seq %s carries an erasure seal but is not marked erased (erased_at was removed)', a.seq) end
             when a.ip_address is not null or a.user_agent is not null
               then format('entry seq %s is marked erased but still holds an IP address or user agent', a.seq)
             when a.erasure_seal is distinct from mono.audit_erasure_seal(a.hash, a.erased_at, a.old_values, a.new_values)
               then format('entry seq %s is marked erased, but not by Mono: its erasure seal does not match its erased_at and values', a.seq)
           end as values_problem,
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
    elsif entry.values_problem is not null then
      return query select n, expected - 1, previous, entry.values_problem, entry.seq;
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

revoke all on function mono.audit_verify_chain_batch(uuid, smallint, bigint, bytea, int) from public;
