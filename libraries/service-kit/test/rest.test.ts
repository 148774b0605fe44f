import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { AppError, validate } from '../src/errors';
import { createHealthRouter } from '../src/health';
import { createMetrics } from '../src/metrics';
import { createRestApp } from '../src/rest';
import { captureLogs, sample } from './helpers';

const widgetSchema = z.strictObject({ name: z.string().min(1), quantity: z.number().int().positive() });

function buildApp() {
  const { logger, lines } = captureLogs('widgets');
  const metrics = createMetrics('widgets');
  const things = express.Router();
  things.get('/:id', () => {
    throw new AppError('NOT_FOUND', 'No such thing');
  });
  const app = createRestApp({
    service: 'widgets',
    logger,
    metrics,
    health: createHealthRouter(),
    bodyLimit: '1kb',
    configure(app) {
      app.post('/v1/widgets', (req, res) => {
        const body = validate(widgetSchema, req.body, 'body');
        res.status(201).json({ id: 'w-1', ...body });
      });
      app.get('/v1/widgets/:id', (req, res) => {
        res.json({ id: req.params['id'] });
      });
      app.get('/v1/boom', async () => {
        throw new Error('connect ECONNREFUSED postgres://admin:hunter2@db');
      });
      app.get('/v1/limited', () => {
        throw new AppError('RATE_LIMITED', 'Too many login attempts', { retryAfterSeconds: 30 });
      });
      app.use('/v1/things', things);
      app.get('/v1/public', (_req, res) => {
        res.setHeader('Cache-Control', 'public, max-age=2');
        res.json({});
      });
    },
  });
  return { app, lines };
}

function expectProblem(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, type: expect.stringContaining('urn:shop:problem:') });
  expect(typeof res.body.title).toBe('string');
  expect(typeof res.body.detail).toBe('string');
  expect(typeof res.body.traceId).toBe('string');
}

describe('createRestApp errors', () => {
  test('When a body fails validation, then the answer is a 400 problem listing each field error', async () => {
    const { app } = buildApp();

    const res = await request(app).post('/v1/widgets').send({ name: '', quantity: 2, role: 'admin' });

    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'name', message: expect.any(String) },
        { path: 'role', message: 'Unknown field' },
      ]),
    );
  });

  test('When a valid body is posted, then the route answers normally', async () => {
    const { app } = buildApp();

    const res = await request(app).post('/v1/widgets').send({ name: 'bolt', quantity: 3 });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: 'w-1', name: 'bolt', quantity: 3 });
  });

  test('When the JSON is malformed, then the answer is a 400 problem', async () => {
    const { app } = buildApp();

    const res = await request(app).post('/v1/widgets').set('content-type', 'application/json').send('{"name": ');

    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.detail).toBe('The request body is not valid JSON');
  });

  test('When the body exceeds the limit, then the answer is a 413 problem', async () => {
    const { app } = buildApp();

    const res = await request(app)
      .post('/v1/widgets')
      .send({ name: 'x'.repeat(2_000), quantity: 1 });

    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  test('When the body is not JSON, then the answer is a 415 problem', async () => {
    const { app } = buildApp();

    const res = await request(app).post('/v1/widgets').set('content-type', 'text/plain').send('name=bolt');

    expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  test('When a POST has an empty body and no media type (as proxies forward it), then it is read as no body, not a 415', async () => {
    const { app } = buildApp();

    const res = await request(app).post('/v1/widgets').set('content-length', '0');

    expectProblem(res, 400, 'VALIDATION_FAILED');
  });

  test('When no route matches, then the answer is a 404 problem', async () => {
    const { app } = buildApp();

    const res = await request(app).get('/v1/nothing-here');

    expectProblem(res, 404, 'NOT_FOUND');
    expect(res.body.instance).toBe('/v1/nothing-here');
  });

  test('When a handler throws an unknown error, then the answer is a generic 500 and the real error is only logged', async () => {
    const { app, lines } = buildApp();

    const res = await request(app).get('/v1/boom');

    expectProblem(res, 500, 'INTERNAL');
    expect(JSON.stringify(res.body)).not.toMatch(/hunter2|ECONNREFUSED|stack|at /);
    const logged = (await lines()).find((l) => l['message'] === 'request failed');
    expect(JSON.stringify(logged)).toContain('ECONNREFUSED');
  });

  test('When a handler is rate limited, then the answer is 429 with Retry-After', async () => {
    const { app } = buildApp();

    const res = await request(app).get('/v1/limited');

    expectProblem(res, 429, 'RATE_LIMITED');
    expect(res.headers['retry-after']).toBe('30');
  });
});

describe('createRestApp request ids, logs and metrics', () => {
  test('When a request carries a well-formed x-request-id, then it is echoed and used as the problem traceId fallback', async () => {
    const { app } = buildApp();

    const res = await request(app).get('/v1/nothing').set('x-request-id', 'gw-123');

    expect(res.headers['x-request-id']).toBe('gw-123');
    expect(res.body.traceId).toBe('gw-123');
  });

  test('When the incoming x-request-id is unsafe, then a fresh uuid replaces it', async () => {
    const { app } = buildApp();

    const res = await request(app)
      .get('/v1/widgets/1')
      .set('x-request-id', 'bad id <script>"' + 'x'.repeat(200));

    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('When a request completes, then one access log line has method, route pattern, status, duration and request id', async () => {
    const { app, lines } = buildApp();

    await request(app).get('/v1/widgets/abc').set('x-request-id', 'req-7');

    const access = (await lines()).filter((l) => l['message'] === 'http request');
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({ method: 'GET', route: '/v1/widgets/:id', status: 200, requestId: 'req-7' });
    expect(typeof access[0]?.['durationMs']).toBe('number');
  });

  test('When requests were served, then /metrics labels them by route pattern, never by raw URL', async () => {
    const { app } = buildApp();
    await request(app).get('/v1/widgets/abc');
    await request(app).get('/v1/widgets/def');
    await request(app).get('/v1/things/t-9');
    await request(app).get('/v1/unknown/xyz');

    const res = await request(app).get('/metrics');

    expect(res.status).toBe(200);
    expect(sample(res.text, 'http_server_requests_total', { route: '/v1/widgets/:id', status: '200' })).toBe(2);
    expect(sample(res.text, 'http_server_requests_total', { route: '/v1/things/:id', status: '404' })).toBe(1);
    expect(sample(res.text, 'http_server_requests_total', { route: 'unmatched', status: '404' })).toBe(1);
    expect(res.text).not.toContain('/v1/widgets/abc');
    expect(res.text).toContain('service="widgets"');
    expect(res.text).toContain('process_cpu_user_seconds_total');
    expect(res.text).toContain('http_server_request_duration_seconds_bucket');
  });
});

describe('public-API headers', () => {
  test('When any answer leaves the app (a route, a problem, a probe, a 404), then nosniff, no-store and no X-Powered-By', async () => {
    const { app } = buildApp();
    for (const path of ['/v1/widgets/w-1', '/v1/things/t-1', '/healthz', '/v1/nothing']) {
      const res = await request(app).get(path);
      expect([path, res.headers['x-content-type-options'], res.headers['cache-control']]).toEqual([
        path,
        'nosniff',
        'no-store',
      ]);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  test('When a route sets its own Cache-Control, then that policy is the one sent', async () => {
    const { app } = buildApp();
    const res = await request(app).get('/v1/public');
    expect(res.headers['cache-control']).toBe('public, max-age=2');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
