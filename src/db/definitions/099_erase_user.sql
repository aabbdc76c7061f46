-- The erasure itself (0405, 0408); what it does and guarantees is described in 0405 and
-- docs/operations.md. Every audit entry it erases is sealed (migration 0960), and the
-- erasure is logged for the archive of pruned partitions (0961).
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
  -- The clock in a variable: Citus refuses now() in a COALESCE of an UPDATE.
  stamp timestamptz := now();
begin
  if t is null then
    raise exception 'erasing a person needs a tenant (app.tenant_id is not set)' using errcode = 'invalid_parameter_value';
  end if;
  perform 1 from public.users where tenant_id = t and id = p_user for update;
  if not found then
    return null;
  end if;

  subject := mono.erasure_subject(t, p_user);
  -- For the archive: the next `mono partitions prune` carries it (migration 0961).
  insert into mono.erasure_log (tenant_id, user_id, resources, value_macs)
  values (t, p_user, subject.keys, array(select mono.audit_hmac(convert_to(lower(x), 'UTF8')) from unnest(subject.needles) x))
  on conflict do nothing;
  every_word := mono.erasure_pattern(subject.needles, false);
  counts := mono.erasure_apply_rules(t, p_user, subject.emails)
         || mono.erasure_redact(t, mono.erasure_pattern(subject.needles, true));
  erased_entries := mono.erase_audit_values(t, subject.keys, every_word, '-infinity');
  update public.audit_logs a
     set ip_address = null, user_agent = null, erased_at = coalesce(a.erased_at, stamp),
         erasure_seal = mono.audit_erasure_seal(a.hash, coalesce(a.erased_at, stamp), a.old_values, a.new_values)
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

revoke all on function mono.erase_user(uuid) from public;
grant execute on function mono.erase_user(uuid) to mono_app, mono_platform;
