-- HMAC-SHA256 under the installation's audit key (migration 0960). The key is never
-- stored in the database: each session of Mono gets it at connection start-up as
-- mono.audit_key, the hex of its two padded blocks (key ⊕ ipad ‖ key ⊕ opad), so this is
-- HMAC without pgcrypto. A session without it cannot write an audited row or verify.
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

revoke all on function mono.audit_hmac(bytea) from public;
grant execute on function mono.audit_hmac(bytea) to mono_app, mono_platform;
