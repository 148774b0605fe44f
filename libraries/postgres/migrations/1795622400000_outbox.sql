-- Up Migration
-- Transactional outbox: a service writes the events of a change in the same transaction as
-- the change, and a relay publishes them through Dapr afterwards. A crash between commit and
-- publish therefore delays an event but never loses it. `id` is the CloudEvent id, derived
-- from the fact (e.g. `user.deleted/<user id>`), so writing one fact twice is one event and
-- subscribers de-duplicate re-sends by it.
CREATE TABLE IF NOT EXISTS outbox (
  id              text        PRIMARY KEY,
  pubsub_name     text        NOT NULL,
  topic           text        NOT NULL,
  payload         jsonb       NOT NULL,
  -- W3C traceparent of the request that caused the event, so the delivery joins its trace.
  traceparent     text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  sent_at         timestamptz
);
-- The relay's scan: only unsent rows, oldest first.
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (created_at, id) WHERE sent_at IS NULL;
-- Pruning of sent rows after the retention period.
CREATE INDEX IF NOT EXISTS outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;

-- Down Migration
DROP TABLE IF EXISTS outbox;
