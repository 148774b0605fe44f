-- Up Migration
-- Workflow starts owed, written in the transaction of the change that owes them (an order
-- placed owes a checkout saga; a confirmed order cancelled owes a compensation). The request
-- starts the workflow at once and deletes its row; a crash in between leaves the row for
-- the recovery sweep, so no order is ever left PENDING without a saga (an outbox for workflows).
CREATE TABLE saga_starts (
  order_id        uuid        NOT NULL,
  saga            text        NOT NULL CHECK (saga IN ('checkout', 'cancellation')),
  -- The provider's token the checkout authorises with: kept only until the saga has it.
  payment_token   text,
  attempts        integer     NOT NULL DEFAULT 0,
  created_at      timestamptz NOT NULL DEFAULT now(),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (order_id, saga)
);
CREATE INDEX saga_starts_due ON saga_starts (next_attempt_at);

-- Down Migration
DROP TABLE saga_starts;
