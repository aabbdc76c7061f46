-- The seed's views, created security_invoker so they obey the caller's RLS.

-- Live users with their profile summary. Secrets (password hash, TOTP secret) are not
-- part of the view.
create view user_with_profile with (security_invoker = true) as
select u.tenant_id, u.id, u.email, u.username, u.email_verified, u.two_factor_enabled,
       u.last_login_at, u.login_count, u.deactivated_at, u.created_at, u.updated_at,
       p.display_name, p.avatar, p.completeness
  from users u
  left join user_profiles p on p.tenant_id = u.tenant_id and p.user_id = u.id
 where u.deleted_at is null;

-- Listings with application statistics for the owner's dashboard. total_applications
-- counts every application; listings.application_count (kept by trigger) excludes the
-- withdrawn ones, and so does active_applications here.
create view listing_with_stats with (security_invoker = true) as
select l.*,
       count(a.id) as total_applications,
       count(a.id) filter (where a.status <> 'WITHDRAWN') as active_applications,
       count(a.id) filter (where a.status = 'PENDING') as pending_applications,
       count(a.id) filter (where a.status = 'SHORTLISTED') as shortlisted_applications,
       count(a.id) filter (where a.status = 'ACCEPTED') as accepted_applications,
       max(a.created_at) as last_application_at
  from listings l
  left join applications a on a.tenant_id = l.tenant_id and a.listing_id = l.id
 group by l.tenant_id, l.id;

grant select on user_with_profile, listing_with_stats to mono_app, mono_platform;
