-- Live updates (modules/notifications/live): at commit, the database tells every API
-- process on channel `mono_live` whose stream has something new — the tenant, the person,
-- what kind of thing and its id, never any content (the stream reads that again through
-- the tenant-scoped repository, as the person). NOTIFY is transactional: nothing is told
-- of a change that rolls back. Payload: {"t": tenant, "u": user, "k": kind, "id": id};
-- kind `notification` (a new one), `message` (a new, edited or deleted message in one of
-- the person's conversations: its applicant and the members of the listing's account), `unread`
-- (a read mark moved; no id, so PostgreSQL folds the many of one "mark all read").
-- The trigger's argument names its table (TG_TABLE_NAME is a shard's name on Citus). On a
-- Citus worker (mono.on_citus_worker, 110) NOTIFY is refused and nobody listens there: the
-- notices are kept in mono.citus_signals (the tenant's shard group), which the API
-- processes on Citus read (decision 0101).
create or replace function mono.notify_live_event() returns trigger
language plpgsql as $$
declare
  notices text[];
begin
  if tg_argv[0] = 'notifications' then
    notices := array[case when tg_op = 'INSERT'
      then json_build_object('t', new.tenant_id, 'u', new.user_id, 'k', 'notification', 'id', new.id)
      else json_build_object('t', new.tenant_id, 'u', new.user_id, 'k', 'unread') end::text];
  elsif tg_argv[0] = 'messages' then
    select array_agg(json_build_object('t', new.tenant_id, 'u', p.user_id, 'k', 'message', 'id', new.id)::text) into notices
       from (select a.applicant_id as user_id from applications a where a.tenant_id = new.tenant_id and a.id = new.application_id
             union
             select au.user_id
               from applications a
               join listings l on l.tenant_id = a.tenant_id and l.id = a.listing_id
               join account_users au on au.tenant_id = l.tenant_id and au.account_id = l.account_id
              where a.tenant_id = new.tenant_id and a.id = new.application_id) p;
  else -- conversation_reads
    notices := array[json_build_object('t', new.tenant_id, 'u', new.user_id, 'k', 'unread')::text];
  end if;
  if mono.on_citus_worker() then
    insert into mono.citus_signals (tenant_id, channel, payload) select new.tenant_id, 'mono_live', n from unnest(notices) n;
  else
    perform pg_notify('mono_live', n) from unnest(notices) n;
  end if;
  return null;
end $$;

create or replace trigger notify_live_event after insert or update of read_at on notifications
  for each row execute function mono.notify_live_event('notifications');
create or replace trigger notify_live_event after insert or update of body, deleted_at on messages
  for each row execute function mono.notify_live_event('messages');
create or replace trigger notify_live_event after insert or update of last_read_message_id on conversation_reads
  for each row execute function mono.notify_live_event('conversation_reads');
