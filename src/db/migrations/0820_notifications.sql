-- In-app notifications and notification preferences (issue 14, items 5 and 6).
--
-- A notification is written in the transaction of the change that caused it (the use
-- case calls the notifications module's notify), for every recipient at once: one
-- INSERT … SELECT over the recipients, filtered by their preferences. It belongs to one
-- person of one tenant; they read it, mark it read, and the live stream (GET
-- /api/v1/user/events) resumes from its id (UUIDv7: ordered by time of writing).
create table notifications (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  user_id uuid not null,
  kind text not null check (kind ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_-]+)+$'),
  title text not null check (length(title) between 1 and 300),
  body text not null default '' check (length(body) <= 2000),
  -- Where the notice leads in the client: a path of the console ('/console/…').
  link text check (link ~ '^/' and length(link) <= 1000),
  resource_type text check (resource_type ~ '^[a-z][a-z_]*$'),
  resource_id uuid,
  read_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
-- A person's list, newest first (also the SSE resume), and their unread count.
create index notifications_user_idx on notifications (tenant_id, user_id, id);
create index notifications_unread_idx on notifications (tenant_id, user_id) where read_at is null;
select mono.enable_tenant_rls('notifications');

-- A person's choice per kind of notice: e-mail and in-app on or off. No row: both on.
-- Security notices (kind 'security.*') cannot be turned off: the check refuses it.
create table notification_preferences (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  user_id uuid not null,
  kind text not null check (kind ~ '^[a-z][a-z0-9_]*$'),
  email boolean not null default true,
  in_app boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade,
  constraint notification_preferences_key unique (tenant_id, user_id, kind),
  constraint notification_preferences_security check (kind <> 'security' or (email and in_app))
);
select mono.enable_tenant_rls('notification_preferences');
select mono.enable_touch('notification_preferences');
select mono.enable_audit('notification_preferences');

-- Erasing a person removes their notices and choices.
insert into mono.erasure_rules (table_name, match_column, match_kind, action, assignments, identifying_columns, position) values
  ('public.notifications', 'user_id', 'user', 'delete', null, '{}', 35),
  ('public.notification_preferences', 'user_id', 'user', 'delete', null, '{}', 36);
