import { AppError } from '@shop/service-kit/errors';
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

/** The longest a reader may ask to wait (below the gateway's 30 s proxy timeout). */
export const MAX_WAIT_SECONDS = 20;
/** A change committed by another replica is not announced here: re-read at least this often. */
const RECHECK_MS = 2_000;

/**
 * One user's order, waiting up to `waitSeconds` for it to leave PENDING (a client learns the
 * outcome of its checkout without polling hard). Answers as soon as the status changes, or
 * the order as it is when the wait is over.
 */
export async function awaitOwnOrder(
  deps: OrderDeps,
  userId: string,
  orderId: string,
  waitSeconds: number,
): Promise<Order> {
  let found = await getOwnOrder(deps, userId, orderId);
  const deadline = Date.now() + Math.min(waitSeconds, MAX_WAIT_SECONDS) * 1000;
  while (found.status === 'PENDING' && Date.now() < deadline) {
    const slice = Math.min(RECHECK_MS, deadline - Date.now());
    if (deps.orderChanges) await deps.orderChanges.next(orderId, slice);
    else await new Promise((r) => setTimeout(r, slice));
    found = (await deps.orders.get(orderId)) ?? found;
  }
  return found;
}

export const listOwnOrders = (deps: OrderDeps, userId: string, page: Page) => deps.orders.list(userId, page);

export async function ownOrderHistory(deps: OrderDeps, userId: string, orderId: string): Promise<RecordedEvent[]> {
  await getOwnOrder(deps, userId, orderId);
  return deps.orders.history(orderId);
}

/**
 * The customer's cancel (before shipping). The decision is one event appended under the
 * order's lock, so it cannot race a shipment; the giving back is the saga machinery's:
 * a PENDING order's checkout saga compensates at its next step (woken if it waits for a
 * 3-D Secure answer), a CONFIRMED order owes a cancellation saga (stored with the event)
 * that returns its stock and refunds the capture, each once per order.
 */
export async function cancelOwnOrder(deps: OrderDeps, userId: string, orderId: string): Promise<Order> {
  await getOwnOrder(deps, userId, orderId);
  let before: Order['status'] | undefined;
  const after = await deps.orders.update(orderId, (o) => {
    before = o.status;
    return order.cancel(o, 'customer_request'); // refuses a shipped order
  });
  if (before === 'PENDING') {
    // Best effort: a saga that misses the wake-up still stops at its next step or its timeout.
    await deps.checkout
      .cancellationRequested(orderId)
      .catch((err: unknown) => deps.logger.warn('checkout saga not woken for a cancel', { orderId, err }));
  } else if (before === 'CONFIRMED') {
    // A failed start stays owed in the store; the recovery sweep starts it.
    await deps.checkout
      .startCancellation(orderId)
      .catch((err: unknown) => deps.logger.warn('cancellation saga start deferred', { orderId, err }));
  }
  if (before !== 'CANCELLED') deps.logger.info('order cancelled by the customer', { orderId, userId, was: before });
  return after;
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
