-- Whether this session runs on a Citus worker (a shard's trigger fired there), not on the
-- coordinator or a database without Citus. Triggers that NOTIFY stay silent on a worker:
-- PostgreSQL refuses NOTIFY in the two-phase commit of a multi-node write, and the API
-- processes listen on the coordinator (docs/citus.md: the signal from workers is open).
create or replace function mono.on_citus_worker() returns boolean
language plpgsql stable as $$
declare
  node_group int := 0;
begin
  if to_regclass('pg_catalog.pg_dist_local_group') is not null then
    execute 'select groupid from pg_catalog.pg_dist_local_group' into node_group;
  end if;
  return node_group <> 0;
end $$;
