// What the order service's tests share: a real PostgreSQL database per suite (migrated once),
// the REST app wired as main.ts wires it, in-memory stand-ins for the peers reached through
// Dapr (catalog, addresses, cart state, workflow start), and tokens signed with a test key.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Pool } from 'pg';
import { migratedTestDatabase } from '@shop/postgres';
import {
  createAccessTokenSigner,
  createAuthenticator,
  createHealthRouter,
  createLogger,
  createMetrics,
  createRestApp,
  generateSigningKey,
  publicJwkOf,
  type Logger,
} from '@shop/service-kit';
import { createOrderStore } from '../src/data-access/order-repository';
import {
  createSimulatedPaymentProvider,
  type SimulatedPaymentProvider,
} from '../src/data-access/simulated-payment-client';
import type { ShippingAddress } from '../src/domain/events';
import { createOrderChanges } from '../src/domain/order-changes';
import type { OrderDeps, ProductInfo } from '../src/domain/ports';
import { checkoutActivities } from '../src/checkout/activities';
import { retryingTransient } from '../src/checkout/steps';
import { fakeStock, inMemoryCarts } from './fakes';
import { mountOrderRoutes } from '../src/entry-points/rest/routes';

/** The real migrations (the shared ones and the order service's) on a database of its own. */
export const migratedDatabase = (name: string): Promise<Pool> =>
  migratedTestDatabase(name, join(__dirname, '..', 'migrations'), 12);

export function captureLogs(): { logger: Logger; text: () => string } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('order', 'debug', { destination }), text: () => chunks.join('') };
}

export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789';

export const ADDRESS: ShippingAddress = {
  recipient: 'Ada Lovelace',
  line1: '12 Analytical Street',
  city: 'London',
  postalCode: 'NW1 2DB',
  country: 'GB',
};

export interface Harness {
  readonly pool: Pool;
  readonly deps: OrderDeps;
  readonly app: ReturnType<typeof createRestApp>;
  readonly products: Map<string, ProductInfo>;
  /** userId → their address ids. */
  readonly addresses: Map<string, Set<string>>;
  readonly started: { orderId: string; paymentToken: string }[];
  readonly confirmations: { orderId: string; approved: boolean }[];
  /** What cancels asked of the saga machinery: wake the checkout saga, or start a compensation. */
  readonly signals: { orderId: string; signal: 'cancellation-saga' | 'cancellation-requested' }[];
  readonly payments: SimulatedPaymentProvider;
  readonly logs: ReturnType<typeof captureLogs>;
  product(overrides?: Partial<ProductInfo>): ProductInfo;
  customer(roles?: readonly string[]): Promise<{ id: string; addressId: string; auth: { Authorization: string } }>;
  close(): Promise<void>;
}

export async function orderHarness(database: string): Promise<Harness> {
  const pool = await migratedDatabase(database);
  const logs = captureLogs();
  const products = new Map<string, ProductInfo>();
  const addresses = new Map<string, Set<string>>();
  const started: { orderId: string; paymentToken: string }[] = [];
  const confirmations: { orderId: string; approved: boolean }[] = [];
  const signals: { orderId: string; signal: 'cancellation-saga' | 'cancellation-requested' }[] = [];
  const payments = createSimulatedPaymentProvider();
  const orderChanges = createOrderChanges();
  const deps: OrderDeps = {
    orders: createOrderStore(pool, { pubsubName: 'pubsub', onEventsCommitted: (c) => orderChanges.notify(c.after.id) }),
    orderChanges,
    catalog: {
      async getProducts(ids) {
        const m = new Map<string, ProductInfo>();
        for (const id of ids) {
          const p = products.get(id);
          m.set(id, p ?? { id, found: false, name: '', price: 0, currency: '', available: 0 });
        }
        return m;
      },
    },
    addresses: {
      async getAddress(userId, addressId) {
        return addresses.get(userId)?.has(addressId) ? ADDRESS : undefined;
      },
    },
    carts: inMemoryCarts(),
    checkout: {
      async start(orderId, paymentToken) {
        started.push({ orderId, paymentToken });
      },
      async startCancellation(orderId) {
        signals.push({ orderId, signal: 'cancellation-saga' });
      },
      async cancellationRequested(orderId) {
        signals.push({ orderId, signal: 'cancellation-requested' });
      },
      async paymentConfirmed(orderId, approved) {
        confirmations.push({ orderId, approved });
      },
    },
    payments,
    logger: logs.logger,
    newId: randomUUID,
  };
  const jwk = await generateSigningKey();
  const signer = await createAccessTokenSigner(jwk);
  const auth = createAuthenticator({
    logger: logs.logger,
    daprGrpcPort: 1, // never dialled: fetchJwks stands in for auth's GetJwks through Dapr
    fetchJwks: async () => ({ keys: [publicJwkOf(jwk)] }),
  });
  const app = createRestApp({
    service: 'order',
    logger: logs.logger,
    metrics: createMetrics('order'),
    health: createHealthRouter(),
    bodyLimit: '16kb',
    configure: (a) => mountOrderRoutes(a, deps, auth, { secret: WEBHOOK_SECRET }),
  });
  return {
    pool,
    deps,
    app,
    products,
    addresses,
    started,
    confirmations,
    signals,
    payments,
    logs,
    product(overrides = {}) {
      const p: ProductInfo = {
        id: `p-${randomUUID().slice(0, 8)}`,
        found: true,
        name: 'Teapot',
        price: 1999,
        currency: 'USD',
        available: 10,
        ...overrides,
      };
      products.set(p.id, p);
      return p;
    },
    async customer(roles = ['customer']) {
      const id = randomUUID();
      const addressId = randomUUID();
      addresses.set(id, new Set([addressId]));
      const { token } = await signer.sign({ userId: id, roles });
      return { id, addressId, auth: { Authorization: `Bearer ${token}` } };
    },
    close: async () => {
      await auth.stop();
      await pool.end();
    },
  };
}

/** The saga's activities over the harness's store and provider, with product's stock faked. */
export function checkoutSteps(h: Harness, stockLevels: Map<string, number>, retryDelaysMs?: readonly number[]) {
  const steps = checkoutActivities({
    orders: h.deps.orders,
    stock: fakeStock(stockLevels),
    payments: h.payments,
    logger: h.logs.logger,
    reservationTtlSeconds: 600,
  });
  return retryingTransient(steps, h.logs.logger, retryDelaysMs);
}
