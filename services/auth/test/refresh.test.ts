import request from 'supertest';
import { hashToken } from '../src/domain/refresh-token';
import { startHarness, type Harness } from './harness';
import { validateToken } from '../src/domain/use-cases/sessions';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

async function signIn(roles = ['customer']) {
  const user = h.users.add({ roles });
  const res = await request(h.app).post('/v1/auth/login').send({ email: user.email, password: user.password });
  expect(res.status).toBe(200);
  const principal = await h.verifier.verify(res.body.accessToken);
  return { user, pair: res.body as { accessToken: string; refreshToken: string }, familyId: principal.sessionId! };
}

const refresh = (refreshToken: string) => request(h.app).post('/v1/auth/refresh').send({ refreshToken });

describe('POST /v1/auth/refresh', () => {
  test('When a refresh token is used, then a new pair comes back, the old token is marked used and session.refreshed is published', async () => {
    const { user, pair, familyId } = await signIn();

    const res = await refresh(pair.refreshToken);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(res.body.refreshToken).not.toBe(pair.refreshToken);
    const principal = await h.verifier.verify(res.body.accessToken);
    expect(principal).toMatchObject({ userId: user.id, sessionId: familyId });
    expect(JSON.parse((await h.store.redis.get(`rt:${hashToken(pair.refreshToken)}`))!)).toMatchObject({ s: 'used' });
    expect(JSON.parse((await h.store.redis.get(`rt:${hashToken(res.body.refreshToken)}`))!)).toMatchObject({
      s: 'active',
      f: familyId,
    });
    expect(h.sink.events.at(-1)).toMatchObject({
      topic: 'session.refreshed',
      id: `session.refreshed:${principal.tokenId}`,
      data: { userId: user.id, familyId },
    });
  });

  test('When the user was made admin since login, then the refreshed access token carries the current roles', async () => {
    const { user, pair } = await signIn(['customer']);
    h.users.users.get(user.id)!.roles = ['customer', 'admin'];

    const res = await refresh(pair.refreshToken);

    expect((await h.verifier.verify(res.body.accessToken)).roles).toEqual(['customer', 'admin']);
  });

  test('When a rotated refresh token is used again, then 401, the whole family is revoked and session.revoked names the family', async () => {
    const { user, pair, familyId } = await signIn();
    const rotated = await refresh(pair.refreshToken);
    expect(rotated.status).toBe(200);

    const reuse = await refresh(pair.refreshToken);

    expect(reuse.status).toBe(401);
    expect(await h.store.redis.hget(`fam:${familyId}`, 's')).toBe('revoked');
    // The legitimate-looking newest token of the family is dead too.
    expect((await refresh(rotated.body.refreshToken)).status).toBe(401);
    const revoked = h.sink.events.find((e) => e.topic === 'session.revoked');
    expect(revoked).toMatchObject({
      id: `session.revoked:family:${familyId}`,
      critical: true,
      data: {
        familyId,
        userId: user.id,
        reason: 'reuse_detected',
        expiresAt: expect.any(Number),
        revokedAt: expect.any(Number),
      },
    });
    expect(h.sink.events.map((e) => e.topic)).toContain('session.reuse_detected');
    // Access tokens of the family fail auth's own ValidateToken check right away.
    await expect(validateToken(h.sessions, rotated.body.accessToken)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  test('When one refresh token is sent ten times in parallel, then at most one request gets a new pair', async () => {
    const { pair } = await signIn();

    const results = await Promise.all(Array.from({ length: 10 }, () => refresh(pair.refreshToken)));

    const ok = results.filter((r) => r.status === 200);
    expect(ok.length).toBeLessThanOrEqual(1);
    expect(results.filter((r) => r.status === 401)).toHaveLength(10 - ok.length);
  });

  test('When an unknown but well-formed refresh token is sent, then 401 and nothing is created in Redis', async () => {
    const before = (await h.store.redis.keys(`${h.prefix}*`)).length;
    const res = await refresh('A'.repeat(43));
    expect(res.status).toBe(401);
    expect((await h.store.redis.keys(`${h.prefix}*`)).length).toBe(before);
  });

  test.each([
    ['a short token', { refreshToken: 'abc' }],
    ['an extra field', { refreshToken: 'A'.repeat(43), userId: 'u-1' }],
    ['no token', {}],
  ])('When the body has %s, then 400', async (_name, body) => {
    expect((await request(h.app).post('/v1/auth/refresh').send(body)).status).toBe(400);
  });

  test('When the account was disabled after login, then refresh fails and the family is revoked', async () => {
    const { user, pair, familyId } = await signIn();
    h.users.users.get(user.id)!.status = 'disabled';

    expect((await refresh(pair.refreshToken)).status).toBe(401);
    expect(await h.store.redis.hget(`fam:${familyId}`, 's')).toBe('revoked');
  });

  test('When the user service is unreachable during refresh, then 503 and the token is not consumed (a retry works)', async () => {
    const { pair } = await signIn();
    await h.users.stop();

    const res = await refresh(pair.refreshToken);

    expect(res.status).toBe(503);
    expect(JSON.parse((await h.store.redis.get(`rt:${hashToken(pair.refreshToken)}`))!)).toMatchObject({ s: 'active' });
  });
});
