-- Up Migration
-- One preferences document per user. Its shape is validated by the service's zod schema on
-- every write and read (jsonb keeps it open to new, optional keys without a migration).
CREATE TABLE preferences (
  user_id    uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  data       jsonb       NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT preferences_is_object CHECK (jsonb_typeof(data) = 'object')
);

-- Down Migration
DROP TABLE preferences;
