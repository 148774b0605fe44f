// The product service's parts on a real FerretDB: REST through supertest, gRPC on a free
// port, real EdDSA tokens, and the events it publishes collected in memory.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import * as grpc from '@grpc/grpc-js';
import {
  productContract,
  reservationStatus,
  type CheckedReservationResult,
  type ReservationResult__Output,
  type ReservationStatus,
} from '@shop/contracts';
import {
  createAccessTokenSigner,
  createAuthenticator,
  createGrpcServer,
  createHealthRouter,
  createLogger,
  createMetrics,
  createRestApp,
  generateSigningKey,
  httpRequestRecorder,
  withFastLane,
  publicJwkOf,
  type AccessTokenSigner,
  type Logger,
} from '@shop/service-kit';
import type { RequestListener } from 'node:http';
import type { Express } from 'express';
import { MongoClient } from 'mongodb';
import { createKeyedMutex } from '@shop/service-kit/keyed-mutex';
import { createCatalogReadModel, withReadModel } from '../../src/data-access/catalog-cache';
import { withCachedCategories } from '../../src/data-access/category-cache';
import { createCategoryRepository } from '../../src/data-access/category-repository';
import { openProductStore, type ProductStore } from '../../src/data-access/mongodb';
import { createOutboxStore } from '../../src/data-access/outbox-repository';
import { createProductRepository } from '../../src/data-access/product-repository';
import { createReservationRepository } from '../../src/data-access/reservation-repository';
import { createReviewRepository } from '../../src/data-access/review-repository';
import { createEventRelay } from '../../src/domain/event-relay';
import { createInventoryFeed } from '../../src/domain/inventory-feed';
import type { DomainEvent, EventPublisher } from '../../src/domain/ports';
import { createLimiter } from '../../src/domain/limiter';
import { createStockTaker } from '../../src/domain/stock-taker';
import type { InventoryDeps } from '../../src/domain/use-cases/inventory';
import type { ProductDeps } from '../../src/domain/use-cases/products';
import { createProductGrpcService } from '../../src/entry-points/grpc/product-grpc-service';
import { productFastLane } from '../../src/entry-points/rest/http-fast-lane';
import { createRepresentationCache } from '../../src/entry-points/rest/http-cache';
import { mountProductRoutes } from '../../src/entry-points/rest/routes';
import { startFerretDb, type RunningFerret } from './ferretdb';

export interface Harness {
  /** The REST server's listener, as main.ts wires it: the fast lane, then the Express app. */
  readonly http: RequestListener;
  /** The Express app alone (the full chain), to compare the fast lane against. */
  readonly express: Express;
  readonly grpcClient: grpc.Client;
  readonly store: ProductStore;
  /** The FerretDB (or MongoDB) database URL, for a second harness on the same data. */
  readonly url: string;
  readonly app: ProductParts;
  readonly events: DomainEvent[];
  readonly logs: string[];
  readonly logger: Logger;
  adminToken(): Promise<string>;
  userToken(userId?: string): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  lowStockThreshold?: number;
  reservationTtlSeconds?: number;
  /** Replaces the default publisher (which collects into `events`); may reject, as Dapr's does. */
  publish?: (event: DomainEvent) => Promise<void>;
  /** Opens this database instead of a fresh FerretDB (a second "process" on the same data). */
  mongodbUrl?: string;
  /** The read model's full-reload period (0: reads go to the store); 1 s unless given. */
  readModelRefreshMs?: number;
}

/** The product service's parts, wired as main.ts wires them (stores, use cases, relay, feed). */
function wireProduct(o: {
  store: ProductStore;
  events: EventPublisher;
  logger: Logger;
  lowStockThreshold: number;
  reservationTtlSeconds: number;
  listingCacheMs: number;
  readModelRefreshMs: number;
}) {
  const { store, logger } = o;
  const clock = { now: () => new Date() };
  const ids = { newId: () => randomUUID() };
  const mutex = createKeyedMutex();
  const feed = createInventoryFeed();
  const refreshMs = o.readModelRefreshMs;
  const stored = createProductRepository(store, o.listingCacheMs);
  const readModel = refreshMs > 0 ? createCatalogReadModel(store, stored, { refreshMs, logger }) : undefined;
  const products = readModel ? withReadModel(stored, readModel) : stored;
  const categories =
    refreshMs > 0 ? withCachedCategories(createCategoryRepository(store), refreshMs) : createCategoryRepository(store);
  // Shorter relay timeouts and backoff than production's, so the tests do not wait for them.
  const outbox = createEventRelay({
    backoffBaseMs: 100,
    backoffMaxMs: 500,
    publishTimeoutMs: 2_000,
    outbox: createOutboxStore(store),
    publisher: o.events,
    mutex,
    logger,
  });
  const catalog: ProductDeps = {
    products,
    categories,
    outbox,
    clock,
    ids,
    mutex,
    ...(readModel ? { reads: readModel } : {}),
  };
  const inventory: InventoryDeps = {
    products,
    reservations: createReservationRepository(store),
    outbox,
    feed,
    clock,
    mutex,
    lowStockThreshold: o.lowStockThreshold,
    reservationTtlSeconds: o.reservationTtlSeconds,
    taker: createStockTaker(products, mutex),
    // Enough in flight for the taker to batch, few enough to bound FerretDB's connections.
    reserving: createLimiter(16),
  };
  const representations = createRepresentationCache();
  const useCases = {
    products: catalog,
    categories: { categories, clock, ids },
    inventory,
    reviews: { reviews: createReviewRepository(store), products, clock, ids, mutex },
  };
  return {
    ...useCases,
    feed,
    readModel,
    outbox,
    grpcService: createProductGrpcService({ products, inventory, feed }),
    routes: (app: Express, auth: Parameters<typeof mountProductRoutes>[2]) =>
      mountProductRoutes(app, useCases, auth, representations),
    fastLane: productFastLane(catalog, representations),
  };
}
export type ProductParts = ReturnType<typeof wireProduct>;

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const ferret: RunningFerret = options.mongodbUrl
    ? { url: options.mongodbUrl, stop: async () => undefined }
    : await startFerretDb();
  const store = await openProductStore(ferret.url);
  const logs: string[] = [];
  const logger = createLogger('product', 'info', {
    destination: new Writable({ write: (chunk, _enc, done) => (logs.push(String(chunk)), done()) }),
  });
  const jwk = await generateSigningKey();
  const signer: AccessTokenSigner = await createAccessTokenSigner(jwk);
  const auth = createAuthenticator({ logger, daprGrpcPort: 1, fetchJwks: async () => ({ keys: [publicJwkOf(jwk)] }) });
  const events: DomainEvent[] = [];
  const app = wireProduct({
    store,
    events: { publish: options.publish ?? (async (e) => void events.push(e)) },
    logger,
    lowStockThreshold: options.lowStockThreshold ?? 5,
    reservationTtlSeconds: options.reservationTtlSeconds ?? 900,
    listingCacheMs: 2_000, // as in production, so the tests also prove writes clear it
    readModelRefreshMs: options.readModelRefreshMs ?? 1_000,
  });
  const metrics = createMetrics('product');
  const health = createHealthRouter({ checks: { mongodb: () => store.ping() }, daprHttpPort: 1 });
  const express = createRestApp({
    service: 'product',
    logger,
    metrics,
    health,
    configure: (express) => app.routes(express, auth),
  });
  const http = withFastLane(app.fastLane({ logger, record: httpRequestRecorder(metrics) }), express);
  const server = createGrpcServer({ logger, metrics, services: [app.grpcService] });
  const port = await server.start('127.0.0.1', 0);
  const grpcClient = productContract.dial(`127.0.0.1:${port}`);

  return {
    http,
    express,
    grpcClient,
    store,
    app,
    events,
    logs,
    logger,
    url: ferret.url,
    adminToken: async () => (await signer.sign({ userId: `admin-${randomUUID()}`, roles: ['admin'] })).token,
    userToken: async (userId = `user-${randomUUID()}`) => (await signer.sign({ userId, roles: ['customer'] })).token,
    async close() {
      grpcClient.close();
      await app.readModel?.stop();
      await server.stop(100);
      await auth.stop();
      if (!options.mongodbUrl) await store.db.dropDatabase().catch(() => undefined);
      await store.stop();
      await ferret.stop();
    },
  };
}

type UnaryFn<Res> = (
  req: object,
  opts: grpc.CallOptions,
  cb: (err: grpc.ServiceError | null, res?: Res) => void,
) => void;
export type StreamFn = (req: object) => grpc.ClientReadableStream<{ stock: number }>;

/** Promise wrapper for a unary call on the test's direct gRPC client. */
export function call<Res>(client: grpc.Client, method: string, request: object): Promise<Res> {
  return new Promise((resolve, reject) => {
    const fn = (client as unknown as Record<string, UnaryFn<Res>>)[method]!;
    fn.call(client, request, { deadline: Date.now() + 30_000 }, (err, res) =>
      err ? reject(err) : resolve(res as Res),
    );
  });
}

/** A stock call as order reads it: the status in the domain's spelling (the proto's enum, decoded). */
export async function stockCall(
  client: grpc.Client,
  method: 'ReserveStock' | 'ReleaseStock' | 'CommitStock' | 'ReturnStock',
  request: object,
): Promise<Omit<ReservationResult__Output, 'status'> & { status: ReservationStatus }> {
  const result = await call<CheckedReservationResult>(client, method, request);
  return { ...result, status: reservationStatus.fromWire(result.status) };
}

export { MongoClient };
