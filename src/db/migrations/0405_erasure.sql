-- Right to erasure (`mono user erase`, the tenant-admin erasure route).
--
-- Where a person's data lives is declared as rules, one per table and column that points
-- at them; a module that adds personal data adds its rule in its own migration:
--   insert into mono.erasure_rules (table_name, match_column, match_kind, action, assignments, identifying_columns, position)
--   values ('public.my_table', 'user_id', 'user', 'delete', null, '{}', 75);
-- match_kind   'user': the column holds the person's user id; 'email': one of their
--              e-mail addresses (current or former, as the audit trail knows them)
-- action       'delete' the rows, or 'update' them with `assignments` (a SET list)
-- identifying_columns  values that identify the person (name, e-mail, phone): every
--              audit entry of the tenant that mentions one of them is erased too.
create table mono.erasure_rules (
  table_name text not null,
  match_column text not null,
  match_kind text not null check (match_kind in ('user', 'email')),
  action text not null check (action in ('delete', 'update')),
  assignments text check ((action = 'update') = (assignments is not null)),
  identifying_columns text[] not null default '{}',
  position integer not null,
  primary key (table_name, match_column)
);

insert into mono.erasure_rules (table_name, match_column, match_kind, action, assignments, identifying_columns, position) values
  ('public.user_recovery_codes', 'user_id', 'user', 'delete', null, '{}', 10),
  ('public.one_time_tokens', 'user_id', 'user', 'delete', null, '{}', 20),
  ('public.sessions', 'user_id', 'user', 'delete', null, '{}', 30),
  ('public.availabilities', 'user_id', 'user', 'delete', null, '{}', 40),
  ('public.messages', 'sender_id', 'user', 'update', $$body = '[erased]', attachments = '{}'$$, '{}', 50),
  ('public.applications', 'applicant_id', 'user', 'update', 'cover_letter = null, answers = null', '{}', 60),
  ('public.mail_outbox', 'to_email', 'email', 'delete', null, '{}', 70),
  ('public.user_profiles', 'user_id', 'user', 'delete', null, '{display_name,phone}', 100),
  ('public.users', 'id', 'user', 'update',
   $$email = 'erased-' || id || '@erased.invalid', username = null, hashed_password = null,
     two_factor_enabled = false, two_factor_secret = null, email_verified = false, email_verified_at = null,
     last_login_at = null, deactivated_at = coalesce(deactivated_at, now()), deleted_at = coalesce(deleted_at, now())$$,
   '{email,username}', 1000);

-- What erasure leaves of an audit entry's values: the same keys (the entry still says
-- *what* changed), every value that was not null replaced by "[erased]".
create or replace function mono.audit_erase_values(vals jsonb) returns jsonb
language sql immutable parallel safe as $$
  select case when vals is null then null
              else coalesce((select jsonb_object_agg(e.key, case when e.value = 'null'::jsonb then e.value else '"[erased]"'::jsonb end)
                               from jsonb_each(vals) e), '{}'::jsonb) end
$$;

-- A case-insensitive regular expression that finds `needle` as a whole word (or words):
-- "Max" finds "ask Max" but not "maximum".
create or replace function mono.whole_word_pattern(needle text) returns text
language sql immutable parallel safe as $$
  select case when needle ~ '^\w' then '\m' else '' end
      || regexp_replace(needle, '([.^$*+?(){}|\\\[\]])', '\\\1', 'g')
      || case when needle ~ '\w$' then '\M' else '' end
$$;

-- The text-like columns of the tenant-owned tables (audit_logs aside): where other
-- records may mention a person.
create or replace function mono.tenant_text_columns() returns table (rel text, col text, type text)
language sql stable set search_path = pg_catalog, public as $$
  select c.oid::regclass::text, a.attname::text, format_type(a.atttypid, a.atttypmod)
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
   where c.relkind in ('r', 'p') and not c.relispartition and c.relname <> 'audit_logs'
     and a.atttypid in ('text'::regtype, 'varchar'::regtype, 'jsonb'::regtype, 'text[]'::regtype)
     and a.attname <> 'tenant_id'
     and exists (select 1 from pg_attribute tc where tc.attrelid = c.oid and tc.attname = 'tenant_id' and not tc.attisdropped)
   order by 1, 2
$$;

-- Erases one person of the CURRENT tenant (app.tenant_id; never a parameter, so a
-- tenant-admin request can only erase in its own tenant) and returns what it did, or
-- null when the tenant has no such user.
--
-- SECURITY DEFINER because the runtime roles may not change audit_logs. It runs as the
-- owner, which bypasses RLS, so every statement names the tenant explicitly.
--
-- 1. Collects what belongs to the person: their rows in every rule's table, the rows the
--    audit trail says were ever theirs, and every identifying value they ever had
--    (current and former e-mail addresses, names, phone numbers, user names).
-- 2. Applies the rules (delete / anonymise).
-- 3. Redacts the person's unambiguous identifiers — an e-mail address, a phone number, a
--    name of two or more words — where other records mention them (someone else's
--    description, a mail sent to an administrator): replaced by "[erased]", as whole
--    words. A column whose rules refuse the new text is left alone and reported.
-- 4. Fires the deferred audit triggers now (SET CONSTRAINTS … IMMEDIATE), so the entries
--    that steps 2 and 3 cause exist before step 5 instead of appearing at commit with
--    the old values in them.
-- 5. Erases the values of every audit entry about the person's rows or mentioning any of
--    their identifying values (keys stay, values become "[erased]", IP/user agent go,
--    erased_at is set), and the IP address and user agent of every entry the person
--    caused. values_digest and hash stay untouched, so the chain still verifies
--    (decision 3).
-- 6. Reports what still mentions the person: ambiguous single words (a user name, a
--    one-word name could be someone else's) are not rewritten automatically, an
--    administrator decides.
create or replace function mono.erase_user(p_user uuid) returns jsonb
language plpgsql security definer set search_path = pg_catalog, public as $$
declare
  t uuid := mono.current_tenant_id();
  rule record;
  col record;
  rel text;
  found_values text[];
  keys text[] := '{}';
  emails text[];
  needles text[];
  every_word text;
  unambiguous text;
  counts jsonb := '{}';
  mentions jsonb := '[]';
  n bigint;
  erased_entries bigint;
  actor_entries bigint;
begin
  if t is null then
    raise exception 'erasing a person needs a tenant (app.tenant_id is not set)' using errcode = 'invalid_parameter_value';
  end if;
  perform 1 from public.users where tenant_id = t and id = p_user for update;
  if not found then
    return null;
  end if;

  -- 1. What belongs to the person, now and in the past.
  for rule in select * from mono.erasure_rules where match_kind = 'user' order by position loop
    rel := (select c.relname::text from pg_class c where c.oid = rule.table_name::regclass);
    execute format('select coalesce(array_agg(id::text), ''{}'') from %s where tenant_id = $1 and %I = $2', rule.table_name, rule.match_column)
      into found_values using t, p_user;
    keys := keys || array(select rel || ':' || x from unnest(found_values) x)
                 || array(select distinct rel || ':' || a.resource_id from public.audit_logs a
                           where a.tenant_id = t and a.resource = rel
                             and p_user::text in (a.old_values ->> rule.match_column, a.new_values ->> rule.match_column));
  end loop;

  emails := array(
    select email from public.users where tenant_id = t and id = p_user
    union
    select v.value from public.audit_logs a, lateral (
      select value from jsonb_each_text(coalesce(a.old_values, '{}')) where key = 'email'
      union select value from jsonb_each_text(coalesce(a.new_values, '{}')) where key = 'email') v
     where a.tenant_id = t and a.resource = 'users' and a.resource_id = p_user::text);

  needles := emails;
  for rule in select * from mono.erasure_rules where match_kind = 'user' and cardinality(identifying_columns) > 0 loop
    rel := (select c.relname::text from pg_class c where c.oid = rule.table_name::regclass);
    execute format('select coalesce(array_agg(v), ''{}'') from %s, unnest(array[%s]) v where tenant_id = $1 and %I = $2',
                   rule.table_name, (select string_agg(format('%I::text', c), ', ') from unnest(rule.identifying_columns) c), rule.match_column)
      into found_values using t, p_user;
    needles := needles || found_values || array(
      select v.value from public.audit_logs a, lateral (
        select key, value from jsonb_each_text(coalesce(a.old_values, '{}'))
        union select key, value from jsonb_each_text(coalesce(a.new_values, '{}'))) v
       where a.tenant_id = t and a.resource = rel and (rel || ':' || a.resource_id) = any (keys)
         and v.key = any (rule.identifying_columns));
  end loop;
  needles := array(select distinct btrim(x) from unnest(needles) x
                    where length(btrim(x)) >= 3 and x not in ('[erased]', '[redacted]'));
  -- One whole-word pattern for all values, each as it reads in text and inside JSON.
  every_word := (select string_agg(distinct mono.whole_word_pattern(v), '|') from unnest(needles) x,
                   unnest(array[x, substr(to_jsonb(x)::text, 2, length(to_jsonb(x)::text) - 2)]) v);
  unambiguous := (select string_agg(distinct mono.whole_word_pattern(v), '|') from unnest(needles) x,
                    unnest(array[x, substr(to_jsonb(x)::text, 2, length(to_jsonb(x)::text) - 2)]) v
                   where x ~ '@' or x ~ '\S\s+\S' or x ~ '^\+?[0-9][0-9 ()./-]{5,}$');

  -- 2. Delete and anonymise.
  for rule in select * from mono.erasure_rules order by position loop
    if rule.action = 'delete' then
      execute format('delete from %s where tenant_id = $1 and %I = %s', rule.table_name, rule.match_column,
                     case rule.match_kind when 'user' then '$2' else 'any ($3)' end)
        using t, p_user, emails;
    else
      execute format('update %s set %s where tenant_id = $1 and %I = %s', rule.table_name, rule.assignments, rule.match_column,
                     case rule.match_kind when 'user' then '$2' else 'any ($3)' end)
        using t, p_user, emails;
    end if;
    get diagnostics n = row_count;
    counts := counts || jsonb_build_object(rule.table_name, coalesce((counts ->> rule.table_name)::bigint, 0) + n);
  end loop;

  -- 3. Unambiguous mentions in other records.
  if unambiguous is not null then
    for col in select * from mono.tenant_text_columns() loop
      begin
        execute format('update %s set %I = regexp_replace(%I::text, $2, ''[erased]'', ''gi'')::%s where tenant_id = $1 and %I::text ~* $2',
                       col.rel, col.col, col.col, col.type, col.col)
          using t, unambiguous;
        get diagnostics n = row_count;
        if n > 0 then
          counts := counts || jsonb_build_object(col.rel || '.' || col.col, n);
        end if;
      exception
        when serialization_failure or deadlock_detected then raise;
        when others then null; -- the column's rules refuse the redacted text: left as it is, reported in step 6
      end;
    end loop;
  end if;

  -- 4. The audit entries of all of the above, now.
  set constraints public.audit immediate;
  set constraints public.audit deferred;

  -- 5. The audit trail.
  update public.audit_logs a
     set old_values = mono.audit_erase_values(a.old_values),
         new_values = mono.audit_erase_values(a.new_values),
         ip_address = null, user_agent = null, erased_at = coalesce(a.erased_at, now())
   where a.tenant_id = t
     and ((a.resource || ':' || a.resource_id) = any (keys)
          or (every_word is not null and coalesce(a.old_values::text, '') || ' ' || coalesce(a.new_values::text, '') ~* every_word));
  get diagnostics erased_entries = row_count;

  update public.audit_logs a
     set ip_address = null, user_agent = null, erased_at = coalesce(a.erased_at, now())
   where a.tenant_id = t and a.user_id = p_user and (a.ip_address is not null or a.user_agent is not null);
  get diagnostics actor_entries = row_count;

  -- 6. What still mentions the person.
  if every_word is not null then
    for col in select * from mono.tenant_text_columns() loop
      execute format('select count(*) from %s where tenant_id = $1 and %I::text ~* $2', col.rel, col.col) into n using t, every_word;
      if n > 0 then
        mentions := mentions || jsonb_build_object('table', col.rel, 'column', col.col, 'rows', n);
      end if;
    end loop;
  end if;

  return jsonb_build_object('userId', p_user, 'rows', counts, 'auditEntriesErased', erased_entries,
                            'auditEntriesWithoutIp', actor_entries, 'mentions', mentions);
end $$;

revoke all on function mono.erase_user(uuid) from public;
grant execute on function mono.erase_user(uuid) to mono_app, mono_platform;
