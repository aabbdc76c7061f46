-- A transaction's audit entries move their chain head once, not once per entry
-- (issue 18: an import's batch of 1,000 rows, issue 20 item 4).
--
-- The deferred audit trigger used to update the chain head's row for every entry. Inside
-- one transaction each update leaves another version of that row alive until the
-- transaction ends, and finding the newest one walks them all: half of the audit time of
-- a 3,000-row transaction (docs/benchmarks.md, "Import"). Now mono.audit_row writes the
-- head through for a transaction's first few entries of a chain and from then on keeps it
-- in a transaction-local setting; one row here queues a deferred trigger (definition
-- 104) that writes the head from that setting after every entry queued before it. The
-- head stays locked from the first entry to commit, as before, so the chain is entry for
-- entry the one the per-entry update wrote.
create table mono.audit_head_flushes (
  tenant_id uuid not null,
  chain smallint not null
);
-- The runtime roles queue a flush of their own tenant's chain and remove it; nothing stays.
select mono.enable_tenant_rls('mono.audit_head_flushes', 'select, insert, delete');
