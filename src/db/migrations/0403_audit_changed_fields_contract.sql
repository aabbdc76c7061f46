-- Worked example (docs/migrations.md), step 3b: CONTRACT — the column becomes NOT NULL.
--
-- VALIDATE scans each partition under SHARE UPDATE EXCLUSIVE (writes continue). SET NOT
-- NULL then finds a valid CHECK that already proves it and skips its own scan, so the
-- ACCESS EXCLUSIVE lock it needs is held only for a moment. The helper CHECKs go.
do $$
declare
  part regclass;
begin
  for part in select inhrelid::regclass from pg_inherits where inhparent = 'audit_logs'::regclass loop
    if exists (select 1 from pg_constraint where conrelid = part and conname = 'audit_logs_changed_fields_not_null') then
      execute format('alter table %s validate constraint audit_logs_changed_fields_not_null', part);
    end if;
  end loop;
end $$;

alter table audit_logs alter column changed_fields set not null;

do $$
declare
  part regclass;
begin
  for part in select inhrelid::regclass from pg_inherits where inhparent = 'audit_logs'::regclass loop
    execute format('alter table %s drop constraint if exists audit_logs_changed_fields_not_null', part);
  end loop;
end $$;
