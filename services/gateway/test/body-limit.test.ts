import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { startGateway, type TestGateway } from './support/gateway';
import { eventually, rawRequest } from './support/raw';
import { startUpstream, type TestUpstream } from './support/upstream';

const LIMIT = 64 * 1024;
let product: TestUpstream;
let gateway: TestGateway;

beforeEach(async () => {
  product = await startUpstream('product');
  gateway = await startGateway({ upstreams: { product: product.url }, bodyLimitBytes: LIMIT });
});

afterEach(async () => {
  await gateway.close();
  await product.close();
});

const json = { 'content-type': 'application/json' };

function expectTooLarge(res: { status: number; headers: Record<string, unknown>; body: string }): void {
  expect(res.status).toBe(413);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(res.body)).toMatchObject({
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    type: 'urn:shop:problem:payload-too-large',
  });
  // The rest of the upload is unwanted: the connection is not kept for another request.
  expect(res.headers['connection']).toBe('close');
}

describe('body size limit', () => {
  it('When Content-Length declares more than the limit, then the gateway answers 413 before the service sees anything', async () => {
    // Only the header is sent: the gateway must decide without waiting for the body.
    const res = await rawRequest(gateway.url, {
      method: 'POST',
      path: `/v1/products/${randomUUID()}`,
      headers: { ...json, 'content-length': String(LIMIT + 1) },
      chunks: [Buffer.from('{"a":')],
    });
    expectTooLarge(res);
    expect(product.seen).toHaveLength(0);
  });

  it('When a chunked body grows past the limit, then the gateway answers 413 and the service never receives it whole', async () => {
    const chunk = Buffer.alloc(16 * 1024, 'a');
    const res = await rawRequest(gateway.url, {
      method: 'PUT',
      path: `/v1/products/${randomUUID()}`,
      headers: json, // no content-length: Node sends it chunked
      chunks: Array.from({ length: 12 }, () => chunk), // 192 KiB, three times the limit
      delayMs: 5,
    });
    expectTooLarge(res);
    // The upstream request (if it started) is aborted and never completes.
    await eventually(() => product.seen.every((s) => s.aborted));
    expect(product.seen.filter((s) => s.complete)).toHaveLength(0);
    expect(product.seen.every((s) => s.body.length <= LIMIT)).toBe(true);
  });

  it('When a chunked body stays within the limit, then it streams through to the service intact', async () => {
    const parts = Array.from({ length: 8 }, (_, i) => Buffer.alloc(4 * 1024, String(i)));
    const res = await rawRequest(gateway.url, {
      method: 'POST',
      path: '/v1/products',
      headers: { 'content-type': 'application/octet-stream' },
      chunks: parts,
      delayMs: 2,
    });
    expect(res.status).toBe(200);
    expect(product.seen).toHaveLength(1);
    expect(product.seen[0]!.body).toBe(Buffer.concat(parts).toString('utf8'));
    expect(product.seen[0]!.headers['transfer-encoding']).toBe('chunked');
  });

  it('When Content-Length is exactly the limit, then the body is forwarded with its length', async () => {
    const body = Buffer.alloc(LIMIT, 'z');
    const res = await rawRequest(gateway.url, {
      method: 'POST',
      path: '/v1/products',
      headers: { 'content-type': 'text/plain', 'content-length': String(LIMIT) },
      chunks: [body],
    });
    expect(res.status).toBe(200);
    expect(product.seen[0]!.headers['content-length']).toBe(String(LIMIT));
    expect(product.seen[0]!.body.length).toBe(LIMIT);
  });

  it.each([
    ['over the limit', LIMIT + 1, false, 413],
    ['within the limit', 1024, true, 200],
  ] as const)(
    'When a client asks Expect: 100-continue for a body %s, then it is told to go ahead only when it fits',
    async (_case, length, continues, status) => {
      const { hostname, port } = new URL(gateway.url);
      const outcome = await new Promise<{ continued: boolean; status: number }>((resolve, reject) => {
        let continued = false;
        const req = http.request({
          hostname,
          port,
          method: 'POST',
          path: '/v1/products',
          agent: false,
          headers: { 'content-type': 'text/plain', 'content-length': String(length), expect: '100-continue' },
        });
        req.on('continue', () => {
          continued = true;
          req.end(Buffer.alloc(length, 'c'));
        });
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve({ continued, status: res.statusCode ?? 0 }));
        });
        req.on('error', reject);
        req.flushHeaders(); // send the headers only; the body waits for "100 Continue"
      });
      expect(outcome).toEqual({ continued: continues, status });
      expect(product.seen.filter((s) => s.complete)).toHaveLength(continues ? 1 : 0);
      // The gateway answered the expectation itself; the service gets a plain request.
      for (const seen of product.seen) expect(seen.headers['expect']).toBeUndefined();
    },
  );
});
