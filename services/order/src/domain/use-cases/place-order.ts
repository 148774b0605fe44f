import { createHash } from 'node:crypto';
import { AppError } from '@shop/service-kit/errors';
import type { OrderLine } from '../events';
import type { Order } from '../order';
import type { OrderDeps } from '../ports';

export interface PlaceOrderRequest {
  readonly shippingAddressId: string;
  readonly paymentMethod: { readonly token: string };
}

// Stable key order, so the same request always hashes the same.
const hashOf = (r: PlaceOrderRequest) =>
  createHash('sha256')
    .update(JSON.stringify([r.shippingAddressId, r.paymentMethod.token]))
    .digest('hex');

/**
 * Turns the caller's cart into a PENDING order and starts its checkout saga. The same
 * Idempotency-Key (per user) always answers the same order: the key is claimed in the
 * transaction that appends OrderPlaced, so concurrent duplicates resolve to the winner.
 */
export async function placeOrder(
  deps: OrderDeps,
  userId: string,
  idempotencyKey: string,
  request: PlaceOrderRequest,
): Promise<Order> {
  const requestHash = hashOf(request);
  // No look-up of the key first: the place transaction claims it, and a replay (rare: a client
  // retrying) is found there or, when its cart is empty by now, by the look-up below. A first
  // request, the common case, saves a round trip and a pool connection.

  // The cart (with its prices) and the address are read side by side: neither needs the other,
  // and each is a round trip to another service. The cart's answer is judged first, so the
  // error a request gets does not depend on which read came back first.
  const [cartRead, addressRead] = await Promise.allSettled([
    pricedCart(deps, userId).catch(async (err: unknown) => {
      // The same key's order emptied the cart (a replay, or a twin request that came first):
      // it is the same order, not a conflict.
      const twin = await deps.orders.findByKey(userId, idempotencyKey);
      if (twin) return twin;
      throw err;
    }),
    deps.addresses.getAddress(userId, request.shippingAddressId),
  ]);
  if (cartRead.status === 'rejected') throw cartRead.reason;
  const items = cartRead.value;
  if ('orderId' in items) return replay(deps, items, requestHash);
  if (addressRead.status === 'rejected') throw addressRead.reason;
  const address = addressRead.value;
  if (!address) {
    throw new AppError('VALIDATION_FAILED', 'The shipping address does not exist', {
      errors: [{ path: 'shippingAddressId', message: 'unknown address' }],
    });
  }
  const currency = items.currency;
  const total = items.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  const placed = await deps.orders.place({
    id: deps.newId(),
    userId,
    idempotencyKey,
    requestHash,
    paymentToken: request.paymentMethod.token,
    placed: { type: 'OrderPlaced', data: { userId, items: items.lines, total, currency, shippingAddress: address } },
  });
  if (!placed.created) return replay(deps, placed, requestHash);

  // The saga owed by the order was stored with it, so the answer need not wait for the engine
  // (under load a start queues behind every running saga's work): a start that fails here is
  // retried by the recovery sweep.
  void deps.checkout
    .start(placed.orderId, request.paymentMethod.token)
    .catch((err: unknown) =>
      deps.logger.warn('checkout start deferred to the sweep', { orderId: placed.orderId, err }),
    );
  // The order owns the items now; a failure here only leaves a cart the user can empty.
  // The cart is emptied before the answer; the order is the one the transaction wrote.
  await deps.carts.clear(userId).catch((err: unknown) => deps.logger.warn('cart not cleared', { err, userId }));
  const order = placed.order ?? (await mustGet(deps, placed.orderId));
  deps.logger.info('order placed', { orderId: placed.orderId, userId, total, currency });
  return order;
}

async function replay(
  deps: OrderDeps,
  known: { orderId: string; requestHash: string },
  requestHash: string,
): Promise<Order> {
  if (known.requestHash !== requestHash) {
    throw new AppError('CONFLICT', 'This Idempotency-Key was already used for a different request');
  }
  // A crash between commit and start left the saga owed in the store: the sweep starts it.
  return mustGet(deps, known.orderId);
}

async function mustGet(deps: OrderDeps, orderId: string): Promise<Order> {
  const order = await deps.orders.get(orderId);
  if (!order) throw new Error(`Order ${orderId} vanished after it was written`);
  return order;
}

/** The cart with prices snapshotted now: what the customer pays, whatever the catalog does later. */
async function pricedCart(deps: OrderDeps, userId: string): Promise<{ lines: OrderLine[]; currency: string }> {
  const cart = await deps.carts.load(userId);
  if (cart.items.length === 0) throw new AppError('CONFLICT', 'The cart is empty');
  const products = await deps.catalog.getProducts(cart.items.map((i) => i.productId));
  const lines: OrderLine[] = [];
  const currencies = new Set<string>();
  for (const item of cart.items) {
    const product = products.get(item.productId);
    if (!product?.found) throw new AppError('CONFLICT', `Product ${item.productId} is no longer sold`);
    currencies.add(product.currency);
    lines.push({ productId: product.id, name: product.name, quantity: item.quantity, unitPrice: product.price });
  }
  const [currency] = [...currencies];
  if (currency === undefined || currencies.size > 1) {
    throw new AppError('CONFLICT', 'The cart mixes currencies; one order has one currency');
  }
  return { lines, currency };
}
