-- Erasure rules (0405) for the personal data added since: a person's calendar blocks
-- (with their reasons) and secret calendar feed, and their engagement trail — what they
-- viewed, liked and shared. Deleting a like takes it off the content's counter (the
-- engagement trigger); views and shares stay counted, without saying whose they were.
insert into mono.erasure_rules (table_name, match_column, match_kind, action, assignments, identifying_columns, position) values
  ('public.availability_blocks', 'user_id', 'user', 'delete', null, '{}', 41),
  ('public.calendar_feeds', 'user_id', 'user', 'delete', null, '{}', 42),
  ('public.engagements', 'user_id', 'user', 'delete', null, '{}', 43),
  ('public.activities', 'user_id', 'user', 'delete', null, '{}', 44);
