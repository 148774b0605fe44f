import { randomUUID } from 'node:crypto';
import type { OrderEvent, RecordedEvent } from '../src/domain/events';
import * as order from '../src/domain/order';
import { ADDRESS } from './support';

const placed: OrderEvent = {
  type: 'OrderPlaced',
  data: {
    userId: 'u1',
    items: [{ productId: 'p1', name: 'Kettle', quantity: 2, unitPrice: 500 }],
    total: 1000,
    currency: 'USD',
    shippingAddress: ADDRESS,
  },
};

function history(...events: OrderEvent[]): RecordedEvent[] {
  const orderId = randomUUID();
  return events.map(
    (e, i) => ({ ...e, orderId, seq: i + 1, at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)) }) as RecordedEvent,
  );
}

describe('the order aggregate', () => {
  test('When the saga events are folded, then the order is CONFIRMED with its payment and version', () => {
    const o = order.rebuild(
      history(
        placed,
        { type: 'StockReserved', data: {} },
        { type: 'PaymentAuthorized', data: { paymentId: 'pay', amount: 1000 } },
        { type: 'PaymentCaptured', data: { paymentId: 'pay', amount: 1000 } },
        { type: 'OrderConfirmed', data: {} },
      ),
    );

    expect(o).toMatchObject({
      status: 'CONFIRMED',
      version: 5,
      stockReserved: true,
      payment: { captured: 1000, refunded: 0 },
    });
    expect(o?.updatedAt.toISOString()).toBe('2026-01-01T00:00:04.000Z');
  });

  test('When an order is not reserved and paid, then confirming it is refused', () => {
    const o = order.rebuild(history(placed, { type: 'StockReserved', data: {} }))!;

    expect(() => order.confirm(o)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });

  test('When a command is repeated, then the second time produces no event (idempotent decisions)', () => {
    const o = order.rebuild(
      history(
        placed,
        { type: 'StockReserved', data: {} },
        { type: 'OrderCancelled', data: { reason: 'out_of_stock' } },
      ),
    )!;

    expect(order.reserveStock(o)).toEqual([]);
    expect(order.cancel(o, 'customer_request')).toEqual([]);
    expect(o.cancellationReason).toBe('out_of_stock');
  });

  test('When an order is shipped or delivered, then it can no longer be cancelled; a pending one cannot ship', () => {
    const pending = order.rebuild(history(placed))!;
    const shipped = order.rebuild(
      history(
        placed,
        { type: 'StockReserved', data: {} },
        { type: 'PaymentAuthorized', data: { paymentId: 'pay', amount: 1000 } },
        { type: 'PaymentCaptured', data: { paymentId: 'pay', amount: 1000 } },
        { type: 'OrderConfirmed', data: {} },
        { type: 'OrderShipped', data: { carrier: 'DHL', trackingNumber: 'T' } },
      ),
    )!;

    expect(() => order.ship(pending, { carrier: 'DHL', trackingNumber: 'T' })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    expect(() => order.cancel(shipped, 'customer_request')).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(order.deliver(shipped)).toEqual([{ type: 'OrderDelivered', data: {} }]);
  });

  test('When a refund is recorded, then only what was captured and not yet refunded is due', () => {
    const paid = order.rebuild(
      history(
        placed,
        { type: 'PaymentAuthorized', data: { paymentId: 'pay', amount: 1000 } },
        { type: 'PaymentCaptured', data: { paymentId: 'pay', amount: 1000 } },
      ),
    )!;
    const [refund] = order.recordRefund(paid, 'r1');
    const refunded = order.rebuild([
      ...history(
        placed,
        { type: 'PaymentAuthorized', data: { paymentId: 'pay', amount: 1000 } },
        { type: 'PaymentCaptured', data: { paymentId: 'pay', amount: 1000 } },
        refund!,
      ),
    ])!;

    expect(refund).toEqual({ type: 'RefundIssued', data: { paymentId: 'pay', refundId: 'r1', amount: 1000 } });
    expect(order.refundDue(refunded)).toBe(0);
    expect(order.recordRefund(refunded, 'r2')).toEqual([]);
  });

  test('When a history is inconsistent, then rebuilding fails loudly instead of inventing state', () => {
    expect(() => order.rebuild(history({ type: 'OrderConfirmed', data: {} }))).toThrow(/before OrderPlaced/);
    expect(() => order.rebuild(history(placed, placed))).toThrow(/placed twice/);
  });
});
