-- Writes a chain head kept in mono.audit_row's transaction-local setting `mono.audit_head`
-- (tenant:chain:seq:hash-hex:entries, see 098) to its row. The caller holds the head's lock.
create or replace function mono.audit_write_head(kept text[]) returns void
language plpgsql as $$
begin
  update mono.audit_chain_heads
     set last_seq = kept[3]::bigint, last_hash = decode(nullif(kept[4], ''), 'hex')
   where tenant_id = kept[1]::uuid and chain = kept[2]::smallint;
end $$;

-- The deferred flush (migration 0970): fires after every audit entry queued before the
-- flush row, writes the head this transaction kept for that chain, and forgets it, so an
-- entry queued later takes the head afresh (from the row just written) and queues a
-- flush of its own if it needs one. A flush whose chain is no longer the kept one has
-- nothing to do: mono.audit_row wrote that head when it moved on to another chain.
create or replace function mono.audit_flush_head() returns trigger
language plpgsql as $$
declare
  kept text[] := string_to_array(current_setting('mono.audit_head', true), ':');
begin
  if kept[1] = new.tenant_id::text and kept[2]::smallint = new.chain then
    perform mono.audit_write_head(kept);
    perform set_config('mono.audit_head', '', true);
  end if;
  delete from mono.audit_head_flushes f where f.tenant_id = new.tenant_id and f.chain = new.chain;
  return null;
end $$;

-- Constraint triggers have no CREATE OR REPLACE; the table only ever holds rows of
-- transactions in flight, so dropping and creating the trigger loses nothing.
drop trigger if exists flush on mono.audit_head_flushes;
create constraint trigger flush after insert on mono.audit_head_flushes
  deferrable initially deferred for each row execute function mono.audit_flush_head();
