import * as grpc from '@grpc/grpc-js';
import { productContract } from '@shop/contracts';
import { Registry } from 'prom-client';
import { backoffDelay, startInventoryWatch } from '../src/entry-points/events/inventory-watch';
import { captureLogs } from './support';

jest.setTimeout(20_000);

type Watch = grpc.ServerWritableStream<unknown, unknown>;

/**
 * A stand-in for product behind the sidecar: a real grpc-js server for the product proto
 * (only WatchInventory answers) on an ephemeral loopback port that can die and come back.
 */
function productServer() {
  const definition = productContract.definition();
  const watches: Watch[] = [];
  let server: grpc.Server | undefined;
  let port = 0;
  let onWatch = () => {};
  return {
    watches,
    get port() {
      return port;
    },
    async start() {
      server = new grpc.Server();
      server.addService(definition, {
        WatchInventory(call: Watch) {
          watches.push(call);
          onWatch();
        },
      });
      port = await new Promise<number>((resolve, reject) =>
        server!.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err, p) =>
          err ? reject(err) : resolve(p),
        ),
      );
    },
    kill() {
      server?.forceShutdown();
    },
    /** Resolves once `n` streams have been opened in total. */
    async watchesOpened(n: number, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (watches.length < n) {
        if (Date.now() > deadline) throw new Error(`only ${watches.length} of ${n} streams opened`);
        await new Promise<void>((resolve) => {
          onWatch = resolve;
          setTimeout(resolve, 50);
        });
      }
      return watches[n - 1]!;
    },
  };
}

function recordingCache() {
  const stock: Array<[string, number, number]> = [];
  let invalidations = 0;
  return {
    stock,
    invalidations: () => invalidations,
    applyStock(id: string, s: number, version: number) {
      stock.push([id, s, version]);
      return true;
    },
    invalidateAll() {
      invalidations += 1;
    },
  };
}

const until = async (check: () => boolean, timeoutMs = 5_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('inventory watch', () => {
  test('When the backoff grows, then each delay stays within its jittered step and the cap', () => {
    expect(backoffDelay(1, 200, 30_000, () => 0)).toBe(100);
    expect(backoffDelay(1, 200, 30_000, () => 1)).toBe(200);
    expect(backoffDelay(4, 200, 30_000, () => 1)).toBe(1_600);
    expect(backoffDelay(20, 200, 30_000, () => 0)).toBe(15_000);
    expect(backoffDelay(20, 200, 30_000, () => 1)).toBe(30_000);
  });

  test("When the stream ends, then the watcher reconnects, empties the cache and applies the new stream's updates", async () => {
    const server = productServer();
    await server.start();
    const cache = recordingCache();
    const registry = new Registry();
    const { logger } = captureLogs();
    const watch = startInventoryWatch({
      cache,
      appId: 'product',
      daprGrpcPort: server.port,
      logger,
      registry,
      initialDelayMs: 20,
      maxDelayMs: 100,
    });
    try {
      const first = await server.watchesOpened(1);
      expect(first.request).toMatchObject({ product_ids: [] });
      expect(first.metadata.get('dapr-app-id')).toEqual(['product']);
      expect(first.metadata.get('dapr-stream')).toEqual(['true']); // resiliency covers the setup only
      first.write({ product_id: 'p-1', stock: 5, version: 3 });
      await until(() => cache.stock.length === 1);
      const before = cache.invalidations();

      first.end();
      const second = await server.watchesOpened(2);
      second.write({ product_id: 'p-1', stock: 2, version: 4 });
      await until(() => cache.stock.length === 2);

      expect(cache.stock).toEqual([
        ['p-1', 5, 3],
        ['p-1', 2, 4],
      ]);
      expect(cache.invalidations()).toBe(before + 2); // when the first broke, when the second opened
      expect(await registry.getSingleMetricAsString('inventory_watch_reconnects_total')).toMatch(/ 1$/);
      expect(await registry.getSingleMetricAsString('inventory_watch_open')).toMatch(/ 1$/);
    } finally {
      await watch.stop();
      server.kill();
    }
  });

  test('When product dies and comes back, then the watcher retries with growing delays, logs them and resumes', async () => {
    const server = productServer();
    await server.start();
    const cache = recordingCache();
    const logs = captureLogs();
    const watch = startInventoryWatch({
      cache,
      appId: 'product',
      daprGrpcPort: server.port,
      logger: logs.logger,
      initialDelayMs: 20,
      maxDelayMs: 160,
    });
    try {
      await server.watchesOpened(1);
      server.kill();
      await until(() => (logs.text().match(/inventory watch reconnecting/g) ?? []).length >= 4);
      await server.start(); // same port
      const back = await server.watchesOpened(2);
      back.write({ product_id: 'p-2', stock: 0, version: 9 });
      await until(() => cache.stock.length === 1);

      const retries = logs
        .text()
        .split('\n')
        .filter((l) => l.includes('inventory watch reconnecting'))
        .map((l) => JSON.parse(l) as { level: string; attempt: number; delayMs: number });
      expect(retries.every((r) => r.level === 'warn')).toBe(true);
      expect(retries.slice(0, 4).map((r) => r.attempt)).toEqual([1, 2, 3, 4]);
      expect(retries.every((r) => r.delayMs <= 160)).toBe(true);
      expect(cache.stock).toEqual([['p-2', 0, 9]]);
    } finally {
      await watch.stop();
      server.kill();
    }
  });

  test('When the watcher is stopped, then its stream is cancelled and it does not reconnect', async () => {
    const server = productServer();
    await server.start();
    const { logger } = captureLogs();
    const watch = startInventoryWatch({
      cache: recordingCache(),
      appId: 'product',
      daprGrpcPort: server.port,
      logger,
      initialDelayMs: 10,
    });
    try {
      const first = await server.watchesOpened(1);
      const cancelled = new Promise<void>((resolve) => first.once('cancelled', () => resolve()));

      await watch.stop();
      await cancelled;
      await new Promise((r) => setTimeout(r, 100));

      expect(server.watches).toHaveLength(1);
    } finally {
      server.kill();
    }
  });
});
