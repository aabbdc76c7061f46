-- Conversations on applications belong to their two sides. Anybody else who reads one —
-- a tenant moderator, through the explicit permission tenant.conversations.moderate —
-- leaves one row here per read, and with it an entry in the tenant's audit trail (who
-- read which conversation, when): moderation is possible, and never silent.
create table conversation_moderation_reads (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  application_id uuid not null,
  reader_id uuid,
  read_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, application_id) references applications (tenant_id, id) on delete cascade,
  foreign key (tenant_id, reader_id) references users (tenant_id, id)
);
create index conversation_moderation_reads_application_idx on conversation_moderation_reads (tenant_id, application_id);
create index conversation_moderation_reads_reader_idx on conversation_moderation_reads (tenant_id, reader_id) where reader_id is not null;
select mono.enable_tenant_rls('conversation_moderation_reads', 'select, insert');
select mono.enable_audit('conversation_moderation_reads');

-- Erasing the moderator keeps the record that the conversation was read, not who read it.
insert into mono.erasure_rules (table_name, match_column, match_kind, action, assignments, identifying_columns, position) values
  ('public.conversation_moderation_reads', 'reader_id', 'user', 'update', 'reader_id = null', '{}', 55);
