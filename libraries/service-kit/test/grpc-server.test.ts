import * as grpc from '@grpc/grpc-js';
import {
  appCallbackHealthCheckService,
  appCallbackService,
  diagnosticsContract,
  type SidecarService,
} from '@shop/contracts';
import { z } from 'zod';
import { createDiagnosticsService } from '../src/diagnostics';
import { defineSubscription, type EventDedupe, type EventMeta, type Subscription } from '../src/events';
import { createInMemoryDedupeForTests } from '../src/testing/dedupe';
import { createGrpcServer, type GrpcServer } from '../src/grpc-server';
import { createMetrics, type Metrics } from '../src/metrics';
import { startTracing, type Tracing } from '../src/tracing';
import { captureLogs, freePort, sample, type LogLine } from './helpers';

/* eslint-disable @typescript-eslint/no-explicit-any -- proto-loader clients are untyped */
type AnyClient = grpc.Client & Record<string, any>;

interface Harness {
  server: GrpcServer;
  address: string;
  metrics: Metrics;
  lines: () => Promise<LogLine[]>;
}

async function startServer(
  subscriptions: Subscription[] = [],
  dedupe: EventDedupe = createInMemoryDedupeForTests(),
): Promise<Harness> {
  const { logger, lines } = captureLogs('product');
  const metrics = createMetrics('product');
  const port = await freePort();
  // The server doubles as the "sidecar" for Relay: it answers the dapr-app-id routed call itself.
  const diagnostics = createDiagnosticsService({ service: 'product', logger, daprGrpcPort: port });
  const server = createGrpcServer({
    logger,
    metrics,
    services: [diagnostics],
    appCallback: { subscriptions, dedupe },
  });
  await server.start('127.0.0.1', port);
  return { server, address: `127.0.0.1:${port}`, metrics, lines };
}

function diagnosticsClient(address: string): AnyClient {
  return diagnosticsContract.dial(address) as unknown as AnyClient;
}

function appCallbackClient(address: string, service: SidecarService = appCallbackService): AnyClient {
  const Ctor = service.client();
  return new Ctor(address, grpc.credentials.createInsecure()) as AnyClient;
}

function unary(client: AnyClient, method: string, req: unknown, metadata = new grpc.Metadata()): Promise<any> {
  return new Promise((resolve, reject) =>
    client[method](req, metadata, (err: grpc.ServiceError | null, res: unknown) => (err ? reject(err) : resolve(res))),
  );
}

function collect(stream: grpc.ClientReadableStream<unknown>): Promise<unknown[]> {
  const items: unknown[] = [];
  return new Promise((resolve, reject) => {
    stream.on('data', (item) => items.push(item));
    stream.on('error', reject);
    stream.on('end', () => resolve(items));
  });
}

function topicEvent(fields: { id: string; topic: string; data: unknown; traceparent?: string }) {
  return {
    id: fields.id,
    source: 'order',
    type: 'com.dapr.event.sent',
    spec_version: '1.0',
    data_content_type: 'application/json',
    data: Buffer.from(typeof fields.data === 'string' ? fields.data : JSON.stringify(fields.data)),
    topic: fields.topic,
    pubsub_name: 'pubsub',
    extensions: fields.traceparent ? { fields: { traceparent: { stringValue: fields.traceparent } } } : null,
  };
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let tracing: Tracing;
beforeAll(() => {
  tracing = startTracing({ serviceName: 'grpc-test' });
});
afterAll(() => tracing.shutdown());

describe('gRPC server: the services it hosts', () => {
  let h: Harness;
  let client: AnyClient;
  beforeEach(async () => {
    h = await startServer();
    client = diagnosticsClient(h.address);
  });
  afterEach(async () => {
    client.close();
    await h.server.stop(100);
  });

  test('When Echo is called with a traceparent, then the reply and the handler log carry that trace id', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const metadata = new grpc.Metadata();
    metadata.set('traceparent', `00-${traceId}-00f067aa0ba902b7-01`);

    const reply = await unary(client, 'Echo', { message: 'hi' }, metadata);

    expect(reply).toEqual({ message: 'hi', service: 'product', trace_id: traceId });
    const handlerLine = (await h.lines()).find((l) => l['message'] === 'diagnostics echo');
    expect(handlerLine).toMatchObject({ traceId });
  });

  test('When Echo succeeds, then one call log line and the handled metric record it', async () => {
    await unary(client, 'Echo', { message: 'hi' });

    const calls = (await h.lines()).filter((l) => l['message'] === 'grpc call');
    expect(calls).toEqual([expect.objectContaining({ method: `/${diagnosticsContract.service}/Echo`, code: 'OK' })]);
    const text = await h.metrics.registry.metrics();
    expect(sample(text, 'grpc_server_handled_total', { grpc_method: 'Echo', grpc_code: 'OK' })).toBe(1);
  });

  test('When a request is invalid, then the call fails INVALID_ARGUMENT with the VALIDATION_FAILED code', async () => {
    const err: grpc.ServiceError = await unary(client, 'Echo', { message: 'x'.repeat(1_001) }).catch((e) => e);

    expect(err.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(err.metadata.get('x-error-code')).toEqual(['VALIDATION_FAILED']);
  });

  test('When Countdown is called, then the stream sends `from` ticks down to zero and ends', async () => {
    const ticks = await collect(client['Countdown']({ from: 3, interval_ms: 5 }));

    expect(ticks).toEqual([
      { remaining: 2, service: 'product' },
      { remaining: 1, service: 'product' },
      { remaining: 0, service: 'product' },
    ]);
  });

  test('When Countdown asks for more than 100 ticks, then the stream fails INVALID_ARGUMENT', async () => {
    const err: grpc.ServiceError = await collect(client['Countdown']({ from: 101, interval_ms: 5 })).catch((e) => e);

    expect(err.code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  test("When Relay targets a known app, then the reply comes from that app's Echo within the same trace", async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const metadata = new grpc.Metadata();
    metadata.set('traceparent', `00-${traceId}-b7ad6b7169203331-01`);

    const reply = await unary(client, 'Relay', { target_app_id: 'product', message: 'via sidecar' }, metadata);

    expect(reply).toEqual({ message: 'via sidecar', service: 'product', trace_id: traceId });
  });

  test('When Relay targets an unknown app id, then the call fails INVALID_ARGUMENT', async () => {
    const err: grpc.ServiceError = await unary(client, 'Relay', {
      target_app_id: 'evil.example.com',
      message: 'x',
    }).catch((e) => e);

    expect(err.code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  test('When RelayCountdown targets a known app, then its ticks are forwarded', async () => {
    const ticks = await collect(client['RelayCountdown']({ target_app_id: 'product', from: 2, interval_ms: 5 }));

    expect(ticks).toEqual([
      { remaining: 1, service: 'product' },
      { remaining: 0, service: 'product' },
    ]);
  });

  test('When the server stops while a stream is open, then stop ends it after the grace period and records it cancelled', async () => {
    const stream = client['Countdown']({ from: 100, interval_ms: 1_000 });
    const outcome = collect(stream).catch((e: grpc.ServiceError) => e);
    await new Promise((resolve) => stream.once('data', resolve));

    const started = Date.now();
    await h.server.stop(200);

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await outcome).toBeInstanceOf(Error);
    await waitFor(async () =>
      (await h.lines()).some(
        (l) => l['method'] === `/${diagnosticsContract.service}/Countdown` && l['code'] === 'CANCELLED',
      ),
    );
  });
});

describe('gRPC server: Dapr AppCallback', () => {
  const orderPlaced = z.object({ orderId: z.string(), total: z.number().int() });

  function recordingSubscription(failFirst = 0) {
    const handled: Array<{ data: unknown; meta: EventMeta }> = [];
    let failures = failFirst;
    const subscription = defineSubscription({
      pubsubName: 'pubsub',
      topic: 'orders.placed',
      schema: orderPlaced,
      deadLetterTopic: 'orders.placed.dead',
      async handler(data, meta) {
        if (failures > 0) {
          failures -= 1;
          throw new Error('database briefly unavailable');
        }
        handled.push({ data, meta });
      },
    });
    return { subscription, handled };
  }

  async function withServer(
    subscription: Subscription,
    run: (h: Harness, client: AnyClient) => Promise<void>,
    dedupe?: EventDedupe,
  ) {
    const h = await startServer([subscription], dedupe);
    const client = appCallbackClient(h.address);
    try {
      await run(h, client);
    } finally {
      client.close();
      await h.server.stop(100);
    }
  }

  test('When Dapr lists subscriptions, then each topic is returned with its dead-letter topic', async () => {
    const { subscription } = recordingSubscription();
    await withServer(subscription, async (_h, client) => {
      const res = await unary(client, 'ListTopicSubscriptions', {});

      expect(res.subscriptions).toEqual([
        expect.objectContaining({
          pubsub_name: 'pubsub',
          topic: 'orders.placed',
          dead_letter_topic: 'orders.placed.dead',
        }),
      ]);
    });
  });

  test('When the same event id is delivered twice, then the handler runs once and the second is a duplicate', async () => {
    const { subscription, handled } = recordingSubscription();
    await withServer(subscription, async (h, client) => {
      const event = topicEvent({ id: 'evt-1', topic: 'orders.placed', data: { orderId: 'o-1', total: 1999 } });

      const first = await unary(client, 'OnTopicEvent', event);
      const second = await unary(client, 'OnTopicEvent', event);

      expect([first.status, second.status]).toEqual(['SUCCESS', 'SUCCESS']);
      expect(handled).toHaveLength(1);
      expect(handled[0]).toMatchObject({
        data: { orderId: 'o-1', total: 1999 },
        meta: { id: 'evt-1', source: 'order' },
      });
      const text = await h.metrics.registry.metrics();
      expect(sample(text, 'pubsub_events_total', { topic: 'orders.placed', outcome: 'processed' })).toBe(1);
      expect(sample(text, 'pubsub_events_total', { topic: 'orders.placed', outcome: 'duplicate' })).toBe(1);
    });
  });

  test('When an idempotent subscription gets the same event twice, then the handler runs twice and nothing is claimed', async () => {
    const handled: string[] = [];
    const subscription = defineSubscription({
      pubsubName: 'pubsub',
      topic: 'orders.placed',
      schema: orderPlaced,
      idempotent: true,
      handler: async (data) => void handled.push(data.orderId),
    });
    const claims: string[] = [];
    const dedupe = { claim: async (id: string) => (claims.push(id), true) };
    await withServer(
      subscription,
      async (_h, client) => {
        const event = topicEvent({ id: 'evt-i', topic: 'orders.placed', data: { orderId: 'o-9', total: 5 } });
        await unary(client, 'OnTopicEvent', event);
        await unary(client, 'OnTopicEvent', event);
      },
      dedupe,
    );
    expect(handled).toEqual(['o-9', 'o-9']);
    expect(claims).toEqual([]);
  });

  test('When the event data fails its schema, then it is dropped and never handled', async () => {
    const { subscription, handled } = recordingSubscription();
    await withServer(subscription, async (h, client) => {
      const res = await unary(
        client,
        'OnTopicEvent',
        topicEvent({ id: 'evt-2', topic: 'orders.placed', data: { orderId: 7 } }),
      );
      const garbage = await unary(
        client,
        'OnTopicEvent',
        topicEvent({ id: 'evt-3', topic: 'orders.placed', data: '{not json' }),
      );

      expect([res.status, garbage.status]).toEqual(['DROP', 'DROP']);
      expect(handled).toHaveLength(0);
      const text = await h.metrics.registry.metrics();
      expect(sample(text, 'pubsub_events_total', { outcome: 'invalid' })).toBe(2);
    });
  });

  test('When the handler throws, then Dapr is told to RETRY and the redelivery is handled', async () => {
    const { subscription, handled } = recordingSubscription(1);
    await withServer(subscription, async (h, client) => {
      const event = topicEvent({ id: 'evt-4', topic: 'orders.placed', data: { orderId: 'o-4', total: 5 } });

      const first = await unary(client, 'OnTopicEvent', event);
      const redelivery = await unary(client, 'OnTopicEvent', event);

      expect([first.status, redelivery.status]).toEqual(['RETRY', 'SUCCESS']);
      expect(handled).toHaveLength(1);
      const text = await h.metrics.registry.metrics();
      expect(sample(text, 'pubsub_events_total', { outcome: 'retry' })).toBe(1);
      expect(sample(text, 'pubsub_events_total', { outcome: 'processed' })).toBe(1);
    });
  });

  test('When the event carries a traceparent, then logs inside the handler continue that trace', async () => {
    const { logger, lines } = captureLogs('order');
    const traceId = '5bf92f3577b34da6a3ce929d0e0e4736';
    const subscription = defineSubscription({
      pubsubName: 'pubsub',
      topic: 'orders.placed',
      schema: orderPlaced,
      async handler() {
        logger.info('handling order');
      },
    });
    await withServer(subscription, async (_h, client) => {
      const event = topicEvent({
        id: 'evt-5',
        topic: 'orders.placed',
        data: { orderId: 'o-5', total: 1 },
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      });

      await unary(client, 'OnTopicEvent', event);

      const line = (await lines()).find((l) => l['message'] === 'handling order');
      expect(line).toMatchObject({ traceId, requestId: 'evt-5' });
    });
  });

  test('When Dapr probes app health or calls OnInvoke, then HealthCheck is ok and OnInvoke is UNIMPLEMENTED', async () => {
    const { subscription } = recordingSubscription();
    await withServer(subscription, async (h, client) => {
      const healthClient = appCallbackClient(h.address, appCallbackHealthCheckService);

      await expect(unary(healthClient, 'HealthCheck', {})).resolves.toEqual({});
      const err: grpc.ServiceError = await unary(client, 'OnInvoke', { method: 'x' }).catch((e) => e);
      expect(err.code).toBe(grpc.status.UNIMPLEMENTED);
      healthClient.close();
    });
  });
});
