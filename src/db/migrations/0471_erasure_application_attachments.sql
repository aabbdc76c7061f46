-- Erasure reaches stored files: the person's own uploads are deleted with their bytes
-- (audit/erasure.ts), so their applications no longer list them as attachments.
update mono.erasure_rules
   set assignments = $$cover_letter = null, answers = null, attachments = '{}'$$
 where table_name = 'public.applications' and match_column = 'applicant_id';
