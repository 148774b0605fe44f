-- Up Migration
-- The SIMULATED payment provider's own books (see simulator-ledger-pg.ts). It stands for an
-- external system, so it lives in its own schema, apart from the order's data: a real provider
-- keeps its authorisations and idempotency keys when the order service is killed mid-checkout.
CREATE SCHEMA payment_simulator;

CREATE TABLE payment_simulator.payments (
  id         text        PRIMARY KEY,
  amount     bigint      NOT NULL CHECK (amount >= 0),
  state      text        NOT NULL,
  refunded   bigint      NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT payments_state CHECK (state IN ('authorized', 'declined', 'requires_confirmation', 'captured', 'voided')),
  -- Never refund more than was taken, even if the simulator's own check had a bug.
  CONSTRAINT payments_refunded CHECK (refunded >= 0 AND refunded <= amount)
);

-- The first answer per `operation:idempotencyKey`, written in the transaction of its effect,
-- so a retry after a crash replays it instead of charging twice.
CREATE TABLE payment_simulator.replies (
  scope      text        PRIMARY KEY,
  reply      jsonb       NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE payment_simulator.replies;
DROP TABLE payment_simulator.payments;
DROP SCHEMA payment_simulator;
