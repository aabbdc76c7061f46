-- The audit hash chain protects erasure too (issue 13, item 14).
--
-- Until now an entry's hash covered its metadata and values_digest = sha256(values, IP,
-- user agent), and erasure blanked the values and set erased_at, which no hash covered:
-- whoever could write audit_logs could set erased_at on any entry and then put anything
-- into its values (verification no longer compared them with the digest). And the digest
-- of an erased entry confirmed a guess: sha256 of the values with the right e-mail
-- address in them equals the stored digest.
--
-- From now on (chain_version 2; every entry written before this migration is version 1
-- and verifies as before):
--   values_digest  = HMAC-SHA256(audit key, values, IP, user agent): without the
--                    installation's key (AUDIT_KEY, or DATA_DIR/audit.key) nobody can
--                    test a guess against it;
--   hash           = sha256(prev_hash ‖ "2" ‖ metadata ‖ values_digest ‖ erased form),
--                    where the erased form is the digest of what erasure would leave of
--                    the values (the keys, and which values were null): an erased entry
--                    can only ever hold exactly that;
--   erasure_seal   = HMAC(audit key, hash ‖ erased_at ‖ the values as erased), set by
--                    erasure: erased_at and the values an erased entry keeps are covered,
--                    so marking an entry erased (or moving erased_at, or editing what is
--                    left) without the key is detected by `mono audit verify`.
-- The key never rests in the database: each session of Mono gets it at connection
-- start-up (mono.audit_key; see db/client.ts), and writing an audited row without it fails.
--
-- Entries erased before this migration get their seal here, as they are now (this needs
-- the key: run by `mono migrate`, which has it). Their digests stay unkeyed: the hash
-- chain links them and cannot be recomputed; docs/operations.md says so.

alter table audit_logs add column chain_version smallint not null default 1;
alter table audit_logs add column erasure_seal bytea;

-- Needed right here for the seals; the definitions (096, 097) take over afterwards.
create or replace function mono.audit_hmac(msg bytea) returns bytea
language plpgsql stable parallel safe set search_path = pg_catalog as $$
declare
  pads bytea := decode(nullif(current_setting('mono.audit_key', true), ''), 'hex');
begin
  if pads is null or length(pads) <> 128 then
    raise exception 'the audit key is not set in this session (mono.audit_key): Mono sets it from AUDIT_KEY or DATA_DIR/audit.key'
      using errcode = 'invalid_parameter_value';
  end if;
  return sha256(substr(pads, 65, 64) || sha256(substr(pads, 1, 64) || msg));
end $$;

create or replace function mono.audit_erasure_seal(hash bytea, erased_at timestamptz, old_values jsonb, new_values jsonb)
returns bytea language sql stable parallel safe set search_path = pg_catalog as $$
  select mono.audit_hmac(convert_to('mono audit erasure' || E'\x1f', 'UTF8') || hash || convert_to(concat_ws(E'\x1f', '',
    ((extract(epoch from erased_at) * 1000000)::bigint)::text, coalesce(old_values::text, ''), coalesce(new_values::text, '')), 'UTF8'))
$$;

update audit_logs a set erasure_seal = mono.audit_erasure_seal(a.hash, a.erased_at, a.old_values, a.new_values)
 where a.erased_at is not null;
