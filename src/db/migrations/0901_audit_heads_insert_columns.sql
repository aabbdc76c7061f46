-- Citus expands column defaults on the coordinator and sends them to the shard explicitly,
-- so an INSERT of (tenant_id, chain) by the runtime roles also writes last_seq and
-- anchor_seq there: they need the column grant too (#19, docs/citus.md). What a runtime role
-- may put into them is fixed by the trigger of src/db/definitions/096_audit_chain_heads_new.sql.
grant insert (last_seq, anchor_seq) on mono.audit_chain_heads to mono_app, mono_platform;
