import { AppError } from '@shop/service-kit';
import type { RecordedEvent } from '../events';
import * as order from '../order';
import type { Order } from '../order';
import type { OrderDeps, Page } from '../ports';

const notFound = () => new AppError('NOT_FOUND', 'No such order');

/** One user's order. Another user's order is "not found", never "forbidden": ids leak nothing. */
export async function getOwnOrder(deps: OrderDeps, userId: string, orderId: string): Promise<Order> {
  const found = await deps.orders.get(orderId);
  if (!found || found.userId !== userId) throw notFound();
  return found;
}

export const listOwnOrders = (deps: OrderDeps, userId: string, page: Page) => deps.orders.list(userId, page);

export async function ownOrderHistory(deps: OrderDeps, userId: string, orderId: string): Promise<RecordedEvent[]> {
  await getOwnOrder(deps, userId, orderId);
  return deps.orders.history(orderId);
}

/**
 * The customer's cancel (before shipping). Captured money is refunded under the key
 * `orderId:refund`, so a retried cancel refunds once; stock release is the saga's job.
 */
export async function cancelOwnOrder(deps: OrderDeps, userId: string, orderId: string): Promise<Order> {
  const current = await getOwnOrder(deps, userId, orderId);
  order.cancel(current, 'customer_request'); // refuses a shipped order before any money moves
  let refundId: string | undefined;
  if (order.refundDue(current) > 0 && current.payment) {
    const refund = await deps.payments.refund({
      idempotencyKey: `${orderId}:refund`,
      paymentId: current.payment.paymentId,
      amount: order.refundDue(current),
    });
    refundId = refund.refundId;
  }
  return deps.orders.update(orderId, (o) => [
    ...order.cancel(o, 'customer_request'),
    ...(refundId === undefined ? [] : order.recordRefund(o, refundId)),
  ]);
}

export async function shipOrder(
  deps: OrderDeps,
  orderId: string,
  shipment: { carrier: string; trackingNumber: string },
): Promise<Order> {
  if (!(await deps.orders.get(orderId))) throw notFound();
  return deps.orders.update(orderId, (o) => order.ship(o, shipment));
}

export async function deliverOrder(deps: OrderDeps, orderId: string): Promise<Order> {
  if (!(await deps.orders.get(orderId))) throw notFound();
  return deps.orders.update(orderId, (o) => order.deliver(o));
}
