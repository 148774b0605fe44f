import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { trace } from '@opentelemetry/api';
import { createDaprClient, getSecret, publishEvent, waitForSidecar } from '../src/dapr';
import { loadProto, serviceClient } from '../src/proto';
import { startTracing, type Tracing } from '../src/tracing';
import { captureLogs, freePort } from './helpers';

interface PublishRequest {
  pubsub_name: string;
  topic: string;
  data: Buffer;
  data_content_type: string;
  metadata: Record<string, string>;
}

/**
 * A stand-in for the sidecar's gRPC API, built from the Dapr protos in @dapr/dapr: it
 * records publishes and serves one multi-valued secret. The SDK's own client talks to it.
 */
async function fakeDaprApi() {
  const published: PublishRequest[] = [];
  const server = new grpc.Server();
  server.addService(serviceClient(loadProto('dapr/proto/runtime/v1/dapr.proto'), 'dapr.proto.runtime.v1.Dapr').service, {
    PublishEvent: (call: grpc.ServerUnaryCall<PublishRequest, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      published.push(call.request);
      callback(null, {});
    },
    GetSecret: (
      call: grpc.ServerUnaryCall<{ store_name: string; key: string }, unknown>,
      callback: grpc.sendUnaryData<unknown>,
    ) => {
      if (call.request.store_name === 'secretstore' && call.request.key === 'postgres') {
        callback(null, { data: { username: 'shop', password: 'dev-only' } });
        return;
      }
      callback({ code: grpc.status.NOT_FOUND, details: 'secret not found' });
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return { port, published, stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())) };
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
      expect(req).toMatchObject({ pubsub_name: 'pubsub', topic: 'orders.placed', data_content_type: 'application/json' });
      expect(JSON.parse(req!.data.toString('utf8'))).toEqual({ orderId: 'o-1' });
      expect(req!.metadata['cloudevent.id']).toBe('order-o-1-placed');
      expect(req!.metadata['cloudevent.traceparent']).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    } finally {
      await api.stop();
    }
  });

  test('When the sidecar is down, then publishEvent rejects with UNAVAILABLE and the SDK logs go to the JSON log', async () => {
    const { logger, lines } = captureLogs('order');
    const client = createDaprClient({ daprGrpcPort: await freePort(), logger });

    const err = await publishEvent(client, 'pubsub', 'orders.placed', { orderId: 'o-2' }).catch((e: unknown) => e);

    expect(err).toMatchObject({ code: 'UNAVAILABLE', status: 503 });
    expect(await lines()).toContainEqual(expect.objectContaining({ level: 'error', sdk: 'dapr', service: 'order' }));
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
