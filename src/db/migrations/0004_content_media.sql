-- Content, hierarchical categories and media files.

create type content_type as enum ('ARTICLE', 'PORTFOLIO', 'LISTING', 'PAGE', 'FORM');
create type content_status as enum ('DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'ARCHIVED');

create table media_files (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  uploader_id uuid not null,
  account_id uuid,
  filename text not null check (length(filename) between 1 and 255),
  mimetype text not null check (mimetype ~ '^[a-z]+/[a-z0-9][a-z0-9.+-]*$'),
  size bigint not null check (size > 0),
  url text not null check (length(url) <= 2048),
  thumbnail_url text check (length(thumbnail_url) <= 2048),
  title text check (length(title) <= 300),
  alt text check (length(alt) <= 1000),
  caption text check (length(caption) <= 2000),
  metadata jsonb check (metadata is null or jsonb_typeof(metadata) = 'object'),
  folder text check (folder ~ '^[A-Za-z0-9 _.-]+(?:/[A-Za-z0-9 _.-]+)*$' and length(folder) <= 500),
  tags text[] not null default '{}',
  content_hash text check (content_hash ~ '^[0-9a-f]{64}$'),
  storage_key text check (length(storage_key) <= 1024),
  usage_count integer not null default 0 check (usage_count >= 0),
  last_used_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, uploader_id) references users (tenant_id, id),
  foreign key (tenant_id, account_id) references accounts (tenant_id, id)
);
create index media_files_uploader_idx on media_files (tenant_id, uploader_id);
create index media_files_account_idx on media_files (tenant_id, account_id) where account_id is not null;
create index media_files_folder_idx on media_files (tenant_id, folder);
create index media_files_hash_idx on media_files (tenant_id, content_hash);
select mono.enable_tenant_rls('media_files');
select mono.enable_touch('media_files', '{usage_count,last_used_at}');
select mono.enable_audit('media_files', '', 'usage_count,last_used_at');

create table categories (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  parent_id uuid,
  name text not null check (length(btrim(name)) between 1 and 100),
  slug text not null check (mono.is_slug(slug)),
  description text check (length(description) <= 2000),
  position integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, parent_id) references categories (tenant_id, id),
  constraint categories_not_own_parent check (parent_id is null or parent_id <> id)
);
create unique index categories_tenant_slug_key on categories (tenant_id, slug) where deleted_at is null;
create index categories_parent_idx on categories (tenant_id, parent_id);
select mono.enable_tenant_rls('categories');
select mono.enable_touch('categories');
select mono.enable_audit('categories');

-- A category may not become its own ancestor.
create or replace function mono.categories_no_cycle() returns trigger
language plpgsql as $$
begin
  if new.parent_id is not null and exists (
    with recursive ancestors(id, parent_id, depth) as (
      select c.id, c.parent_id, 1 from categories c where c.tenant_id = new.tenant_id and c.id = new.parent_id
      union all
      select c.id, c.parent_id, a.depth + 1 from categories c
        join ancestors a on c.tenant_id = new.tenant_id and c.id = a.parent_id
       where a.depth < 100)
    select 1 from ancestors where id = new.id) then
    raise exception 'category % would become its own ancestor', new.id
      using errcode = 'check_violation', constraint = 'categories_no_cycle';
  end if;
  return new;
end $$;
create trigger categories_no_cycle before insert or update of parent_id on categories
  for each row execute function mono.categories_no_cycle();

create table contents (
  tenant_id uuid not null references tenants (id),
  id uuid not null default mono.uuid_v7(),
  account_id uuid not null,
  user_id uuid not null,
  type content_type not null,
  title text not null check (length(btrim(title)) between 1 and 300),
  slug text not null check (mono.is_slug(slug)),
  description text check (length(description) <= 5000),
  body text check (length(body) <= 1000000),
  featured_image_id uuid,
  meta_title text check (length(meta_title) <= 300),
  meta_description text check (length(meta_description) <= 1000),
  keywords text[] not null default '{}',
  status content_status not null default 'DRAFT',
  published_at timestamptz,
  expires_at timestamptz,
  tags text[] not null default '{}',
  views integer not null default 0 check (views >= 0),
  likes integer not null default 0 check (likes >= 0),
  shares integer not null default 0 check (shares >= 0),
  search tsvector generated always as (
    setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, mono.text_array_to_string(tags)), 'B') ||
    setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'B') ||
    setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'C')) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, account_id) references accounts (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id),
  foreign key (tenant_id, featured_image_id) references media_files (tenant_id, id),
  constraint contents_expiry check (expires_at is null or published_at is null or expires_at > published_at)
);
create unique index contents_tenant_slug_key on contents (tenant_id, slug) where deleted_at is null;
create index contents_account_idx on contents (tenant_id, account_id);
create index contents_user_idx on contents (tenant_id, user_id);
create index contents_featured_image_idx on contents (tenant_id, featured_image_id) where featured_image_id is not null;
create index contents_tenant_status_published_idx on contents (tenant_id, status, published_at);
create index contents_published_idx on contents (published_at);
create index contents_search_idx on contents using gin (search);
create index contents_title_trgm_idx on contents using gin (title gin_trgm_ops);
create index contents_tags_idx on contents using gin (tags);
select mono.enable_tenant_rls('contents');
select mono.enable_touch('contents', '{views,likes,shares}');
select mono.enable_audit('contents', '', 'views,likes,shares');

create table content_categories (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  content_id uuid not null,
  category_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint content_categories_key unique (tenant_id, content_id, category_id),
  foreign key (tenant_id, content_id) references contents (tenant_id, id) on delete cascade,
  foreign key (tenant_id, category_id) references categories (tenant_id, id) on delete cascade
);
create index content_categories_category_idx on content_categories (tenant_id, category_id);
select mono.enable_tenant_rls('content_categories');
select mono.enable_audit('content_categories');

-- The seed's Content.media relation: the files a piece of content uses, in order.
create table content_media (
  tenant_id uuid not null,
  id uuid not null default mono.uuid_v7(),
  content_id uuid not null,
  media_id uuid not null,
  position integer not null default 0,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  constraint content_media_key unique (tenant_id, content_id, media_id),
  foreign key (tenant_id, content_id) references contents (tenant_id, id) on delete cascade,
  foreign key (tenant_id, media_id) references media_files (tenant_id, id)
);
create index content_media_media_idx on content_media (tenant_id, media_id);
select mono.enable_tenant_rls('content_media');
select mono.enable_audit('content_media');
