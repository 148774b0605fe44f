import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { daprApiService } from '@shop/contracts';
import { trace } from '@opentelemetry/api';
import { createDaprClient, getSecret, publishEvent, waitForSidecar } from '../src/dapr';
import type { AppError } from '../src/errors';
import { httpStatusOf } from '../src/problem';
import { startTracing, type Tracing } from '../src/tracing';
import { captureLogs, freePort } from './helpers';

interface PublishRequest {
  pubsub_name: string;
  topic: string;
  data: Buffer;
  data_content_type: string;
  metadata: Record<string, string>;
}

interface StoredItem {
  key: string;
  value: Buffer;
  etag: { value: string } | null;
  metadata: Record<string, string>;
  options: { concurrency: string; consistency: string } | null;
}

type Handler<Req> = (call: grpc.ServerUnaryCall<Req, unknown>, callback: grpc.sendUnaryData<unknown>) => void;

/**
 * A stand-in for the sidecar's gRPC API, built from the Dapr protos in @dapr/dapr: it
 * records publishes, serves one multi-valued secret and keeps state with first-write ETags.
 */
async function fakeDaprApi() {
  const published: PublishRequest[] = [];
  const saved: StoredItem[] = [];
  const state = new Map<string, { value: Buffer; etag: number }>();
  const server = new grpc.Server();
  const PublishEvent: Handler<PublishRequest> = (call, callback) => {
    published.push(call.request);
    callback(null, {});
  };
  const GetSecret: Handler<{ store_name: string; key: string }> = (call, callback) => {
    if (call.request.store_name === 'secretstore' && call.request.key === 'postgres') {
      callback(null, { data: { username: 'shop', password: 'dev-only' } });
      return;
    }
    callback({ code: grpc.status.NOT_FOUND, details: 'secret not found' });
  };
  const GetState: Handler<{ key: string }> = (call, callback) => {
    const hit = state.get(call.request.key);
    callback(null, hit ? { data: hit.value, etag: String(hit.etag) } : {});
  };
  const SaveState: Handler<{ states: StoredItem[] }> = (call, callback) => {
    for (const item of call.request.states) {
      const current = state.get(item.key);
      if (
        item.options?.concurrency === 'CONCURRENCY_FIRST_WRITE' &&
        current &&
        item.etag?.value !== String(current.etag)
      ) {
        callback({ code: grpc.status.ABORTED, details: 'possible etag mismatch. error from state store' });
        return;
      }
      saved.push(item);
      state.set(item.key, { value: item.value, etag: (current?.etag ?? 0) + 1 });
    }
    callback(null, {});
  };
  const DeleteState: Handler<{ key: string }> = (call, callback) => {
    state.delete(call.request.key);
    callback(null, {});
  };
  server.addService(daprApiService.definition(), {
    PublishEvent,
    GetSecret,
    GetState,
    SaveState,
    DeleteState,
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    port,
    published,
    saved,
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}

let tracing: Tracing;
beforeAll(() => {
  tracing = startTracing({ serviceName: 'dapr-test' });
});
afterAll(() => tracing.shutdown());

describe('publishEvent', () => {
  test('When an event is published inside a span, then the sidecar gets JSON data, the CloudEvent id and the traceparent', async () => {
    const api = await fakeDaprApi();
    try {
      const client = createDaprClient({ daprGrpcPort: api.port });

      const traceId = await trace.getTracer('test').startActiveSpan('place order', async (span) => {
        await publishEvent(client, 'pubsub', 'orders.placed', { orderId: 'o-1' }, { id: 'order-o-1-placed' });
        span.end();
        return span.spanContext().traceId;
      });

      expect(api.published).toHaveLength(1);
      const [req] = api.published;
      expect(req).toMatchObject({
        pubsub_name: 'pubsub',
        topic: 'orders.placed',
        data_content_type: 'application/json',
      });
      expect(JSON.parse(req!.data.toString('utf8'))).toEqual({ orderId: 'o-1' });
      expect(req!.metadata['cloudevent.id']).toBe('order-o-1-placed');
      expect(req!.metadata['cloudevent.traceparent']).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    } finally {
      await api.stop();
    }
  });

  test('When the sidecar is down, then publishEvent rejects with UNAVAILABLE at once and the failed call is logged', async () => {
    const { logger, lines } = captureLogs('order');
    const client = createDaprClient({ daprGrpcPort: await freePort(), logger });

    const started = Date.now();
    const err = await publishEvent(client, 'pubsub', 'orders.placed', { orderId: 'o-2' }).catch((e: unknown) => e);

    expect(err).toMatchObject({ code: 'UNAVAILABLE' });
    expect(httpStatusOf((err as AppError).code)).toBe(503);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await lines()).toContainEqual(
      expect.objectContaining({
        level: 'debug',
        message: 'sidecar call failed',
        method: 'PublishEvent',
        service: 'order',
      }),
    );
  });
});

describe('state', () => {
  test('When a value is saved with first-write concurrency, then it reads back with its ETag and a stale ETag is ABORTED', async () => {
    const api = await fakeDaprApi();
    const client = createDaprClient({ daprGrpcPort: api.port });
    try {
      const empty = await client.getState('cartstore', 'cart-u1');
      await client.saveState('cartstore', [
        {
          key: 'cart-u1',
          value: { items: [1] },
          metadata: { ttlInSeconds: '60' },
          concurrency: 'first-write',
          consistency: 'strong',
        },
      ]);
      const first = await client.getState('cartstore', 'cart-u1');
      await client.saveState('cartstore', [
        { key: 'cart-u1', value: { items: [2] }, etag: first.etag!, concurrency: 'first-write' },
      ]);
      const stale = await client
        .saveState('cartstore', [
          { key: 'cart-u1', value: { items: [3] }, etag: first.etag!, concurrency: 'first-write' },
        ])
        .catch((e: unknown) => e);

      expect(empty).toEqual({ data: undefined, etag: undefined });
      expect(first).toEqual({ data: { items: [1] }, etag: '1' });
      expect(api.saved[0]).toMatchObject({
        metadata: { ttlInSeconds: '60' },
        options: { concurrency: 'CONCURRENCY_FIRST_WRITE', consistency: 'CONSISTENCY_STRONG' },
      });
      expect(stale).toMatchObject({ code: grpc.status.ABORTED });
      expect(await client.getState('cartstore', 'cart-u1')).toEqual({ data: { items: [2] }, etag: '2' });
    } finally {
      await client.stop();
      await api.stop();
    }
  });

  test('When a key is deleted, then it reads back as absent', async () => {
    const api = await fakeDaprApi();
    const client = createDaprClient({ daprGrpcPort: api.port });
    try {
      await client.saveState('cartstore', [{ key: 'cart-u2', value: { items: [] } }]);
      await client.deleteState('cartstore', 'cart-u2');

      expect(await client.getState('cartstore', 'cart-u2')).toEqual({ data: undefined, etag: undefined });
    } finally {
      await client.stop();
      await api.stop();
    }
  });
});

describe('getSecret', () => {
  test('When a secret holds several values, then all of them are returned', async () => {
    const api = await fakeDaprApi();
    try {
      const client = createDaprClient({ daprGrpcPort: api.port });

      const secret = await getSecret(client, 'secretstore', 'postgres');

      expect(secret).toEqual({ username: 'shop', password: 'dev-only' });
    } finally {
      await api.stop();
    }
  });

  test('When the sidecar is down, then getSecret fails fast with UNAVAILABLE', async () => {
    const client = createDaprClient({ daprGrpcPort: await freePort(), logger: captureLogs().logger });

    const started = Date.now();
    const err = await getSecret(client, 'secretstore', 'postgres').catch((e: unknown) => e);

    expect(err).toMatchObject({ code: 'UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe('waitForSidecar', () => {
  async function sidecarReadyAfter(failures: number) {
    let calls = 0;
    const server = http.createServer((req, res) => {
      calls += 1;
      res.writeHead(req.url === '/v1.0/healthz/outbound' && calls > failures ? 204 : 500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      port: (server.address() as AddressInfo).port,
      calls: () => calls,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }

  test('When the sidecar becomes ready after a few probes, then waitForSidecar resolves', async () => {
    const sidecar = await sidecarReadyAfter(2);
    try {
      await waitForSidecar(sidecar.port, 5_000);

      expect(sidecar.calls()).toBe(3);
    } finally {
      await sidecar.close();
    }
  });

  test('When the sidecar never becomes ready, then waitForSidecar rejects UNAVAILABLE after the timeout', async () => {
    const sidecar = await sidecarReadyAfter(Number.MAX_SAFE_INTEGER);
    try {
      const err = await waitForSidecar(sidecar.port, 600).catch((e: unknown) => e);

      expect(err).toMatchObject({ code: 'UNAVAILABLE' });
    } finally {
      await sidecar.close();
    }
  });
});
