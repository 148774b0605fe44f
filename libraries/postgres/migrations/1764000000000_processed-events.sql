-- Up Migration
-- CloudEvent ids of the events this service handles. Dapr delivers at least once: a claim is
-- 'processing' until the handler finishes ('done'); a claim whose lease ran out (crashed
-- handler) may be taken again, so a redelivery is never lost nor applied twice.
CREATE TABLE IF NOT EXISTS processed_events (
  topic        text        NOT NULL,
  event_id     text        NOT NULL,
  status       text        NOT NULL CHECK (status IN ('processing', 'done')),
  claimed_at   timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  PRIMARY KEY (topic, event_id)
);
CREATE INDEX IF NOT EXISTS processed_events_processed_at ON processed_events (processed_at);

-- Down Migration
DROP TABLE IF EXISTS processed_events;
