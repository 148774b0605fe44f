import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '@shop/postgres';
import type {
  LedgerUnit,
  SimulatedPayment,
  SimulatedPaymentState,
  SimulatorLedger,
} from './simulator-ledger-repository';

/**
 * The simulated provider's ledger in PostgreSQL (schema `payment_simulator`, migration
 * 1795622600200): a real provider remembers its authorisations and idempotency keys when our
 * process dies, so the stand-in must too. It shares the order service's pool only because the
 * simulator has no server of its own; nothing of the order's data is touched.
 */
interface PaymentRow {
  id: string;
  amount: string; // bigint comes back as text
  state: SimulatedPaymentState;
  refunded: string;
}

const toPayment = (r: PaymentRow): SimulatedPayment => ({
  id: r.id,
  amount: Number(r.amount),
  state: r.state,
  refunded: Number(r.refunded),
});

/** Reads take the row lock, so two effects on one payment (capture vs void) run one after the other. */
function unitOn(tx: PoolClient): LedgerUnit {
  return {
    async get(id) {
      const { rows } = await tx.query<PaymentRow>(
        'SELECT id, amount, state, refunded FROM payment_simulator.payments WHERE id = $1 FOR UPDATE',
        [id],
      );
      return rows[0] && toPayment(rows[0]);
    },
    async put(p) {
      await tx.query(
        `INSERT INTO payment_simulator.payments (id, amount, state, refunded) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET amount = EXCLUDED.amount, state = EXCLUDED.state,
           refunded = EXCLUDED.refunded, updated_at = now()`,
        [p.id, p.amount, p.state, p.refunded],
      );
    },
  };
}

export function createPgSimulatorLedger(pool: Pool): SimulatorLedger {
  return {
    once: (scope, effect) =>
      withTransaction(pool, async (tx) => {
        // Identical concurrent calls queue here until the first commits (or rolls back), then
        // read its reply: the effect runs at most once. A hash collision only serialises.
        await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [scope]);
        const stored = await tx.query<{ reply: { value?: unknown } }>(
          'SELECT reply FROM payment_simulator.replies WHERE scope = $1',
          [scope],
        );
        if (stored.rows[0]) return { reply: stored.rows[0].reply.value as never, replayed: true };
        const reply = await effect(unitOn(tx));
        // Wrapped, so a void operation's `undefined` is stored as `{}` and replayed as such.
        await tx.query('INSERT INTO payment_simulator.replies (scope, reply) VALUES ($1, $2)', [
          scope,
          JSON.stringify({ value: reply }),
        ]);
        return { reply, replayed: false };
      }),
    change: (effect) => withTransaction(pool, (tx) => effect(unitOn(tx))),
    async payment(id) {
      const { rows } = await pool.query<PaymentRow>(
        'SELECT id, amount, state, refunded FROM payment_simulator.payments WHERE id = $1',
        [id],
      );
      return rows[0] && toPayment(rows[0]);
    },
  };
}
