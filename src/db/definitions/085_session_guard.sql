-- The check that travels with every statement of a request whose session came from an API
-- process's cache (modules/access/session-cache.ts), in the same round trip and the same
-- transaction as the request's own statements: the session is still neither revoked nor
-- expired nor idle, its user still active, its tenant still open, the addressed account
-- still there (else SQLSTATE MS401), and the tenant's authorization version is still the one
-- the cached permissions were resolved for (else MS409: the request is authenticated afresh
-- and run again, app/auth.ts). Either way the whole script fails and no row of the request's
-- statements reaches the caller. So a revocation takes effect at once in every process,
-- whatever the cache holds; the cache only saves the lookup round trip.
create or replace function mono.session_guard(p_tenant uuid, p_hash bytea, p_idle_seconds int, p_account uuid, p_version bigint) returns void
language plpgsql stable as $$
begin
  perform 1
     from sessions s
     join users u on u.tenant_id = p_tenant and u.id = s.user_id
     join tenants t on t.id = p_tenant
    where s.tenant_id = p_tenant and s.token_hash = p_hash
      and s.revoked_at is null and s.expires_at > now() and s.last_used_at > now() - make_interval(secs => p_idle_seconds)
      and u.deleted_at is null and u.deactivated_at is null
      and t.deleted_at is null and t.status::text in ('ACTIVE', 'TRIAL')
      and (p_account is null or exists (select 1 from accounts a where a.tenant_id = p_tenant and a.id = p_account and a.deleted_at is null));
  if not found then
    raise exception 'the session is no longer valid' using errcode = 'MS401';
  end if;
  if coalesce((select v.version from mono.authz_versions v where v.tenant_id = p_tenant), 1) <> p_version then
    raise exception 'the authorization version changed' using errcode = 'MS409';
  end if;
end $$;
