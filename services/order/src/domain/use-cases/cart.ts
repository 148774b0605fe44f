import { AppError, isAppError } from '@shop/service-kit/errors';
import { createKeyedMutex } from '@shop/service-kit/keyed-mutex';
import { retry } from '@shop/service-kit/retry';
import type { CartLine, OrderDeps } from '../ports';

/** Per-line cap: a cart is not a bulk-purchase channel, and the cap bounds every total. */
export const MAX_QUANTITY = 99;
export const MAX_LINES = 50;
// One shopper's writes are serialised in this process, so a burst of them (ten tabs, a client
// adding ten products at once) waits its turn instead of racing. Writers in other replicas
// can still race: the loser re-reads and re-applies its change (ETag conflict), with jitter.
const cartWrites = createKeyedMutex();
const SAVE_ATTEMPTS = 10;

export interface CartView {
  readonly items: {
    productId: string;
    name: string;
    quantity: number;
    unitPrice: number;
    available: boolean;
  }[];
  readonly subtotal: number;
  readonly currency: string | null;
}

/** The cart with current prices and availability (a product gone from the catalog shows unavailable). */
export async function viewCart(deps: OrderDeps, userId: string): Promise<CartView> {
  const { items } = await deps.carts.load(userId);
  return viewOf(deps, items);
}

/** The view of these lines (the cart as a write just saved it: no second read of the store). */
async function viewOf(deps: OrderDeps, items: readonly CartLine[]): Promise<CartView> {
  if (items.length === 0) return { items: [], subtotal: 0, currency: null };
  const products = await (deps.cartCatalog ?? deps.catalog).getProducts(items.map((i) => i.productId));
  let subtotal = 0;
  let currency: string | null = null;
  const lines = items.map((item) => {
    const p = products.get(item.productId);
    const found = p?.found === true;
    if (found) {
      subtotal += p.price * item.quantity;
      currency ??= p.currency;
    }
    return {
      productId: item.productId,
      name: found ? p.name : '',
      quantity: item.quantity,
      unitPrice: found ? p.price : 0,
      available: found && p.available >= item.quantity,
    };
  });
  return { items: lines, subtotal, currency };
}

function modify(deps: OrderDeps, userId: string, change: (items: CartLine[]) => CartLine[]): Promise<CartLine[]> {
  return cartWrites.run([userId], () => saveWithRetry(deps, userId, change));
}

function saveWithRetry(deps: OrderDeps, userId: string, change: (items: CartLine[]) => CartLine[]) {
  return retry(
    async () => {
      const cart = await deps.carts.load(userId);
      const items = change([...cart.items]);
      await deps.carts.save(userId, items, cart.etag);
      return items;
    },
    {
      attempts: SAVE_ATTEMPTS,
      backoff: { initialMs: 5, maxMs: 50, jitter: 'full' },
      retryIf: (err) => isAppError(err) && err.code === 'CONFLICT',
    },
  );
}

/** Sets a line's quantity (an absolute value, so a retried PUT changes nothing). */
export async function setCartItem(
  deps: OrderDeps,
  userId: string,
  productId: string,
  quantity: number,
): Promise<CartView> {
  const product = (await (deps.cartCatalog ?? deps.catalog).getProducts([productId])).get(productId);
  if (!product?.found) throw new AppError('NOT_FOUND', 'No such product');
  const saved = await modify(deps, userId, (items) => {
    const others = items.filter((i) => i.productId !== productId);
    if (others.length >= MAX_LINES) throw new AppError('CONFLICT', `A cart holds at most ${MAX_LINES} products`);
    const at = items.findIndex((i) => i.productId === productId);
    const line = { productId, quantity: Math.min(quantity, MAX_QUANTITY) };
    if (at === -1) return [...items, line];
    items[at] = line;
    return items;
  });
  return viewOf(deps, saved);
}

export async function removeCartItem(deps: OrderDeps, userId: string, productId: string): Promise<CartView> {
  return viewOf(deps, await modify(deps, userId, (items) => items.filter((i) => i.productId !== productId)));
}

export async function clearCart(deps: OrderDeps, userId: string): Promise<void> {
  await cartWrites.run([userId], () => deps.carts.clear(userId));
}
