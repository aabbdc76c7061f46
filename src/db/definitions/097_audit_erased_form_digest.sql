-- What erasure would leave of an entry's values (mono.audit_erase_values: the keys, and
-- which values were null), digested. The same for an entry before and after its erasure,
-- so the hash of a version 2 entry covers it either way (migration 0960).
create or replace function mono.audit_erased_form_digest(old_values jsonb, new_values jsonb)
returns bytea language sql immutable parallel safe as $$
  select sha256(convert_to(coalesce(mono.audit_erase_values(old_values)::text, '') || E'\x1f' ||
                           coalesce(mono.audit_erase_values(new_values)::text, ''), 'UTF8'))
$$;
