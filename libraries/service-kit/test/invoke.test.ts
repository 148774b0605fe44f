import * as grpc from '@grpc/grpc-js';
import { trace } from '@opentelemetry/api';
import { diagnosticsContract } from '@shop/contracts';
import { runWithContext } from '../src/context';
import { AppError } from '../src/errors';
import { toGrpcError } from '../src/grpc-errors';
import { callUnary, createServiceClient } from '../src/invoke';
import { httpStatusOf } from '../src/problem';
import { startTracing, type Tracing } from '../src/tracing';
import { freePort } from './helpers';

/**
 * A stand-in for the local sidecar: a plain grpc-js server (no kit code) that records the
 * metadata of every call and answers Echo, or fails it when the message asks for it.
 */
async function recordingSidecar() {
  const seen: grpc.Metadata[] = [];
  const server = new grpc.Server();
  server.addService(diagnosticsContract.definition(), {
    Echo: (call: grpc.ServerUnaryCall<{ message: string }, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      seen.push(call.metadata);
      if (call.request.message === 'missing') {
        callback(toGrpcError(new AppError('NOT_FOUND', 'Product p-1 does not exist')));
        return;
      }
      callback(null, { message: call.request.message, service: 'sidecar', trace_id: '' });
    },
    Countdown: (call: grpc.ServerWritableStream<unknown, unknown>) => {
      seen.push(call.metadata);
      call.write({ remaining: 0, service: 'sidecar' });
      call.end();
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return { port, seen, stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())) };
}

let tracing: Tracing;
beforeAll(() => {
  tracing = startTracing({ serviceName: 'invoke-test' });
});
afterAll(() => tracing.shutdown());

describe('createServiceClient', () => {
  test('When a unary call is made inside a span and a request, then the sidecar sees dapr-app-id, the trace as grpc-trace-bin only, and the request id', async () => {
    const sidecar = await recordingSidecar();
    const client = createServiceClient(diagnosticsContract.client(), {
      appId: 'product',
      daprGrpcPort: sidecar.port,
    });
    try {
      const traceId = await trace.getTracer('test').startActiveSpan('checkout', async (span) => {
        await runWithContext({ requestId: 'req-9' }, () => callUnary(client, 'Echo', { message: 'hi' }));
        span.end();
        return span.spanContext().traceId;
      });

      const [metadata] = sidecar.seen;
      expect(metadata?.get('dapr-app-id')).toEqual(['product']);
      // traceparent would be duplicated by Dapr's gRPC proxy (dapr/dapr#10462): binary only.
      expect(metadata?.get('traceparent')).toHaveLength(0);
      const [bin] = metadata?.get('grpc-trace-bin') ?? [];
      expect(Buffer.isBuffer(bin)).toBe(true);
      expect((bin as Buffer).subarray(2, 18).toString('hex')).toBe(traceId);
      expect((bin as Buffer)[28]).toBe(1);
      expect(metadata?.get('x-request-id')).toEqual(['req-9']);
    } finally {
      client.close();
      await sidecar.stop();
    }
  });

  test('When a server-streaming call is made, then it carries dapr-app-id too', async () => {
    const sidecar = await recordingSidecar();
    const client = createServiceClient(diagnosticsContract.client(), { appId: 'order', daprGrpcPort: sidecar.port });
    try {
      const stream = (client as unknown as Record<string, (req: unknown) => grpc.ClientReadableStream<unknown>>)[
        'Countdown'
      ]!({ from: 1, interval_ms: 0 });
      await new Promise((resolve, reject) => {
        stream.on('data', () => undefined);
        stream.on('end', resolve);
        stream.on('error', reject);
      });

      expect(sidecar.seen[0]?.get('dapr-app-id')).toEqual(['order']);
    } finally {
      client.close();
      await sidecar.stop();
    }
  });

  test('When the callee fails with one of our codes, then callUnary rejects with the same AppError code and detail', async () => {
    const sidecar = await recordingSidecar();
    const client = createServiceClient(diagnosticsContract.client(), {
      appId: 'product',
      daprGrpcPort: sidecar.port,
    });
    try {
      const err = await callUnary(client, 'Echo', { message: 'missing' }).catch((e: unknown) => e);

      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'NOT_FOUND', detail: 'Product p-1 does not exist' });
      expect(httpStatusOf((err as AppError).code)).toBe(404);
    } finally {
      client.close();
      await sidecar.stop();
    }
  });

  test('When nothing listens on the sidecar port, then callUnary rejects UNAVAILABLE without transport details', async () => {
    const port = await freePort();
    const client = createServiceClient(diagnosticsContract.client(), { appId: 'product', daprGrpcPort: port });
    try {
      const err = await callUnary(client, 'Echo', { message: 'hi' }, { deadlineMs: 2_000 }).catch((e: unknown) => e);

      expect(err).toMatchObject({ code: 'UNAVAILABLE' });
      expect(httpStatusOf((err as AppError).code)).toBe(503);
      expect((err as AppError).detail).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    } finally {
      client.close();
    }
  });

  test('When the app id is not a valid Dapr app id, then no client is created', () => {
    expect(() =>
      createServiceClient(diagnosticsContract.client(), { appId: 'Product/../x', daprGrpcPort: 50101 }),
    ).toThrow(/app id/);
  });
});
