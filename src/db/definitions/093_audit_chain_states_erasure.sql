-- Audit chain states (0850) and audit erasure (0408) in PL/pgSQL: Citus cannot plan a
-- parameterised SQL function over a distributed table, nor now() in a COALESCE of an UPDATE.

CREATE OR REPLACE FUNCTION mono.audit_chain_states(p_tenant uuid)
 RETURNS TABLE(chain smallint, has_head boolean, last_seq bigint, last_hash bytea, anchor_seq bigint, anchor_hash bytea, max_seq bigint)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'pg_catalog', 'public'
AS $function$
#variable_conflict use_column
begin
  return query
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
   order by s.chain;
end
$function$

;

CREATE OR REPLACE FUNCTION mono.erase_audit_values(t uuid, keys text[], pattern text, since timestamp with time zone)
 RETURNS bigint
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'public'
AS $function$
declare
  stamp timestamptz := now();
  n bigint;
begin
  with erased as (
    update public.audit_logs a
       set old_values = mono.audit_erase_values(a.old_values),
           new_values = mono.audit_erase_values(a.new_values),
           ip_address = null, user_agent = null, erased_at = coalesce(a.erased_at, stamp)
     where a.tenant_id = t and a.created_at >= since
       and ((a.resource || ':' || a.resource_id) = any (keys)
            or (pattern is not null and coalesce(a.old_values::text, '') || ' ' || coalesce(a.new_values::text, '') ~* pattern))
    returning 1)
  select count(*) into n from erased;
  return n;
end
$function$

;
