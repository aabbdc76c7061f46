-- The column a table is range-partitioned on (created_at for audit_logs and activities,
-- occurred_at for events), from the catalogue; null when it is not partitioned on one column.
create or replace function mono.partition_key_column(parent regclass) returns text
language sql stable as $$
  select a.attname::text
    from pg_partitioned_table p join pg_attribute a on a.attrelid = p.partrelid and a.attnum = p.partattrs[0]
   where p.partrelid = parent and p.partnatts = 1
$$;

-- Create the monthly partitions of `parent` from this month (or from_month) to
-- `months_ahead` months ahead. Rows that landed in the DEFAULT partition for a month that
-- gets its own partition are moved into it in the same transaction, so nothing is ever
-- lost. Works on any table partitioned by range on one time column (its partition key,
-- read from the catalogue). Returns the names of the partitions it created.
create or replace function mono.ensure_monthly_partitions(parent regclass, months_ahead int default 3, from_month date default null)
returns setof text language plpgsql as $$
declare
  base_name text := (select relname from pg_class where oid = parent);
  key_column text := mono.partition_key_column(parent);
  default_part regclass := (select i.inhrelid::regclass from pg_inherits i
                              join pg_partitioned_table p on p.partrelid = i.inhparent
                             where i.inhparent = parent and p.partdefid = i.inhrelid);
  first_month date := coalesce(from_month, date_trunc('month', now())::date);
  month_start date;
  month_end date;
  part_name text;
begin
  if months_ahead < 0 or months_ahead > 120 then
    raise exception 'months_ahead must be between 0 and 120, got %', months_ahead using errcode = 'invalid_parameter_value';
  end if;
  if key_column is null then
    raise exception '% is not partitioned by range on one column', parent using errcode = 'invalid_parameter_value';
  end if;
  perform pg_advisory_xact_lock(hashtext('mono.partitions'), parent::oid::int);
  -- On Citus the ATTACH distributes the new table (shards on every worker); Citus refuses it
  -- after a multi-shard statement in parallel mode (the move out of the DEFAULT partition)
  -- in the same transaction, so this transaction's multi-shard statements run sequentially.
  if exists (select 1 from pg_extension where extname = 'citus') then
    perform set_config('citus.multi_shard_modify_mode', 'sequential', true);
  end if;
  for i in 0 .. months_ahead loop
    month_start := (first_month + make_interval(months => i))::date;
    month_end := (month_start + interval '1 month')::date;
    part_name := format('%s_p%s', base_name, to_char(month_start, 'YYYY_MM'));
    continue when to_regclass(part_name) is not null;

    execute format('create table %I (like %s including defaults including constraints)', part_name, parent);
    if default_part is not null then
      execute format('with moved as (delete from %s where %I >= %L and %I < %L returning *)
                      insert into %I select * from moved', default_part, key_column, month_start, key_column, month_end, part_name);
    end if;
    execute format('alter table %s attach partition %I for values from (%L) to (%L)', parent, part_name, month_start, month_end);
    perform mono.secure_partition(part_name::regclass);
    return next part_name;
  end loop;
end $$;
