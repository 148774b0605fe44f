import request from 'supertest';
import { principalOf } from '../src/auth/express';
import { createAccessTokenSigner } from '../src/auth/signer';
import { createHealthRouter } from '../src/health';
import { createMetrics } from '../src/metrics';
import { createRestApp } from '../src/rest';
import { keyFixture, forge, type KeyFixture } from './auth-fixtures';
import { captureLogs } from './helpers';

function buildApp(fixture: KeyFixture) {
  const { logger, lines } = captureLogs('orders');
  const { authenticator } = fixture;
  const app = createRestApp({
    service: 'orders',
    logger,
    metrics: createMetrics('orders'),
    health: createHealthRouter(),
    configure(app) {
      app.get('/v1/me', authenticator.requireAuth(), (_req, res) => {
        logger.info('reading profile');
        res.json(principalOf(res));
      });
      app.post('/v1/admin/things', authenticator.requireAuth(), authenticator.requireRole('admin'), (_req, res) => {
        res.status(201).json({ by: principalOf(res).userId });
      });
      app.get('/v1/oops', (_req, res) => res.json(principalOf(res)));
    },
  });
  return { app, lines };
}

describe('requireAuth / requireRole', () => {
  let fixture: KeyFixture;
  beforeEach(async () => {
    fixture = await keyFixture();
  });

  test('When no Authorization header is sent, then the answer is a 401 problem with a Bearer challenge', async () => {
    const { app } = buildApp(fixture);
    const res = await request(app).get('/v1/me');

    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="shop"');
    expect(res.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  test.each([['Basic dXNlcjpwYXNz'], ['Bearer'], ['Bearer not-a-jwt'], ['Bearer a.b.c d']])(
    'When the header is %p, then the answer is 401 invalid_token',
    async (header) => {
      const { app } = buildApp(fixture);
      const res = await request(app).get('/v1/me').set('Authorization', header);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    },
  );

  test('When a valid token is sent, then the handler sees the principal and every log line of the request carries the userId only', async () => {
    const { app, lines } = buildApp(fixture);
    const { token } = await (await createAccessTokenSigner(fixture.jwk)).sign({ userId: 'u-5', roles: ['customer'] });

    const res = await request(app).get('/v1/me').set('Authorization', `bearer ${token}`);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userId: 'u-5', roles: ['customer'] });
    const logged = await lines();
    expect(logged.find((l) => l['message'] === 'reading profile')).toMatchObject({ userId: 'u-5' });
    expect(logged.find((l) => l['message'] === 'http request')).toMatchObject({ userId: 'u-5', status: 200 });
    expect(JSON.stringify(logged)).not.toContain(token);
  });

  test('When a customer calls an admin route, then the answer is 403 FORBIDDEN and the handler does not run', async () => {
    const { app } = buildApp(fixture);
    const token = await forge(fixture.jwk, { claims: { roles: ['customer'] } });

    const res = await request(app).post('/v1/admin/things').set('Authorization', `Bearer ${token}`).send({});

    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN' });
  });

  test('When an admin calls an admin route, then it passes', async () => {
    const { app } = buildApp(fixture);
    const token = await forge(fixture.jwk, { claims: { sub: 'admin-1', roles: ['admin'] } });

    const res = await request(app).post('/v1/admin/things').set('Authorization', `Bearer ${token}`).send({});

    expect(res.status).toBe(201);
    expect(res.body).toEqual({ by: 'admin-1' });
  });

  test('When an expired token is sent, then the answer is 401 with invalid_token', async () => {
    const { app } = buildApp(fixture);
    const token = await forge(fixture.jwk, { shiftSeconds: -3600 });

    const res = await request(app).get('/v1/me').set('Authorization', `Bearer ${token}`);

    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toContain('invalid_token');
  });

  test('When a route forgot requireAuth, then principalOf fails loudly (500) instead of serving anonymous data', async () => {
    const { app } = buildApp(fixture);
    const res = await request(app).get('/v1/oops');
    expect(res.status).toBe(500);
  });
});
