-- Erasing a person also removes the account invitations sent to their addresses
-- (the table comes from 0011, the rules from 0405).
insert into mono.erasure_rules (table_name, match_column, match_kind, action, assignments, identifying_columns, position) values
  ('public.account_invitations', 'email', 'email', 'delete', null, '{}', 45);
