-- Joining an account needs the person's consent. Membership gives an account's
-- managers authority over the member's bookings and calendar, so account admins can
-- only invite (by e-mail address); the person accepts, with a verified address.
-- Tenant administrators may still add members directly.

create table account_invitations (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  account_id uuid not null,
  email text not null check (email = lower(email) and length(email) <= 254 and email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
  role text not null check (role in ('admin', 'member', 'viewer')),
  invited_by uuid,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '14 days',
  primary key (tenant_id, id),
  constraint account_invitations_key unique (tenant_id, account_id, email),
  foreign key (tenant_id, account_id) references accounts (tenant_id, id) on delete cascade,
  foreign key (tenant_id, invited_by) references users (tenant_id, id),
  constraint account_invitations_expiry check (expires_at > created_at)
);
create index account_invitations_email_idx on account_invitations (tenant_id, email);
create index account_invitations_invited_by_idx on account_invitations (tenant_id, invited_by) where invited_by is not null;
select mono.enable_tenant_rls('account_invitations');
select mono.enable_audit('account_invitations');
