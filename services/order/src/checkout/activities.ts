import { isAppError, type Logger } from '@shop/service-kit';
import type { CancellationReason, OrderEvent } from '../domain/events';
import * as order from '../domain/order';
import type { OrderStore } from '../domain/ports';
import type { ChargeOutcome, PaymentProvider } from '../domain/payment';
import type { Stock } from '../domain/stock';

export interface CheckoutActivityDeps {
  readonly orders: OrderStore;
  readonly stock: Stock;
  readonly payments: PaymentProvider;
  readonly logger: Logger;
  /** How long product keeps a reservation that is neither committed nor released. */
  readonly reservationTtlSeconds: number;
}

export interface OrderRef {
  readonly orderId: string;
}
/** `ok: false` means "stop and compensate for this reason". */
export interface Stop {
  readonly ok: false;
  readonly reason: CancellationReason;
  /** A payment the provider opened that the order may not record yet: the compensation voids it. */
  readonly paymentId?: string;
}
export type Reserved = { readonly ok: true } | Stop;
export type Paid =
  | { readonly ok: true; readonly status: 'confirmed' }
  | { readonly ok: true; readonly status: 'requires_confirmation'; readonly paymentId: string }
  | Stop;
export interface PayInput extends OrderRef {
  readonly paymentToken: string;
  /** Set after the provider's 3-D Secure approval arrived: the authorisation to capture. */
  readonly approvedPaymentId?: string;
}
export interface CancelInput extends OrderRef {
  readonly reason: CancellationReason;
  readonly paymentId?: string;
}

// Product's "this cannot happen any more" answers: retrying will never change them.
const refused = (err: unknown) => isAppError(err) && (err.code === 'PRECONDITION_FAILED' || err.code === 'NOT_FOUND');
const OK = { ok: true } as const;
const stop = (reason: CancellationReason, paymentId?: string): Stop =>
  paymentId === undefined ? { ok: false, reason } : { ok: false, reason, paymentId };
const cancelled = (o: order.Order) => o.status === 'CANCELLED';
const stopCancelled = (o: order.Order) => stop(o.cancellationReason ?? 'customer_request');

/**
 * The saga's steps. Dapr runs an activity at least once, so each is idempotent: external calls
 * carry the key `orderId:step` (product keys reservations by order id; the payment provider
 * dedupes by key), and the order's own decisions answer "already done" with no event. A
 * customer may cancel mid-saga: every step checks the order first and stops there.
 */
export function checkoutActivities(deps: CheckoutActivityDeps) {
  const load = async (orderId: string) => {
    const found = await deps.orders.get(orderId);
    if (!found) throw new Error(`Order ${orderId} does not exist`);
    return found;
  };

  /** One provider call when it can (authorise and capture); 3-D Secure answers "confirm first". */
  async function charge(o: order.Order, token: string): Promise<ChargeOutcome> {
    const request = {
      idempotencyKey: `${o.id}:authorize`,
      orderId: o.id,
      amount: o.total,
      currency: o.currency,
      token,
    };
    if (deps.payments.charge) return deps.payments.charge(request);
    const outcome = await deps.payments.authorize(request);
    if (outcome.status !== 'authorized') return outcome;
    await deps.payments.capture({ idempotencyKey: `${o.id}:capture`, paymentId: outcome.paymentId, amount: o.total });
    return { status: 'captured', paymentId: outcome.paymentId };
  }

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

  /**
   * A cancelled order may still have been charged by an earlier run of this step that was
   * killed before it recorded the charge: record what the provider holds, so the compensation
   * gives it back.
   */
  async function chargeLeftBehind(o: order.Order): Promise<Stop> {
    if (o.payment || !deps.payments.findPayment) return stopCancelled(o);
    const found = await deps.payments.findPayment(`${o.id}:authorize`);
    if (!found) return stopCancelled(o);
    if (found.captured) {
      await deps.orders.update(o.id, (c) => {
        const events: OrderEvent[] = [...order.authorizePayment(c, found.paymentId)];
        return [...events, ...order.capturePayment(order.evolveAll(c, events))];
      });
    }
    return stop(o.cancellationReason ?? 'customer_request', found.paymentId);
  }

  return {
    async reserveStock({ orderId }: OrderRef): Promise<Reserved> {
      const o = await load(orderId);
      if (cancelled(o)) return stopCancelled(o);
      if (o.stockReserved) return OK;
      const result = await deps.stock.reserve(orderId, o.items, deps.reservationTtlSeconds);
      if (!result.reserved) return stop('out_of_stock');
      await deps.orders.update(orderId, (current) => order.reserveStock(current));
      return OK;
    },

    /**
     * Pays and confirms: charge (authorise and capture in one provider call), commit the
     * reservation, then record payment and confirmation in one transaction. A 3-D Secure
     * payment stops at "requires confirmation"; after the approval the saga calls this step
     * again with the payment id, and it captures. Re-running it after any part is safe: the
     * charge replays under its key, commit answers "committed", the decisions answer "done".
     */
    async payAndConfirm({ orderId, paymentToken, approvedPaymentId }: PayInput): Promise<Paid> {
      const o = await load(orderId);
      if (cancelled(o)) return chargeLeftBehind(o);
      if (o.status === 'CONFIRMED') return { ok: true, status: 'confirmed' };
      let paymentId = o.payment?.paymentId ?? approvedPaymentId;
      let captured = (o.payment?.captured ?? 0) >= o.total;
      if (paymentId === undefined) {
        const outcome = await charge(o, paymentToken);
        if (outcome.status === 'declined') return stop('payment_declined', outcome.paymentId);
        if (outcome.status === 'requires_confirmation') {
          return { ok: true, status: 'requires_confirmation', paymentId: outcome.paymentId };
        }
        paymentId = outcome.paymentId;
        captured = outcome.status === 'captured';
      }
      if (!captured) {
        await deps.payments.capture({ idempotencyKey: `${orderId}:capture`, paymentId, amount: o.total });
      }
      let committed = true;
      try {
        committed = (await deps.stock.commit(orderId)).reserved;
      } catch (err) {
        // The hold expired or was released meanwhile: nothing to sell, so compensate (refund).
        if (!refused(err)) throw err;
        committed = false;
      }
      const paid = paymentId;
      // Payment facts are recorded even when a cancel won the race, so the compensation refunds them.
      const after = await deps.orders.update(orderId, (c) => {
        const events: OrderEvent[] = [...order.authorizePayment(c, paid)];
        const withAuth = events.length ? order.evolveAll(c, events) : c;
        events.push(...order.capturePayment(withAuth));
        if (committed && !cancelled(c)) events.push(...order.confirm(order.evolveAll(c, events)));
        return events;
      });
      if (cancelled(after)) return stopCancelled(after);
      return committed ? { ok: true, status: 'confirmed' } : stop('checkout_failed');
    },

    /**
     * The one compensation: stock back (released, or returned when already sold), the money
     * back (void an open authorisation, refund a capture), CANCELLED; each part idempotent.
     */
    async cancelOrder({ orderId, reason, paymentId }: CancelInput): Promise<{ readonly ok: true }> {
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
        ...order.cancel(c, c.status === 'CANCELLED' ? (c.cancellationReason ?? 'checkout_failed') : reason),
        ...(refundId === undefined ? [] : order.recordRefund(c, refundId)),
      ]);
      deps.logger.info('order cancelled by checkout', { orderId, reason: after.cancellationReason });
      return OK;
    },
  };
}

/** The saga's steps as the workflows see them: names, inputs and results, no I/O. */
export type CheckoutSteps = ReturnType<typeof checkoutActivities>;
