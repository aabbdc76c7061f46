-- Delivery state of the mail outbox (issue 14). A delivery worker claims due messages
-- (FOR UPDATE SKIP LOCKED, several processes never take the same one), marks them
-- 'sending' with a lease in next_attempt_at, and records the outcome: 'sent' (sent_at,
-- by SMTP or printed to the log when no SMTP server is configured), 'queued' again with
-- a later next_attempt_at after a temporary failure, or 'failed' (failed_at, last_error)
-- after a permanent one. A 'sending' message whose lease ran out (its process died) is
-- due again.
alter table mail_outbox
  add column status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed')),
  add column attempts integer not null default 0 check (attempts >= 0),
  add column next_attempt_at timestamptz not null default now(),
  add column last_error text check (length(last_error) <= 2000),
  add column failed_at timestamptz,
  add column transport text check (transport in ('smtp', 'log'));

-- Messages written before delivery existed were never sent: they stay queued, except
-- those a previous version already marked.
update mail_outbox set status = 'sent', transport = 'log' where sent_at is not null;

alter table mail_outbox
  add constraint mail_outbox_sent_has_time check ((status = 'sent') = (sent_at is not null)),
  add constraint mail_outbox_failed_has_time check ((status = 'failed') = (failed_at is not null));

drop index mail_outbox_unsent_idx;
-- What the worker looks for: due messages, oldest due first.
create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where status in ('queued', 'sending');
-- `mono mail list` and the tenant's view: the newest first.
create index mail_outbox_recent_idx on mail_outbox (tenant_id, created_at desc);
