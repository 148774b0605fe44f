// A FAKE payment provider (named as such): the external HTTP API the order service's real
// adapter talks to through the Dapr HTTPEndpoint. It behaves like a provider where it matters
// to the adapter: idempotency keys replay the first answer, failures can be injected (503,
// 429), answers take some latency, and it records what reached it (headers included).
import { createHash } from 'node:crypto';
import http from 'node:http';

export interface ReceivedCall {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly body: Record<string, unknown>;
}

export interface FakePaymentProvider {
  readonly calls: ReceivedCall[];
  /** The next `count` calls answer with `status` before doing anything. */
  failNext(count: number, status: number): void;
  close(): Promise<void>;
}

export async function startFakePaymentProvider(url: string, latencyMs = 20): Promise<FakePaymentProvider> {
  const calls: ReceivedCall[] = [];
  const replies = new Map<string, { status: number; body: object }>();
  let failures = { count: 0, status: 503 };
  const answer = (path: string, body: Record<string, unknown>): { status: number; body: object } => {
    const id = `fake_${createHash('sha256')
      .update(String(body['idempotencyKey'] ?? ''))
      .digest('hex')
      .slice(0, 16)}`;
    if (path === '/authorizations') {
      if (body['token'] === 'tok_decline')
        return { status: 200, body: { status: 'declined', paymentId: id, reason: 'card_declined' } };
      return {
        status: 200,
        body: { status: body['token'] === 'tok_3ds' ? 'requires_confirmation' : 'authorized', paymentId: id },
      };
    }
    if (path === '/captures') return { status: 200, body: { captureId: `cap_${id}` } };
    if (path === '/refunds') return { status: 200, body: { refundId: `ref_${id}` } };
    if (path === '/voids') return { status: 204, body: {} };
    return { status: 404, body: { error: 'no such operation' } };
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      setTimeout(() => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
        const key = req.headers['idempotency-key'] as string | undefined;
        calls.push({ path: req.url ?? '', authorization: req.headers.authorization, idempotencyKey: key, body });
        if (failures.count > 0) {
          failures = { ...failures, count: failures.count - 1 };
          res.writeHead(failures.status).end();
          return;
        }
        const scoped = `${req.url}:${key}`;
        const reply = replies.get(scoped) ?? answer(req.url ?? '', body);
        if (key && reply.status < 300) replies.set(scoped, reply);
        res
          .writeHead(reply.status, { 'content-type': 'application/json' })
          .end(reply.status === 204 ? undefined : JSON.stringify(reply.body));
      }, latencyMs);
    });
  });
  const { hostname, port } = new URL(url);
  await new Promise<void>((resolve) => server.listen(Number(port), hostname, resolve));
  return {
    calls,
    failNext: (count, status) => void (failures = { count, status }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
