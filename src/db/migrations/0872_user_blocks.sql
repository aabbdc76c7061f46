-- Blocks: a person blocks another; from then on there are no applications, messages or
-- bookings between the two (in either direction). Enforced by the triggers of
-- definitions/089_user_blocks.sql on every insert of those rows, whatever writes them,
-- under a per-person advisory lock that a new block takes exclusively for both people:
-- an interaction in flight when a block is made commits before the block does, and
-- none begun afterwards slips past it.
create table user_blocks (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  blocker_id uuid not null,
  blocked_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint user_blocks_key unique (tenant_id, blocker_id, blocked_id),
  constraint user_blocks_not_self check (blocker_id <> blocked_id),
  foreign key (tenant_id, blocker_id) references users (tenant_id, id) on delete cascade,
  foreign key (tenant_id, blocked_id) references users (tenant_id, id) on delete cascade
);
create index user_blocks_blocked_idx on user_blocks (tenant_id, blocked_id, blocker_id);
select mono.enable_tenant_rls('user_blocks');
select mono.enable_audit('user_blocks');

insert into mono.erasure_rules (table_name, match_column, match_kind, action, assignments, identifying_columns, position) values
  ('public.user_blocks', 'blocker_id', 'user', 'delete', null, '{}', 49);
