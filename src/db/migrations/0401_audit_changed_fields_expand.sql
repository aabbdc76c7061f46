-- Worked example of expand → backfill → contract (docs/migrations.md), step 1: EXPAND.
--
-- audit_logs gets `changed_fields`: the sorted names of the columns an entry is about
-- (the keys of old_values and new_values). It lets the audit API filter by field ("who
-- changed the price?") without unpacking JSON, and it survives erasure (keys stay).
--
-- Expand = only changes that are instant and that running code does not notice:
--   * a nullable column without a default: a catalog change, no table rewrite, no scan;
--   * a BEFORE INSERT trigger fills it for every new entry, whoever writes it (the
--     audit trigger of this version and of the previous one alike), so the set of rows
--     without it stops growing the moment this migration commits.
-- Existing rows are filled by `mono backfill audit-changed-fields` (keyset batches, one
-- transaction each, resumable). 0402/0403 then make the column NOT NULL (contract).

alter table audit_logs add column changed_fields text[];

create or replace function mono.audit_changed_fields(old_values jsonb, new_values jsonb) returns text[]
language sql immutable parallel safe as $$
  select coalesce(array_agg(k order by k), '{}')
    from (select jsonb_object_keys(coalesce(old_values, '{}'::jsonb)) union
          select jsonb_object_keys(coalesce(new_values, '{}'::jsonb))) as keys(k)
$$;

create or replace function mono.audit_fill_changed_fields() returns trigger
language plpgsql as $$
begin
  new.changed_fields := mono.audit_changed_fields(new.old_values, new.new_values);
  return new;
end $$;

-- On the partitioned table: cloned to every partition, also to those attached later.
create trigger fill_changed_fields before insert on audit_logs
  for each row execute function mono.audit_fill_changed_fields();
