-- Foundation: regions, parks, associations, the enterprise ledger, imports, users, sessions, audit.
-- Plain SQL, applied once in order by src/db/migrate.ts, on PGlite (PostgreSQL 18) and PostgreSQL 15+.

CREATE TABLE region (
  code          text PRIMARY KEY CHECK (code ~ '^[0-9]{12}$'),        -- 统计用区划代码, padded with zeros to 12 digits
  level         smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
  name          text NOT NULL,
  parent_code   text REFERENCES region(code),
  initials      text NOT NULL DEFAULT '',      -- pinyin initials, lower case, for search
  prefix        text NOT NULL                  -- significant digits: 2,4,6,9 or 12 chars
);
CREATE INDEX region_parent_idx ON region (parent_code);
CREATE INDEX region_prefix_idx ON region (prefix text_pattern_ops);
CREATE INDEX region_name_idx ON region (name text_pattern_ops);
CREATE INDEX region_initials_idx ON region (initials text_pattern_ops);

CREATE TABLE park (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          text NOT NULL UNIQUE,
  region_code   text REFERENCES region(code),
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE association (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          text NOT NULL UNIQUE,
  region_code   text REFERENCES region(code),
  industry      text,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE import_batch (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind          text NOT NULL,                 -- 'enterprises', later 'party_orgs', ...
  file_name     text NOT NULL,
  file_sha256   text NOT NULL,
  source        text NOT NULL DEFAULT 'default',
  status        text NOT NULL DEFAULT 'running' CHECK (status IN ('running','completed','failed','dry_run')),
  actor_id      bigint,
  rows_total    integer NOT NULL DEFAULT 0,
  created       integer NOT NULL DEFAULT 0,
  updated       integer NOT NULL DEFAULT 0,
  unchanged     integer NOT NULL DEFAULT 0,
  rejected      integer NOT NULL DEFAULT 0,
  summary       jsonb NOT NULL DEFAULT '{}'::jsonb,
  started_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz
);

CREATE TABLE enterprise (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  credit_code            text NOT NULL UNIQUE,
  name                   text NOT NULL,
  initials               text NOT NULL DEFAULT '',
  ownership_type         text,                 -- 企业性质/企业类型 as registered
  legal_representative   text,
  address                text,
  region_code            text REFERENCES region(code),
  placement              text NOT NULL DEFAULT 'pending' CHECK (placement IN ('placed','pending','manual')),
  park_id                bigint REFERENCES park(id),
  association_id         bigint REFERENCES association(id),
  industry               text,
  size_class             text CHECK (size_class IN ('large','medium','small','micro')),
  above_designated_size  boolean NOT NULL DEFAULT false,
  operating_status       text NOT NULL DEFAULT 'active'
                         CHECK (operating_status IN ('active','suspended','deregistered','revoked','moved_out')),
  employee_count         integer CHECK (employee_count >= 0),
  member_count           integer CHECK (member_count >= 0),
  registered_capital     numeric(18,4),        -- 万元
  founded_on             date,
  owner_profile          text,
  source                 text NOT NULL DEFAULT 'default',
  facts_hash             text NOT NULL DEFAULT '', -- hash of the imported facts: unchanged rows are skipped
  version                integer NOT NULL DEFAULT 1,
  first_seen_at          timestamptz NOT NULL DEFAULT now(),
  last_seen_at           timestamptz NOT NULL DEFAULT now(),
  last_import_id         bigint REFERENCES import_batch(id),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enterprise_region_idx ON enterprise (region_code text_pattern_ops, id);
CREATE INDEX enterprise_name_idx ON enterprise (name text_pattern_ops);
CREATE INDEX enterprise_initials_idx ON enterprise (initials text_pattern_ops);
CREATE INDEX enterprise_park_idx ON enterprise (park_id) WHERE park_id IS NOT NULL;
CREATE INDEX enterprise_association_idx ON enterprise (association_id) WHERE association_id IS NOT NULL;
CREATE INDEX enterprise_pending_idx ON enterprise (id) WHERE placement = 'pending';

CREATE TABLE enterprise_change (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enterprise_id   bigint NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
  import_id       bigint REFERENCES import_batch(id),
  actor_id        bigint,
  kind            text NOT NULL,               -- created | updated | placed | status_changed
  changes         jsonb NOT NULL DEFAULT '{}'::jsonb, -- { field: [before, after] }
  changed_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enterprise_change_enterprise_idx ON enterprise_change (enterprise_id, id);
CREATE INDEX enterprise_change_import_idx ON enterprise_change (import_id);

CREATE TABLE app_user (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username              text NOT NULL UNIQUE,
  display_name          text NOT NULL,
  password_hash         text NOT NULL,
  must_change_password  boolean NOT NULL DEFAULT true,
  password_changed_at   timestamptz,
  failed_attempts       integer NOT NULL DEFAULT 0,
  locked_until          timestamptz,
  totp_secret           text,
  disabled              boolean NOT NULL DEFAULT false,
  version               integer NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);

-- A role held by a user over a scope. Scope parts are unions; an empty grant sees nothing.
CREATE TABLE user_role (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id          bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  role             text NOT NULL,
  all_regions      boolean NOT NULL DEFAULT false,
  region_prefixes  text[] NOT NULL DEFAULT '{}',
  park_ids         bigint[] NOT NULL DEFAULT '{}',
  association_ids  bigint[] NOT NULL DEFAULT '{}',
  party_org_ids    bigint[] NOT NULL DEFAULT '{}',
  enterprise_ids   bigint[] NOT NULL DEFAULT '{}',
  granted_by       bigint REFERENCES app_user(id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX user_role_user_idx ON user_role (user_id);

CREATE TABLE user_session (
  id             text PRIMARY KEY,             -- SM3 of the session token; the token itself is never stored
  user_id        bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  csrf_token     text NOT NULL,
  ip             text,
  user_agent     text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at     timestamptz
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

CREATE TABLE audit_event (
  seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT now(),
  actor_id     bigint,
  actor_name   text NOT NULL,
  ip           text,
  action       text NOT NULL,
  entity       text NOT NULL,
  entity_id    text,
  before       jsonb,
  after        jsonb,
  prev_hash    text NOT NULL,
  hash         text NOT NULL
);
CREATE INDEX audit_event_entity_idx ON audit_event (entity, entity_id);
CREATE INDEX audit_event_at_idx ON audit_event (at);

CREATE TABLE app_setting (
  key     text PRIMARY KEY,
  value   jsonb NOT NULL
);
