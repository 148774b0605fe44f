import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { productContract, reservationStatus } from '@shop/contracts';
import { createServiceClient } from '@shop/service-kit';
import { databaseName, host, infrastructurePorts } from '@shop/topology';
import { MongoClient } from 'mongodb';
import { send } from '../support/api';
import { PROFILE, ROOT, ports, unary } from '../support/shop';
import { insertProduct } from '../support/shopper';

interface Update {
  product_id: string;
  stock: number;
  version: string;
}
interface Result {
  status: string;
  reserved: boolean;
}

const mongoUrl =
  process.env.MONGODB_URL ??
  `mongodb://${host}:${infrastructurePorts(PROFILE).ferretdb.port}/${databaseName('product', PROFILE)}`;
const productThrough = (via: 'order') =>
  createServiceClient(productContract.client(), {
    appId: 'product',
    daprGrpcPort: ports(via).daprGrpcPort,
    host,
  });

describe('Product inventory through the real sidecars', () => {
  let mongo: MongoClient;
  let viaOrder: grpc.Client;
  beforeAll(async () => {
    mongo = await MongoClient.connect(mongoUrl);
    viaOrder = productThrough('order');
  });
  afterAll(async () => {
    viaOrder.close();
    await mongo.close();
  });

  test('When order watches a product through Dapr and stock is reserved, then the change arrives on the stream', async () => {
    const productId = await insertProduct(mongo, 7);
    const stream = (
      viaOrder as unknown as Record<string, (req: object, opts: grpc.CallOptions) => grpc.ClientReadableStream<Update>>
    )['WatchInventory']!.call(
      viaOrder,
      { product_ids: [productId], send_initial: true },
      { deadline: Date.now() + 60_000 },
    );
    const updates: Update[] = [];
    const waiters: Array<() => void> = [];
    let failure: grpc.ServiceError | undefined;
    const wake = () => waiters.splice(0).forEach((w) => w());
    stream.on('data', (u: Update) => (updates.push(u), wake()));
    stream.on('error', (err: grpc.ServiceError) => {
      if (err.code !== 1) failure = err; // 1 = CANCELLED, our own cancel below
      wake();
    });
    const arrived = async (n: number) => {
      while (updates.length < n) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    };
    await arrived(1); // the initial level: the stream is open end to end
    const second = arrived(2);
    const result = await unary<Result>(viaOrder, 'ReserveStock', {
      order_id: randomUUID(),
      items: [{ product_id: productId, quantity: 3 }],
      ttl_seconds: 60,
    });
    expect(result).toMatchObject({ status: reservationStatus.toWire('reserved'), reserved: true });
    await second;
    stream.cancel();
    expect(updates.map((u) => [u.product_id, u.stock])).toEqual([
      [productId, 7],
      [productId, 4],
    ]);
  });

  test('When the same order is reserved twice through Dapr, then one hold is taken and the gateway shows the stock left', async () => {
    const productId = await insertProduct(mongo, 5);
    const orderId = randomUUID();
    const request = { order_id: orderId, items: [{ product_id: productId, quantity: 2 }], ttl_seconds: 60 };
    await Promise.all([unary(viaOrder, 'ReserveStock', request), unary(viaOrder, 'ReserveStock', request)]);
    // A revalidating client (no-cache) sees the stock at once; a cached page may lag by its max-age.
    const fresh = { headers: { 'cache-control': 'no-cache' } };
    const res = await send('GET', `/v1/products/${productId}`, fresh);
    expect(res.status).toBe(200);
    expect(res.body['stock']).toBe(3);
    expect((await unary<Result>(viaOrder, 'ReleaseStock', { order_id: orderId })).status).toBe(
      reservationStatus.toWire('released'),
    );
    expect((await send('GET', `/v1/products/${productId}`, fresh)).body['stock']).toBe(5);
  });

  test('When stock is reserved, then the product page through the gateway shows it within the documented bound, and 304 answers revalidation', async () => {
    const productId = await insertProduct(mongo, 9);
    const url = `/v1/products/${productId}`;
    expect((await send('GET', url)).body['stock']).toBe(9); // now cached for max-age
    await unary(viaOrder, 'ReserveStock', {
      order_id: randomUUID(),
      items: [{ product_id: productId, quantity: 4 }],
      ttl_seconds: 60,
    });
    const reserved = Date.now();
    let seenAfterMs = -1;
    while (Date.now() - reserved < 5_000) {
      if ((await send('GET', url)).body['stock'] === 5) {
        seenAfterMs = Date.now() - reserved;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    // The bound for a write through the product replica: the catalog's max-age (2 s), plus slack.
    expect(seenAfterMs).toBeGreaterThanOrEqual(0);
    expect(seenAfterMs).toBeLessThanOrEqual(3_000);
    const page = await send('GET', url);
    const etag = String(page.headers['etag']);
    expect(etag).toMatch(/^"/);
    expect((await send('GET', url, { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  test('When the demo catalog is seeded, then list and get through the gateway answer and their latency is reported', async () => {
    execFileSync(process.execPath, [join(ROOT, 'services/product/dist/entry-points/cli/seed.js')], {
      env: { ...process.env, MONGODB_URL: mongoUrl, LOG_LEVEL: 'warn' },
    });
    const base = '/v1/products';
    const listing = await send('GET', `${base}?category=laptops&pageSize=20`);
    expect(listing.status).toBe(200);
    const first = listing.body as { items: { id: string }[]; total: number };
    expect(first.total).toBeGreaterThanOrEqual(50);
    /** `concurrency` clients share the urls; prints latency percentiles and throughput. */
    const measure = async (label: string, urls: string[], concurrency = 1) => {
      const times: number[] = [];
      const queue = [...urls];
      const started = Date.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
            const t = process.hrtime.bigint();
            const res = await send('GET', url);
            expect(res.status).toBe(200);
            times.push(Number(process.hrtime.bigint() - t) / 1e6);
          }
        }),
      );
      times.sort((a, b) => a - b);
      const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
      process.stdout.write(
        `${label}: n=${times.length} c=${concurrency} p50=${q(0.5)}ms p95=${q(0.95)}ms p99=${q(0.99)}ms ${((times.length * 1000) / (Date.now() - started)).toFixed(0)} req/s\n`,
      );
    };
    const ids = first.items.map((p) => p.id);
    await measure(
      'GET /v1/products/{id} via gateway',
      Array.from({ length: 200 }, (_, i) => `${base}/${ids[i % ids.length]}`),
    );
    // Distinct queries miss the listing micro-cache (each is a scan in FerretDB); repeated pages hit it.
    await measure(
      'GET /v1/products?category&sort&minPrice (uncached) via gateway',
      Array.from({ length: 20 }, (_, i) => `${base}?category=electronics&sort=-price&minPrice=${i + 1}`),
    );
    await measure(
      'GET /v1/products/{id} via gateway',
      Array.from({ length: 400 }, (_, i) => `${base}/${ids[i % ids.length]}`),
      10,
    );
    await measure(
      'GET /v1/products?category&sort (one popular page) via gateway',
      Array.from({ length: 300 }, () => `${base}?category=electronics&sort=-price&pageSize=20`),
      10,
    );
    await measure(
      'GET /v1/products?search (uncached) via gateway',
      Array.from(
        { length: 12 },
        (_, i) => `${base}?search=${['laptop', 'running shoe', 'tent', 'phone pro'][i % 4]}&page=${i + 1}&pageSize=1`,
      ),
    );
  });
});
