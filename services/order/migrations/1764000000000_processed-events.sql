-- Up Migration
-- CloudEvent ids of the events this service has handled: Dapr delivers at least once, so a
-- redelivered event is recognised here and not applied twice.
CREATE TABLE IF NOT EXISTS processed_events (
  event_id     text        NOT NULL,
  topic        text        NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (topic, event_id)
);
CREATE INDEX IF NOT EXISTS processed_events_processed_at ON processed_events (processed_at);

-- Down Migration
DROP TABLE IF EXISTS processed_events;
