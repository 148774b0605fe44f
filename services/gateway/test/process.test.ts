import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import request from 'supertest';
import { eventually } from './support/raw';
import { startUpstream, type TestUpstream, unusedPortUrl } from './support/upstream';

// The real composition root (src/main.ts, instrument first) in its own Node process, as the
// local runner starts it, with tracing on and real upstream servers.
const MAIN = join(__dirname, '..', 'src', 'main.ts');
const REGISTER = join(__dirname, 'support', 'ts-register.js');

interface RunningGateway {
  readonly url: string;
  readonly child: ChildProcess;
  readonly logs: Array<Record<string, unknown>>;
  exited: Promise<number | null>;
}

async function runGateway(upstreams: Record<string, string>): Promise<RunningGateway> {
  const port = new URL(await unusedPortUrl()).port;
  const sidecarPort = new URL(await unusedPortUrl()).port;
  const child = spawn(process.execPath, ['-r', REGISTER, MAIN], {
    env: {
      PATH: process.env['PATH'],
      SERVICE_NAME: 'gateway',
      HOST: '127.0.0.1',
      REST_PORT: port,
      DAPR_HTTP_PORT: sidecarPort, // nothing listens: the sidecar counts as down
      DAPR_GRPC_PORT: '1',
      LOG_LEVEL: 'info',
      // As the test profiles run it: tracing on, every trace sampled (off without a collector).
      TRACE_SAMPLE_RATIO: '1',
      ...upstreams,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  let buffered = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) logs.push(JSON.parse(line));
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const gateway = { url: `http://127.0.0.1:${port}`, child, logs, exited };
  try {
    await eventually(() => logs.some((l) => l['message'] === 'started') || child.exitCode !== null, 15_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  if (child.exitCode !== null) throw new Error(`gateway exited ${child.exitCode}: ${stderr}`);
  return gateway;
}

let user: TestUpstream;
let gateway: RunningGateway;

beforeAll(async () => {
  user = await startUpstream('user');
  const idle = await unusedPortUrl();
  gateway = await runGateway({ AUTH_URL: idle, USER_URL: user.url, PRODUCT_URL: idle, ORDER_URL: idle });
}, 20_000);

afterAll(async () => {
  if (gateway.child.exitCode === null) gateway.child.kill('SIGKILL');
  await user.close();
});

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/;

describe('the gateway process', () => {
  it('When a client sends a traceparent, then the service receives the same trace with the gateway’s span as parent', async () => {
    const traceId = randomBytes(16).toString('hex');
    const clientSpan = randomBytes(8).toString('hex');
    const path = `/v1/users/${randomUUID()}`;

    const res = await request(gateway.url).get(path).set('traceparent', `00-${traceId}-${clientSpan}-01`);

    expect(res.status).toBe(200);
    const seen = user.seen.find((s) => s.url === path);
    const [, forwardedTrace, forwardedParent] = TRACEPARENT.exec(String(seen?.headers['traceparent'])) ?? [];
    expect(forwardedTrace).toBe(traceId);
    // The gateway's own outgoing span is the parent, not the client's header copied through.
    expect(forwardedParent).toMatch(/^[0-9a-f]{16}$/);
    expect(forwardedParent).not.toBe(clientSpan);
  });

  it('When no traceparent arrives, then the gateway starts a trace and its problems quote it', async () => {
    const path = `/v1/users/${randomUUID()}`;
    await request(gateway.url).get(path).expect(200);
    expect(String(user.seen.find((s) => s.url === path)?.headers['traceparent'])).toMatch(TRACEPARENT);

    const traceId = randomBytes(16).toString('hex');
    const down = await request(gateway.url)
      .get('/v1/products')
      .set('traceparent', `00-${traceId}-${randomBytes(8).toString('hex')}-01`);
    expect(down.status).toBe(502);
    expect(down.body.traceId).toBe(traceId);
  });

  it('When its sidecar is not running, then /healthz is ok but /readyz answers 503', async () => {
    await request(gateway.url).get('/healthz').expect(200);
    const ready = await request(gateway.url).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      code: 'UNAVAILABLE',
      checks: { 'dapr-sidecar': expect.stringMatching(/^down/) },
    });
  });

  it('When SIGTERM arrives, then it stops its server and connections and exits 0', async () => {
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
    const stopped = gateway.logs.filter((l) => l['message'] === 'stopped').map((l) => l['component']);
    expect(stopped).toEqual([expect.stringMatching(/^http /), 'load shedder', 'upstream connections', 'tracing']);
  });
});
