import { randomUUID } from 'node:crypto';
import type * as grpc from '@grpc/grpc-js';
import { collectStream, diagnosticsThrough, eventually, logLines, unary } from '../support/shop';

interface EchoReply {
  message: string;
  service: string;
  trace_id: string;
}
interface Tick {
  remaining: number;
  service: string;
}

describe('Service invocation over gRPC through the sidecars', () => {
  let viaOrder: grpc.Client;
  beforeAll(() => {
    viaOrder = diagnosticsThrough('order', 'order');
  });
  afterAll(() => viaOrder.close());

  test('When order relays an Echo to product through Dapr, then product answers it', async () => {
    const message = `hello-${randomUUID()}`;
    const reply = await unary<EchoReply>(viaOrder, 'Relay', { target_app_id: 'product', message });
    expect(reply.service).toBe('product');
    expect(reply.message).toBe(message);
    expect(reply.trace_id).toMatch(/^[0-9a-f]{32}$/);
  });

  test('When order relays a Countdown stream from product, then every tick arrives in order', async () => {
    const ticks = await collectStream<Tick>(viaOrder, 'RelayCountdown', {
      target_app_id: 'product',
      from: 5,
      interval_ms: 20,
    });
    expect(ticks.map((t) => t.remaining)).toEqual([4, 3, 2, 1, 0]);
    expect(new Set(ticks.map((t) => t.service))).toEqual(new Set(['product']));
  });

  test('When one call crosses order and product, then one trace id appears in the logs of both services', async () => {
    const message = `trace-${randomUUID()}`;
    const reply = await unary<EchoReply>(viaOrder, 'Relay', { target_app_id: 'product', message });
    const traceId = reply.trace_id;
    const withTrace = (svc: string) => logLines(svc).filter((l) => l.traceId === traceId);
    await eventually(() => withTrace('product').length > 0 && withTrace('order').length > 0);
    expect(withTrace('order').map((l) => l.message)).toContain('diagnostics relay');
    expect(withTrace('product').map((l) => l.message)).toContain('diagnostics echo');
  });

  test('When a relay names an app that does not exist, then the caller gets a clear error and nothing crashes', async () => {
    await expect(unary(viaOrder, 'Relay', { target_app_id: 'Not An App!', message: 'x' })).rejects.toMatchObject({
      code: 3,
    });
    const again = await unary<EchoReply>(viaOrder, 'Relay', { target_app_id: 'product', message: 'still-up' });
    expect(again.service).toBe('product');
  });
});
