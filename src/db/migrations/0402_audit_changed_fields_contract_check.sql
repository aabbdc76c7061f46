-- Worked example (docs/migrations.md), step 3a: CONTRACT — prove the backfill is done.
--
-- Refuses to go on while many rows still lack changed_fields: on a large database run
-- `mono backfill audit-changed-fields` first, then `mono migrate` again. A small
-- remainder (a development database, rows written by old code between backfill and
-- deploy) is filled here.
--
-- Then a CHECK (changed_fields is not null) NOT VALID on every partition: adding it is a
-- catalog change (no scan); 0403 validates it and turns it into NOT NULL. Two files, so
-- the brief ACCESS EXCLUSIVE lock taken here is released before 0403's long scan, which
-- only needs SHARE UPDATE EXCLUSIVE (reads and writes go on meanwhile).
do $$
declare
  remaining bigint;
  part regclass;
begin
  select count(*) into remaining from (select 1 from audit_logs where changed_fields is null limit 10001) missing;
  if remaining > 10000 then
    raise exception 'audit_logs still has more than 10000 entries without changed_fields; run `mono backfill audit-changed-fields`, then `mono migrate` again'
      using errcode = 'object_not_in_prerequisite_state';
  end if;
  update audit_logs set changed_fields = mono.audit_changed_fields(old_values, new_values) where changed_fields is null;

  for part in select inhrelid::regclass from pg_inherits where inhparent = 'audit_logs'::regclass loop
    execute format('alter table %s add constraint audit_logs_changed_fields_not_null check (changed_fields is not null) not valid', part);
  end loop;
end $$;
