import request from 'supertest';
import { startHarness, type Harness } from './harness';
import { validateToken } from '../src/domain/use-cases/sessions';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

async function signIn() {
  const user = h.users.add();
  const res = await request(h.app).post('/v1/auth/login').send({ email: user.email, password: user.password });
  const principal = await h.verifier.verify(res.body.accessToken);
  return { user, pair: res.body as { accessToken: string; refreshToken: string }, principal };
}

const logout = (accessToken: string | undefined, body: object = {}) => {
  const req = request(h.app).post('/v1/auth/logout');
  if (accessToken) req.set('Authorization', `Bearer ${accessToken}`);
  return req.send(body);
};

describe('POST /v1/auth/logout', () => {
  test('When a user logs out, then 204, the jti is denylisted until exp, the family is revoked and session.revoked is published', async () => {
    const { user, pair, principal } = await signIn();

    const res = await logout(pair.accessToken, { refreshToken: pair.refreshToken });

    expect(res.status).toBe(204);
    const ttl = await h.store.redis.ttl(`deny:${principal.tokenId}`);
    expect(ttl).toBeGreaterThan(880);
    expect(ttl).toBeLessThanOrEqual(905);
    expect(await h.store.redis.hget(`fam:${principal.sessionId}`, 's')).toBe('revoked');
    expect(h.sink.events.find((e) => e.topic === 'session.revoked')).toEqual({
      topic: 'session.revoked',
      id: `session.revoked:${principal.tokenId}`,
      critical: true,
      data: {
        tokenId: principal.tokenId,
        familyId: principal.sessionId,
        userId: user.id,
        reason: 'logout',
        expiresAt: expect.any(Number),
        revokedAt: expect.any(Number),
      },
    });
    expect(h.sink.events.map((e) => e.topic)).toContain('session.logout');
    await expect(validateToken(h.sessions, pair.accessToken)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await request(h.app).post('/v1/auth/refresh').send({ refreshToken: pair.refreshToken })).status).toBe(401);
  });

  test('When another service receives the session.revoked event, then it rejects the logged-out token', async () => {
    const { pair } = await signIn();
    await expect(h.verifier.verify(pair.accessToken)).resolves.toBeDefined();
    await logout(pair.accessToken);

    const event = h.sink.events.find((e) => e.topic === 'session.revoked')!;
    await h.verifier.revocations.handler(event.data, {
      id: event.id,
      type: 'x',
      source: 'auth',
      topic: event.topic,
      pubsubName: 'pubsub',
      traceparent: undefined,
    });

    await expect(h.verifier.verify(pair.accessToken)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  test('When no bearer token is sent, then 401 with a Bearer challenge', async () => {
    const res = await logout(undefined);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toContain('Bearer');
  });

  test('When the logout body has an unknown field, then 400 and nothing is revoked', async () => {
    const { pair, principal } = await signIn();
    const res = await logout(pair.accessToken, { everywhere: true });
    expect(res.status).toBe(400);
    expect(await h.store.redis.exists(`deny:${principal.tokenId}`)).toBe(0);
  });

  test('When publishing the revocation fails, then 503, and retrying the logout succeeds with the same event id', async () => {
    const { pair, principal } = await signIn();
    h.sink.failNext = 1;

    expect((await logout(pair.accessToken)).status).toBe(503);
    expect((await logout(pair.accessToken)).status).toBe(204);
    expect(h.sink.events.filter((e) => e.topic === 'session.revoked').map((e) => e.id)).toEqual([
      `session.revoked:${principal.tokenId}`,
    ]);
  });

  test("When a user sends another user's refresh token with logout, then that other session stays active", async () => {
    const alice = await signIn();
    const bob = await signIn();

    expect((await logout(alice.pair.accessToken, { refreshToken: bob.pair.refreshToken })).status).toBe(204);

    expect(await h.store.redis.hget(`fam:${bob.principal.sessionId}`, 's')).toBe('active');
    expect((await request(h.app).post('/v1/auth/refresh').send({ refreshToken: bob.pair.refreshToken })).status).toBe(
      200,
    );
  });
});
