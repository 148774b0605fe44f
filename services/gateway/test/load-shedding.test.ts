import request from 'supertest';
import { createLoadShedder } from '../src/entry-points/load-shedding';
import { startGateway, type TestGateway } from './support/gateway';
import { eventually } from './support/raw';
import { startUpstream, type TestUpstream } from './support/upstream';

const opened: Array<{ close(): Promise<void> } | { stop(): Promise<void> }> = [];
const track = <T extends { close(): Promise<void> } | { stop(): Promise<void> }>(thing: T): T => (
  opened.push(thing),
  thing
);
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => ('close' in o ? o.close() : o.stop())));
});

describe('load shedding', () => {
  it('When an upstream has its limit of requests open, then the next one gets 503 with Retry-After at once and the open ones still complete', async () => {
    const held: Array<() => void> = [];
    const slow: TestUpstream = track(
      await startUpstream('product', (_req, res) => {
        held.push(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
      }),
    );
    const shedder = track(createLoadShedder({ maxLagMs: 0, retryAfterSeconds: 2 }));
    const gateway: TestGateway = track(
      await startGateway({ upstreams: { product: slow.url }, shedder, upstreamMaxInFlight: 2 }),
    );

    const open = [request(gateway.url).get('/v1/products/a'), request(gateway.url).get('/v1/categories')].map((r) =>
      r.then((x) => x),
    );
    await eventually(() => held.length === 2);
    const started = Date.now();
    const shed = await request(gateway.url).get('/v1/products/b');

    expect(shed.status).toBe(503);
    expect(shed.headers['retry-after']).toBe('2');
    expect(shed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(shed.body).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(slow.seen).toHaveLength(2); // the shed request never reached the upstream
    held.forEach((release) => release());
    expect((await Promise.all(open)).map((r) => r.status)).toEqual([200, 200]);
  });

  it('When the event loop runs late, then new requests get 503 with Retry-After until it catches up', async () => {
    const shedder = track(createLoadShedder({ maxLagMs: 20, retryAfterSeconds: 1, sampleMs: 10 }));
    const upstream = track(await startUpstream('product'));
    const gateway = track(await startGateway({ upstreams: { product: upstream.url }, shedder }));

    // The CPU stays spent for a while (one slow tick alone is smoothed away): timers fire late.
    // Well past the limit, so the samples taken while the request is on its way (each decays the
    // smoothed lag by a tenth) cannot bring it back under the limit before it arrives.
    for (let i = 0; i < 30 && shedder.lagMs() <= 40; i += 1) {
      const busyUntil = Date.now() + 100;
      while (Date.now() < busyUntil);
      await new Promise((r) => setTimeout(r, 12));
    }
    expect(shedder.lagMs()).toBeGreaterThan(20);
    const shed = await request(gateway.url).get('/v1/products/x');
    expect(shed.status).toBe(503);
    expect(shed.headers['retry-after']).toBe('1');

    await eventually(() => shedder.lagMs() < 20, 5_000);
    expect((await request(gateway.url).get('/v1/products/x')).status).toBe(200);
  });
});
