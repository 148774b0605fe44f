-- Up Migration
-- A user's address book. "At most one default address per user" is enforced by the partial
-- unique index, so no interleaving of requests can ever leave two defaults.
CREATE TABLE addresses (
  id          uuid        PRIMARY KEY,
  user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  recipient   text        NOT NULL,
  line1       text        NOT NULL,
  line2       text,
  city        text        NOT NULL,
  region      text,
  postal_code text        NOT NULL,
  country     text        NOT NULL,
  phone       text,
  is_default  boolean     NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT addresses_country CHECK (country ~ '^[A-Z]{2}$')
);
CREATE UNIQUE INDEX addresses_one_default ON addresses (user_id) WHERE is_default;
CREATE INDEX addresses_user ON addresses (user_id, created_at, id);

-- Down Migration
DROP TABLE addresses;
