import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createHealthRouter, type HealthOptions } from '../src/health';
import { createMetrics } from '../src/metrics';
import { createRestApp } from '../src/rest';
import { captureLogs } from './helpers';

function appWith(options: HealthOptions) {
  const health = createHealthRouter(options);
  const app = createRestApp({
    service: 'health-test',
    logger: captureLogs().logger,
    metrics: createMetrics('health-test'),
    health,
    configure: () => undefined,
  });
  return { app, health };
}

/** A stand-in for the sidecar's HTTP port: answers the outbound health path with `status`. */
async function fakeSidecar(status: number): Promise<{ port: number; paths: string[]; close: () => Promise<void> }> {
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    paths.push(req.url ?? '');
    res.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    paths,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('health endpoints', () => {
  test('When the process is alive, then /healthz answers 200 ok without running checks', async () => {
    let ran = false;
    const { app } = appWith({ checks: { postgres: async () => void (ran = true) } });

    const res = await request(app).get('/healthz');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(ran).toBe(false);
  });

  test('When every check and the sidecar are up, then /readyz answers 200 ready listing them', async () => {
    const sidecar = await fakeSidecar(204);
    try {
      const { app } = appWith({ checks: { postgres: async () => undefined }, daprHttpPort: sidecar.port });

      const res = await request(app).get('/readyz');

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ready', checks: { postgres: 'up', 'dapr-sidecar': 'up' } });
      expect(sidecar.paths).toEqual(['/v1.0/healthz/outbound']);
    } finally {
      await sidecar.close();
    }
  });

  test('When a dependency check fails, then /readyz answers 503 naming it with a short reason', async () => {
    const { app } = appWith({
      checks: {
        postgres: async () => {
          throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        },
        redis: async () => undefined,
      },
    });

    const res = await request(app).get('/readyz');

    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      status: 503,
      code: 'UNAVAILABLE',
      detail: 'Not ready: postgres',
      checks: { postgres: 'down: connect ECONNREFUSED 127.0.0.1:5432', redis: 'up' },
    });
  });

  test('When the sidecar answers 500, then /readyz answers 503 naming the sidecar', async () => {
    const sidecar = await fakeSidecar(500);
    try {
      const { app } = appWith({ daprHttpPort: sidecar.port });

      const res = await request(app).get('/readyz');

      expect(res.status).toBe(503);
      expect(res.body.checks).toEqual({ 'dapr-sidecar': 'down: sidecar answered 500' });
    } finally {
      await sidecar.close();
    }
  });

  test('When a check hangs, then /readyz gives up after the timeout and reports it down', async () => {
    const { app } = appWith({ checks: { mongodb: () => new Promise(() => undefined) }, timeoutMs: 100 });

    const started = Date.now();
    const res = await request(app).get('/readyz');

    expect(res.status).toBe(503);
    expect(res.body.checks).toEqual({ mongodb: 'down: timed out after 100ms' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('When shutdown has begun, then /readyz answers 503 while /healthz stays 200', async () => {
    const { app, health } = appWith({ checks: { postgres: async () => undefined } });

    health.markShuttingDown();

    const ready = await request(app).get('/readyz');
    const alive = await request(app).get('/healthz');
    expect(ready.status).toBe(503);
    expect(ready.body.detail).toBe('The service is shutting down');
    expect(alive.status).toBe(200);
  });
});
