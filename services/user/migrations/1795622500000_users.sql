-- Up Migration
-- Accounts. Emails are unique regardless of case (a unique index on lower(email)) but kept
-- as typed. A deleted account is anonymised in place: the row (and its id, which events and
-- orders refer to) stays, email, name and password hash become NULL, so the email is free
-- to register again. The CHECK keeps those NULLs to deleted accounts only.
CREATE TABLE users (
  id            uuid        PRIMARY KEY,
  email         text,
  name          text,
  password_hash text,
  roles         text[]      NOT NULL DEFAULT '{customer}',
  status        text        NOT NULL DEFAULT 'active',
  -- Bumped on every change that publishes user.updated: the event id is derived from it.
  version       integer     NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  deleted_at    timestamptz,
  CONSTRAINT users_status CHECK (status IN ('active', 'disabled', 'deleted')),
  CONSTRAINT users_roles CHECK (roles <@ ARRAY['customer', 'admin']::text[]),
  CONSTRAINT users_identity_unless_deleted CHECK (
    status = 'deleted' OR (email IS NOT NULL AND name IS NOT NULL AND password_hash IS NOT NULL)
  ),
  CONSTRAINT users_email_length CHECK (char_length(email) <= 254),
  CONSTRAINT users_name_length CHECK (char_length(name) <= 100)
);
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));
-- Admin listing, newest first, and the "last active admin" check.
CREATE INDEX users_created_at ON users (created_at DESC, id);
CREATE INDEX users_admins ON users (id) WHERE 'admin' = ANY (roles) AND status = 'active';

-- Down Migration
DROP TABLE users;
