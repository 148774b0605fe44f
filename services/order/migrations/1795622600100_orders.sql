-- Up Migration
-- The read model: a projection of order_events, written in the same transaction as the
-- events it reflects (so it is never behind), and rebuildable from them at any time.
CREATE TABLE orders (
  id                  uuid        PRIMARY KEY,
  user_id             uuid        NOT NULL,
  status              text        NOT NULL,
  total               bigint      NOT NULL CHECK (total >= 0),
  currency            text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  shipping_address    jsonb       NOT NULL,
  stock_reserved      boolean     NOT NULL DEFAULT false,
  payment             jsonb,
  cancellation_reason text,
  shipment            jsonb,
  version             integer     NOT NULL,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  CONSTRAINT orders_status CHECK (status IN ('PENDING', 'CONFIRMED', 'CANCELLED', 'SHIPPED', 'DELIVERED'))
);
CREATE INDEX orders_user ON orders (user_id, created_at DESC, id);

CREATE TABLE order_items (
  order_id   uuid    NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id text    NOT NULL,
  name       text    NOT NULL,
  quantity   integer NOT NULL CHECK (quantity > 0),
  unit_price bigint  NOT NULL CHECK (unit_price >= 0),
  PRIMARY KEY (order_id, product_id)
);

-- One order per (user, Idempotency-Key): the primary key decides a race between identical
-- concurrent requests, the loser reads the winner's order.
CREATE TABLE idempotency_keys (
  user_id      uuid        NOT NULL,
  key          text        NOT NULL,
  order_id     uuid        NOT NULL,
  request_hash text        NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);

-- Down Migration
DROP TABLE idempotency_keys;
DROP TABLE order_items;
DROP TABLE orders;
