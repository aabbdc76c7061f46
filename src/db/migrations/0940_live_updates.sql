-- Live updates (GET /api/v1/user/events, docs/notifications.md "Live updates"): a stream
-- resumes after the last event its client saw (Last-Event-ID), read again from these
-- tables. Like the event feed (migration 0700), the order is (txid, id): txid is the
-- writing transaction's id, and a stream serves only rows of transactions older than the
-- oldest one still in flight, so no row can appear later in front of a client's position.
alter table notifications add column txid xid8 not null default pg_current_xact_id();
alter table messages add column txid xid8 not null default pg_current_xact_id();
-- A person's notifications in commit-safe order.
create index notifications_live_idx on notifications (tenant_id, user_id, txid, id);
-- A tenant's messages in commit-safe order (the stream keeps those of the reader's conversations).
create index messages_live_idx on messages (tenant_id, txid, id);
