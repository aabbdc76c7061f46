-- Right to erasure covers the import's map (issue 18): the external id a person had in
-- the old system is theirs too; erasing them deletes its row of import_external_ids
-- (a later re-run of an old file would then create them anew, as a new person).
insert into mono.erasure_rules (table_name, match_column, match_kind, action, assignments, identifying_columns, position)
values ('public.import_external_ids', 'mono_id', 'user', 'delete', null, '{}', 15);
