import type { Logger } from '@shop/service-kit/log';
import type { OrderEvent, RecordedEvent, ShippingAddress } from './events';
import type { Order } from './order';
import type { OrderChanges } from './order-changes';
import type { PaymentProvider } from './payment';

export interface NewOrder {
  readonly id: string;
  readonly userId: string;
  readonly idempotencyKey: string;
  /** A digest of the request: the same key with a different request is refused. */
  readonly requestHash: string;
  /** The provider's payment token, kept with the owed checkout saga until it has started. */
  readonly paymentToken: string;
  readonly placed: Extract<OrderEvent, { type: 'OrderPlaced' }>;
}

export interface Page {
  readonly page: number;
  readonly pageSize: number;
}

export interface OrderStore {
  /**
   * Claims the key and appends OrderPlaced in one transaction. When the key is already
   * claimed (also by a concurrent request) it answers the existing order id instead;
   * `order` is the order as the transaction wrote it, when it created one.
   */
  place(order: NewOrder): Promise<{ orderId: string; created: boolean; requestHash: string; order?: Order }>;
  findByKey(userId: string, key: string): Promise<{ orderId: string; requestHash: string } | undefined>;
  /**
   * Loads the order under a row lock, appends what `decide` returns and updates the
   * projection and the outbox in the same transaction. Answers the order after the change.
   */
  update(orderId: string, decide: (order: Order) => OrderEvent[]): Promise<Order>;
  /** The projection (read model). */
  get(orderId: string): Promise<Order | undefined>;
  list(userId: string, page: Page): Promise<{ items: Order[]; total: number }>;
  history(orderId: string): Promise<RecordedEvent[]>;
}

export interface ProductInfo {
  readonly id: string;
  readonly found: boolean;
  readonly name: string;
  readonly price: number;
  readonly currency: string;
  readonly available: number;
}

/** The product service (GetProducts through Dapr). */
export interface Catalog {
  getProducts(ids: readonly string[]): Promise<Map<string, ProductInfo>>;
}

/** The user service (GetAddress through Dapr): undefined for another user's or an unknown address. */
export interface AddressBook {
  getAddress(userId: string, addressId: string): Promise<ShippingAddress | undefined>;
}

export interface CartLine {
  readonly productId: string;
  readonly quantity: number;
}

export interface StoredCart {
  readonly items: readonly CartLine[];
  /** The state store's ETag; undefined when the cart was never saved. */
  readonly etag: string | undefined;
}

/** The cart in the Dapr state store, with optimistic concurrency. */
export interface CartStore {
  load(userId: string): Promise<StoredCart>;
  /** Throws a CONFLICT AppError when the ETag is stale (another tab saved first). */
  save(userId: string, items: readonly CartLine[], etag: string | undefined): Promise<void>;
  clear(userId: string): Promise<void>;
}

/**
 * Starts the sagas an order owes (idempotent per order: the instance id derives from the
 * order id) and feeds them outside events. A start that fails is not lost: the store keeps
 * the owed start and a recovery sweep retries it.
 */
export interface CheckoutStarter {
  start(orderId: string, paymentToken: string): Promise<void>;
  /** The compensation of a CONFIRMED order the customer cancelled (refund, stock back). */
  startCancellation(orderId: string): Promise<void>;
  /** Wakes a PENDING order's saga (it may be waiting for a 3-D Secure answer) after a cancel. */
  cancellationRequested(orderId: string): Promise<void>;
  /** The provider's asynchronous answer (3-D Secure) for the order's saga. */
  paymentConfirmed(orderId: string, approved: boolean): Promise<void>;
}

export interface OrderDeps {
  readonly orders: OrderStore;
  readonly catalog: Catalog;
  /** What the cart reads (a cache kept fresh by product's events); checkout always uses `catalog`. */
  readonly cartCatalog?: Catalog;
  readonly addresses: AddressBook;
  readonly carts: CartStore;
  readonly checkout: CheckoutStarter;
  /** Wakes `Prefer: wait` readers when an order changes; without it a wait re-reads once a second. */
  readonly orderChanges?: Pick<OrderChanges, 'next'>;
  readonly payments: PaymentProvider;
  readonly logger: Logger;
  readonly newId: () => string;
}
