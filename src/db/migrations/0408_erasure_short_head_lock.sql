-- Erasure (0405) without holding the tenant's audit chain head for long.
--
-- 0405 fired the deferred audit triggers in the middle of the erasure and then scanned
-- the tenant's whole trail and every text column: the trigger locks the chain head, and
-- that lock is held to commit, so every other commit of the tenant waited for the scans.
-- Now all the scanning and scrubbing of what already exists comes first; the triggers
-- fire last, and only the few entries they just wrote (created in this transaction, on
-- the (tenant_id, created_at) index) are scrubbed while the head is locked.
--
-- The steps become functions of their own (called by mono.erase_user only; as the owner).

-- What belongs to a person of tenant t: `keys` (resource:id of every row that is or was
-- theirs, per the rules and the audit trail), `emails` (current and former) and
-- `needles` (every value that identified them: e-mail addresses, names, phone, user name).
create or replace function mono.erasure_subject(t uuid, p_user uuid, out keys text[], out emails text[], out needles text[])
language plpgsql stable set search_path = pg_catalog, public as $$
declare
  rule record;
  rel text;
  found_values text[];
begin
  keys := '{}';
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
    select u.email from public.users u where u.tenant_id = t and u.id = p_user
    union
    select v.value from public.audit_logs a, lateral (
      select e.value from jsonb_each_text(coalesce(a.old_values, '{}')) e where e.key = 'email'
      union select e.value from jsonb_each_text(coalesce(a.new_values, '{}')) e where e.key = 'email') v
     where a.tenant_id = t and a.resource = 'users' and a.resource_id = p_user::text);

  needles := emails;
  for rule in select * from mono.erasure_rules where match_kind = 'user' and cardinality(identifying_columns) > 0 loop
    rel := (select c.relname::text from pg_class c where c.oid = rule.table_name::regclass);
    execute format('select coalesce(array_agg(v), ''{}'') from %s, unnest(array[%s]) v where tenant_id = $1 and %I = $2',
                   rule.table_name, (select string_agg(format('%I::text', c), ', ') from unnest(rule.identifying_columns) c), rule.match_column)
      into found_values using t, p_user;
    needles := needles || found_values || array(
      select v.value from public.audit_logs a, lateral (
        select e.key, e.value from jsonb_each_text(coalesce(a.old_values, '{}')) e
        union select e.key, e.value from jsonb_each_text(coalesce(a.new_values, '{}')) e) v
       where a.tenant_id = t and a.resource = rel and (rel || ':' || a.resource_id) = any (keys)
         and v.key = any (rule.identifying_columns));
  end loop;
  needles := array(select distinct btrim(x) from unnest(needles) x
                    where length(btrim(x)) >= 3 and x not in ('[erased]', '[redacted]'));
end $$;

-- One whole-word pattern for the values, each as it reads in text and inside JSON; with
-- `unambiguous`, only those that cannot be someone else's: e-mail addresses, names of two
-- or more words, phone numbers.
create or replace function mono.erasure_pattern(needles text[], unambiguous boolean) returns text
language sql immutable set search_path = pg_catalog, public as $$
  select string_agg(distinct mono.whole_word_pattern(v), '|')
    from unnest(needles) x, unnest(array[x, substr(to_jsonb(x)::text, 2, length(to_jsonb(x)::text) - 2)]) v
   where not unambiguous or x ~ '@' or x ~ '\S\s+\S' or x ~ '^\+?[0-9][0-9 ()./-]{5,}$'
$$;

-- Applies every rule (delete / anonymise); returns the rows touched per table.
create or replace function mono.erasure_apply_rules(t uuid, p_user uuid, emails text[]) returns jsonb
language plpgsql volatile set search_path = pg_catalog, public as $$
declare
  rule record;
  counts jsonb := '{}';
  n bigint;
begin
  for rule in select * from mono.erasure_rules order by position loop
    execute format(case rule.action when 'delete' then 'delete from %1$s where tenant_id = $1 and %3$I = %4$s'
                                    else 'update %1$s set %2$s where tenant_id = $1 and %3$I = %4$s' end,
                   rule.table_name, rule.assignments, rule.match_column,
                   case rule.match_kind when 'user' then '$2' else 'any ($3)' end)
      using t, p_user, emails;
    get diagnostics n = row_count;
    counts := counts || jsonb_build_object(rule.table_name, coalesce((counts ->> rule.table_name)::bigint, 0) + n);
  end loop;
  return counts;
end $$;

-- Replaces what matches `pattern` by "[erased]" in the text columns of the tenant's other
-- records; a column whose rules refuse the result is left alone (and reported later).
-- Returns the rows changed per column.
create or replace function mono.erasure_redact(t uuid, pattern text) returns jsonb
language plpgsql volatile set search_path = pg_catalog, public as $$
declare
  col record;
  counts jsonb := '{}';
  n bigint;
begin
  if pattern is null then
    return counts;
  end if;
  for col in select * from mono.tenant_text_columns() loop
    begin
      execute format('update %s set %I = regexp_replace(%I::text, $2, ''[erased]'', ''gi'')::%s where tenant_id = $1 and %I::text ~* $2',
                     col.rel, col.col, col.col, col.type, col.col)
        using t, pattern;
      get diagnostics n = row_count;
      if n > 0 then
        counts := counts || jsonb_build_object(col.rel || '.' || col.col, n);
      end if;
    exception
      when serialization_failure or deadlock_detected then raise;
      when others then null;
    end;
  end loop;
  return counts;
end $$;

-- Where the tenant's records still mention what matches `pattern`.
create or replace function mono.erasure_mentions(t uuid, pattern text) returns jsonb
language plpgsql stable set search_path = pg_catalog, public as $$
declare
  col record;
  mentions jsonb := '[]';
  n bigint;
begin
  if pattern is null then
    return mentions;
  end if;
  for col in select * from mono.tenant_text_columns() loop
    execute format('select count(*) from %s where tenant_id = $1 and %I::text ~* $2', col.rel, col.col) into n using t, pattern;
    if n > 0 then
      mentions := mentions || jsonb_build_object('table', col.rel, 'column', col.col, 'rows', n);
    end if;
  end loop;
  return mentions;
end $$;

-- Erases the values of the tenant's audit entries written at or after `since` that are
-- about one of `keys` or mention what matches `pattern`: keys stay, values become
-- "[erased]", IP address and user agent go, erased_at is set. Returns how many.
create or replace function mono.erase_audit_values(t uuid, keys text[], pattern text, since timestamptz) returns bigint
language sql volatile set search_path = pg_catalog, public as $$
  with erased as (
    update public.audit_logs a
       set old_values = mono.audit_erase_values(a.old_values),
           new_values = mono.audit_erase_values(a.new_values),
           ip_address = null, user_agent = null, erased_at = coalesce(a.erased_at, now())
     where a.tenant_id = t and a.created_at >= since
       and ((a.resource || ':' || a.resource_id) = any (keys)
            or (pattern is not null and coalesce(a.old_values::text, '') || ' ' || coalesce(a.new_values::text, '') ~* pattern))
    returning 1)
  select count(*) from erased
$$;

-- The erasure itself; what it does and guarantees is described in 0405 and
-- docs/operations.md. Same signature and result as before.
create or replace function mono.erase_user(p_user uuid) returns jsonb
language plpgsql security definer set search_path = pg_catalog, public as $$
declare
  t uuid := mono.current_tenant_id();
  subject record;
  every_word text;
  counts jsonb;
  mentions jsonb;
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

  subject := mono.erasure_subject(t, p_user);
  every_word := mono.erasure_pattern(subject.needles, false);
  counts := mono.erasure_apply_rules(t, p_user, subject.emails)
         || mono.erasure_redact(t, mono.erasure_pattern(subject.needles, true));
  erased_entries := mono.erase_audit_values(t, subject.keys, every_word, '-infinity');
  update public.audit_logs a
     set ip_address = null, user_agent = null, erased_at = coalesce(a.erased_at, now())
   where a.tenant_id = t and a.user_id = p_user and (a.ip_address is not null or a.user_agent is not null);
  get diagnostics actor_entries = row_count;
  mentions := mono.erasure_mentions(t, every_word);

  -- Last, so that the chain head (locked by the audit trigger until commit) is held only
  -- for a moment: the entries this erasure causes, written now instead of at commit with
  -- the old values in them, and erased.
  set constraints public.audit immediate;
  set constraints public.audit deferred;
  erased_entries := erased_entries + mono.erase_audit_values(t, subject.keys, every_word, now());

  return jsonb_build_object('userId', p_user, 'rows', counts, 'auditEntriesErased', erased_entries,
                            'auditEntriesWithoutIp', actor_entries, 'mentions', mentions);
end $$;

revoke all on function mono.erasure_subject(uuid, uuid) from public;
revoke all on function mono.erasure_apply_rules(uuid, uuid, text[]) from public;
revoke all on function mono.erasure_redact(uuid, text) from public;
revoke all on function mono.erasure_mentions(uuid, text) from public;
revoke all on function mono.erase_audit_values(uuid, text[], text, timestamptz) from public;
