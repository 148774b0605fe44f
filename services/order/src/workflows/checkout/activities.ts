import type { WorkflowActivityContext } from '@dapr/dapr';
import { isAppError, type Logger } from '@shop/service-kit';
import type { CancellationReason } from '../../domain/events';
import * as order from '../../domain/order';
import type { OrderStore } from '../../domain/ports';
import type { PaymentProvider } from '../../domain/payment';
import type { Stock } from '../../domain/stock';
import type { StepResult } from './workflow';

export interface CheckoutActivityDeps {
  readonly orders: OrderStore;
  readonly stock: Stock;
  readonly payments: PaymentProvider;
  readonly logger: Logger;
  /** How long product keeps a reservation that is neither committed nor released. */
  readonly reservationTtlSeconds: number;
  readonly retryDelaysMs?: readonly number[];
}

interface Input {
  orderId: string;
  paymentToken?: string;
  paymentId?: string;
  reason?: CancellationReason;
}

// Product's "this cannot happen any more" answers: retrying will never change them.
const refused = (err: unknown) => isAppError(err) && (err.code === 'PRECONDITION_FAILED' || err.code === 'NOT_FOUND');

const OK: StepResult = { ok: true };
const STOP = (reason: CancellationReason): StepResult => ({ ok: false, reason });

/**
 * The saga's steps. Dapr runs an activity at least once, so each is idempotent: external
 * calls carry the key `orderId:step` (product keys reservations by order id; the payment
 * provider dedupes by key), and the order's own decisions answer "already done" with no event.
 * Transient failures (UNAVAILABLE) retry here with backoff, since callActivity has no retry policy.
 */
export function checkoutActivities(deps: CheckoutActivityDeps) {
  const delays = deps.retryDelaysMs ?? [200, 500, 1_000, 2_000, 4_000];
  async function retrying<T>(what: string, orderId: string, work: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await work();
      } catch (err) {
        const delay = delays[attempt];
        if (!(isAppError(err) && err.code === 'UNAVAILABLE') || delay === undefined) throw err;
        deps.logger.warn('checkout step failed, retrying', { step: what, orderId, attempt: attempt + 1, err });
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }
  const load = async (orderId: string) => {
    const found = await deps.orders.get(orderId);
    if (!found) throw new Error(`Order ${orderId} does not exist`);
    return found;
  };
  /** Released while held; returned to stock once committed (a confirmed order cancelled). */
  async function giveStockBack(orderId: string): Promise<void> {
    try {
      await deps.stock.release(orderId);
    } catch (err) {
      if (!refused(err)) throw err;
      await deps.stock.returnStock(orderId);
    }
  }
  // A void of an authorisation the provider already closed (declined, expired) has nothing to do.
  async function voidQuietly(orderId: string, paymentId: string): Promise<void> {
    try {
      await deps.payments.void({ idempotencyKey: `${orderId}:void`, paymentId });
    } catch (err) {
      if (!(isAppError(err) && (err.code === 'CONFLICT' || err.code === 'NOT_FOUND'))) throw err;
      deps.logger.info('payment not voided: nothing open at the provider', { orderId, paymentId, code: err.code });
    }
  }
  // A customer may cancel mid-saga: every step stops there, and compensation runs once.
  const cancelled = (o: order.Order) => o.status === 'CANCELLED';

  const steps = {
    async reserveStock({ orderId }: Input): Promise<StepResult> {
      const o = await load(orderId);
      if (cancelled(o)) return STOP(o.cancellationReason ?? 'customer_request');
      if (o.stockReserved) return OK;
      const result = await deps.stock.reserve(orderId, o.items, deps.reservationTtlSeconds);
      if (!result.reserved) return STOP('out_of_stock');
      await deps.orders.update(orderId, (current) => order.reserveStock(current));
      return OK;
    },

    async authorizePayment({ orderId, paymentToken }: Input): Promise<StepResult> {
      const o = await load(orderId);
      if (cancelled(o)) return STOP(o.cancellationReason ?? 'customer_request');
      if (o.payment) return { ok: true, status: 'authorized', paymentId: o.payment.paymentId };
      const outcome = await deps.payments.authorize({
        idempotencyKey: `${orderId}:authorize`,
        orderId,
        amount: o.total,
        currency: o.currency,
        token: paymentToken ?? '',
      });
      if (outcome.status === 'declined') return { ...STOP('payment_declined'), paymentId: outcome.paymentId };
      if (outcome.status === 'authorized') {
        const after = await deps.orders.update(orderId, (c) => order.authorizePayment(c, outcome.paymentId));
        if (cancelled(after)) return STOP(after.cancellationReason ?? 'customer_request');
      }
      return { ok: true, status: outcome.status, paymentId: outcome.paymentId };
    },

    async recordAuthorization({ orderId, paymentId }: Input): Promise<StepResult> {
      if (!paymentId) return STOP('payment_declined');
      await deps.orders.update(orderId, (c) => (cancelled(c) ? [] : order.authorizePayment(c, paymentId)));
      const o = await load(orderId);
      return cancelled(o) ? STOP(o.cancellationReason ?? 'customer_request') : OK;
    },

    async capturePayment({ orderId }: Input): Promise<StepResult> {
      const o = await load(orderId);
      if (cancelled(o)) return STOP(o.cancellationReason ?? 'customer_request');
      if (!o.payment) return STOP('checkout_failed');
      if (o.payment.captured < o.total) {
        await deps.payments.capture({
          idempotencyKey: `${orderId}:capture`,
          paymentId: o.payment.paymentId,
          amount: o.total,
        });
      }
      const after = await deps.orders.update(orderId, (c) => order.capturePayment(c));
      return cancelled(after) ? STOP(after.cancellationReason ?? 'customer_request') : OK;
    },

    async commitStock({ orderId }: Input): Promise<StepResult> {
      const o = await load(orderId);
      if (cancelled(o)) return STOP(o.cancellationReason ?? 'customer_request');
      try {
        const result = await deps.stock.commit(orderId);
        return result.reserved ? OK : STOP('checkout_failed');
      } catch (err) {
        // The hold expired or was released meanwhile: nothing to commit, so compensate (refund).
        if (refused(err)) return STOP('checkout_failed');
        throw err;
      }
    },

    async confirmOrder({ orderId }: Input): Promise<StepResult> {
      const o = await deps.orders.update(orderId, (c) => (cancelled(c) ? [] : order.confirm(c)));
      return cancelled(o) ? STOP(o.cancellationReason ?? 'customer_request') : OK;
    },

    /**
     * The one compensation: stock back (released, or returned when already sold), the money
     * back (void an open authorisation, refund a capture), CANCELLED; each part idempotent.
     */
    async cancelOrder({ orderId, reason, paymentId }: Input): Promise<StepResult> {
      const o = await load(orderId);
      if (o.status === 'SHIPPED' || o.status === 'DELIVERED') return OK; // past the point of no return
      await giveStockBack(orderId);
      let refundId: string | undefined;
      if (o.payment && order.refundDue(o) > 0) {
        const refund = await deps.payments.refund({
          idempotencyKey: `${orderId}:refund`,
          paymentId: o.payment.paymentId,
          amount: order.refundDue(o),
        });
        refundId = refund.refundId;
      } else if (o.payment ? o.payment.captured === 0 : paymentId !== undefined) {
        await voidQuietly(orderId, o.payment?.paymentId ?? paymentId ?? '');
      }
      const after = await deps.orders.update(orderId, (c) => [
        ...order.cancel(
          c,
          c.status === 'CANCELLED' ? (c.cancellationReason ?? 'checkout_failed') : (reason ?? 'checkout_failed'),
        ),
        ...(refundId === undefined ? [] : order.recordRefund(c, refundId)),
      ]);
      deps.logger.info('order cancelled by checkout', { orderId, reason: after.cancellationReason });
      return OK;
    },
  };

  // The SDK calls activities as (ctx, input); each is wrapped with the retry policy.
  return Object.fromEntries(
    Object.entries(steps).map(([name, fn]) => [
      name,
      (_ctx: WorkflowActivityContext, input: Input) => retrying(name, input.orderId, () => fn(input)),
    ]),
  ) as Record<keyof typeof steps, (ctx: WorkflowActivityContext, input: Input) => Promise<StepResult>>;
}
