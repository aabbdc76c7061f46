-- The language a person reads their notices in (e-mails and in-app): a tenant's template
-- overrides in that language apply to them, else those of the language's primary subtag
-- (de for de-AT), else those of the tenant's language (docs/notifications.md, "Templates").
-- null: the tenant's language.
alter table user_profiles add column language text
  constraint user_profiles_language check (language ~ '^[a-z]{2}(-[A-Z]{2})?$');
