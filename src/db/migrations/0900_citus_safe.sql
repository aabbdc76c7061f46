-- Constructs that Citus refuses on distributed tables, replaced by ones that work on
-- Citus, PostgreSQL and PGlite alike (#19, docs/citus.md; checked by
-- test/architecture/citus-rules.test.ts).

-- 1. RLS policies without a sub-select ("Subqueries are not supported in policies on
-- distributed tables"). The setting is read inline, not through mono.current_tenant_id():
-- a policy is re-created on every shard of every worker, where only built-in functions
-- are sure to exist. A stable expression compared with tenant_id is still an index
-- condition, evaluated once per scan.
create or replace function mono.enable_tenant_rls(tbl regclass, privileges text default 'select, insert, update, delete')
returns void language plpgsql as $$
begin
  execute format('alter table %s enable row level security', tbl);
  execute format('alter table %s force row level security', tbl);
  execute format('create policy tenant_isolation on %s for all to mono_app
                    using (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)
                    with check (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)', tbl);
  execute format('create policy platform_access on %s for all to mono_platform using (true) with check (true)', tbl);
  execute format('grant %s on %s to mono_app, mono_platform', privileges, tbl);
end $$;

do $$
declare
  p record;
  key text;
begin
  for p in
    select schemaname, tablename from pg_policies
     where policyname = 'tenant_isolation' and (coalesce(qual, '') ~* '\mselect\M' or coalesce(with_check, '') ~* '\mselect\M')
  loop
    key := case when p.schemaname = 'public' and p.tablename = 'tenants' then 'id' else 'tenant_id' end;
    execute format('alter policy tenant_isolation on %I.%I
                      using (%I = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)
                      with check (%I = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)',
                   p.schemaname, p.tablename, key, key);
  end loop;
end $$;

-- 2. Trigger functions learn their table's logical name from a trigger argument: on a
-- Citus worker TG_TABLE_NAME is the shard's name (users_102148). The audit trigger takes
-- it as its third argument, media_reference_usage and refuse_blocked_interaction as their
-- first (their new bodies are in src/db/definitions).
create or replace function mono.enable_audit(tbl regclass, redacted text default '', ignored text default '')
returns void language plpgsql as $$
declare
  all_ignored text := array_to_string(array_remove(string_to_array(ignored, ',') || mono.generated_columns(tbl), ''), ',');
begin
  execute format('create constraint trigger audit after insert or update or delete on %s
                    deferrable initially deferred for each row
                    execute function mono.audit_row(%L, %L, %L)',
                 tbl, redacted, all_ignored, (select relname from pg_class where oid = tbl));
end $$;

do $$
declare
  g record;
  def text;
  pad text;
begin
  for g in
    select t.oid, t.tgrelid, t.tgname, t.tgnargs, c.relname, p.proname
      from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
     where p.pronamespace = 'mono'::regnamespace and t.tgparentid = 0 and not t.tgisinternal
       and ((p.proname = 'audit_row' and t.tgnargs < 3)
            or (p.proname in ('media_reference_usage', 'refuse_blocked_interaction') and t.tgnargs = 0))
  loop
    def := pg_get_triggerdef(g.oid);
    -- The arguments the name follows: none for the two, redacted and ignored for the audit.
    pad := case when g.proname <> 'audit_row' then '' else repeat(''''', ', 2 - g.tgnargs) end;
    if g.tgnargs = 0 then
      def := regexp_replace(def, '\(\)$', format('(%s%L)', pad, g.relname));
    else
      def := regexp_replace(def, '\)$', format(', %s%L)', pad, g.relname));
    end if;
    execute format('drop trigger %I on %s', g.tgname, g.tgrelid::regclass);
    execute def;
  end loop;
end $$;

-- 3. No statement triggers with transition tables: the keep-an-admin rules become row
-- triggers (src/db/definitions/010_keep_a_tenant_admin.sql, 092_keep_one_account_admin.sql),
-- which fire after the statement just the same.
drop trigger if exists keep_a_tenant_admin_on_delete on user_roles;
drop trigger if exists keep_a_tenant_admin_on_update on user_roles;
drop trigger if exists keep_one_account_admin_on_delete on account_users;
drop trigger if exists keep_one_account_admin_on_update on account_users;
