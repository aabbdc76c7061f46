-- Templates per tenant (issue 14, item 3). Every notice is rendered from a template of
-- its kind (src/modules/notifications/templates.ts); a tenant administrator overrides its
-- subject, plain text and HTML per language. A missing field keeps the default.
create table mail_templates (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  template text not null check (template ~ '^[a-z][a-z0-9_]*\.[a-z0-9_]+$'),
  language text not null check (language ~ '^[a-z]{2}(-[A-Z]{2})?$'),
  subject text check (length(subject) between 1 and 500),
  body_text text check (length(body_text) between 1 and 20000),
  body_html text check (length(body_html) between 1 and 50000),
  updated_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, updated_by) references users (tenant_id, id),
  constraint mail_templates_key unique (tenant_id, template, language)
);
create index mail_templates_updated_by_idx on mail_templates (tenant_id, updated_by) where updated_by is not null;
select mono.enable_tenant_rls('mail_templates');
select mono.enable_touch('mail_templates');
select mono.enable_audit('mail_templates');

-- The HTML part of a message (null: plain text only, as every message before this).
alter table mail_outbox add column body_html text;
