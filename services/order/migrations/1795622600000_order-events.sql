-- Up Migration
-- The event store: the source of truth of every order. Append-only; (order_id, seq) is
-- unique, so two writers that read the same version cannot both append the next event
-- (optimistic concurrency enforced by the database, not by the application).
CREATE TABLE order_events (
  order_id    uuid        NOT NULL,
  seq         integer     NOT NULL CHECK (seq >= 1),
  type        text        NOT NULL,
  data        jsonb       NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (order_id, seq)
);

-- Nobody updates or deletes history, not even by mistake in a migration or a console.
CREATE FUNCTION order_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'order_events is append-only';
END $$;
CREATE TRIGGER order_events_no_change BEFORE UPDATE OR DELETE ON order_events
  FOR EACH ROW EXECUTE FUNCTION order_events_append_only();

-- Down Migration
DROP TABLE order_events;
DROP FUNCTION order_events_append_only();
