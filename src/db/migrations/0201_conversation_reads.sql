-- Per-user read state of the conversation on an application.
--
-- A conversation has two sides (the applicant, and the members of the listing's
-- account), and every person on either side reads at their own pace, so one `read_at`
-- per message cannot say what is unread for whom. Each reader keeps a watermark: the
-- newest message they have read. Their unread messages are the others' live messages
-- after it — one row per reader and conversation, however long the conversation.
-- (messages.read_at stays: when the other side first read the message.)
create table conversation_reads (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  application_id uuid not null,
  user_id uuid not null,
  last_read_message_id uuid not null,
  -- created_at of that message: unread = (created_at, id) > (last_read_message_at, last_read_message_id)
  last_read_message_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint conversation_reads_reader_key unique (tenant_id, application_id, user_id),
  foreign key (tenant_id, application_id) references applications (tenant_id, id) on delete cascade,
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade,
  foreign key (tenant_id, last_read_message_id) references messages (tenant_id, id) on delete cascade
);
create index conversation_reads_user_idx on conversation_reads (tenant_id, user_id);
create index conversation_reads_message_idx on conversation_reads (tenant_id, last_read_message_id);
select mono.enable_tenant_rls('conversation_reads');
select mono.enable_touch('conversation_reads');
select mono.enable_audit('conversation_reads');
