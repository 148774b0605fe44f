import { createHash } from 'node:crypto';
import request from 'supertest';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const login = (body: object, ip = '203.0.113.7') =>
  request(h.app).post('/v1/auth/login').set('X-Forwarded-For', ip).send(body);

describe('POST /v1/auth/login', () => {
  test('When the credentials are right, then a Bearer pair is issued, the session is in Redis and session.login is published', async () => {
    const user = h.users.add({ roles: ['customer'] });

    const res = await login({ email: user.email, password: user.password });

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      tokenType: 'Bearer',
      expiresIn: 900,
    });
    const principal = await h.verifier.verify(res.body.accessToken);
    expect(principal).toMatchObject({ userId: user.id, roles: ['customer'], sessionId: expect.any(String) });
    expect(await h.store.redis.hgetall(`fam:${principal.sessionId}`)).toEqual({ u: user.id, s: 'active' });
    expect(h.sink.events).toEqual([
      {
        topic: 'session.login',
        id: `session.login:${principal.sessionId}`,
        critical: false,
        data: { userId: user.id, familyId: principal.sessionId, at: expect.any(String) },
      },
    ]);
    // The credentials went to the user service through the sidecar route for app id "user".
    expect(h.users.calls).toEqual([{ method: 'VerifyCredentials', appId: 'user', email: user.email }]);
  });

  test('When the refresh token is stored, then Redis holds only its SHA-256 hash, never the token', async () => {
    const user = h.users.add();
    const res = await login({ email: user.email, password: user.password });

    const keys = await h.store.redis.keys(`${h.prefix}*`);
    expect(keys.some((k) => k.includes(res.body.refreshToken))).toBe(false);
    const hash = createHash('sha256').update(res.body.refreshToken).digest('hex');
    expect(await h.store.redis.ttl(`rt:${hash}`)).toBeGreaterThan(3500);
  });

  test('When the password is wrong or the email unknown, then both get the same 401 body and both ask the user service', async () => {
    const user = h.users.add();

    const wrong = await login({ email: user.email, password: 'Wrong-Password-1' });
    const unknown = await login({ email: 'nobody@example.test', password: 'Wrong-Password-1' });

    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const strip = ({ traceId: _t, ...rest }: Record<string, unknown>) => rest;
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect(wrong.body.detail).toBe('Invalid email or password');
    expect(h.users.calls.map((c) => c.method)).toEqual(['VerifyCredentials', 'VerifyCredentials']);
    expect(h.sink.events).toEqual([]);
  });

  test('When the account is disabled, then the answer is the same 401 as for a wrong password', async () => {
    const user = h.users.add({ status: 'disabled' });
    const res = await login({ email: user.email, password: user.password });
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('Invalid email or password');
  });

  test('When one account is guessed at from one IP past the limit, then 429 with Retry-After, without asking the user service', async () => {
    const user = h.users.add();
    for (let i = 0; i < 3; i += 1)
      expect((await login({ email: user.email, password: `Nope-${i}-xxxx` })).status).toBe(401);
    const callsBefore = h.users.calls.length;

    const blocked = await login({ email: user.email, password: user.password });

    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(h.users.calls.length).toBe(callsBefore);
    // The same account from another address is not locked out (no lockout-by-proxy DoS).
    expect((await login({ email: user.email, password: user.password }, '198.51.100.9')).status).toBe(200);
  });

  test('When one IP sprays many accounts past the per-IP limit, then it gets 429 while other IPs still log in', async () => {
    const victim = h.users.add();
    for (let i = 0; i < 6; i += 1)
      await login({ email: `spray-${i}@example.test`, password: 'Password-123' }, '192.0.2.50');

    const res = await login({ email: victim.email, password: victim.password }, '192.0.2.50');

    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
    expect((await login({ email: victim.email, password: victim.password }, '192.0.2.51')).status).toBe(200);
  });

  test('When parallel wrong guesses race the limiter, then no more than the limit reach the user service', async () => {
    const user = h.users.add();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => login({ email: user.email, password: `Guess-${i}-abcd` })),
    );

    expect(results.filter((r) => r.status === 401)).toHaveLength(3);
    expect(results.filter((r) => r.status === 429)).toHaveLength(7);
    expect(h.users.calls).toHaveLength(3);
  });

  test('When 100 different shoppers sign in at once from one address, then every one of them gets a token pair', async () => {
    const shoppers = Array.from({ length: 100 }, () => h.users.add());

    const results = await Promise.all(
      shoppers.map((u) => login({ email: u.email, password: u.password }, '192.0.2.80')),
    );

    expect(results.map((r) => r.status)).toEqual(shoppers.map(() => 200));
    expect(results.every((r) => typeof r.body.accessToken === 'string')).toBe(true);
  });

  test('When many accounts are sprayed at once from one address, then at most the per-IP limit are checked and the rest get 429 with Retry-After', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        login({ email: `burst-${i}@example.test`, password: 'Password-123' }, '192.0.2.81'),
      ),
    );

    // maxPerIp is 6 in the harness: six guesses may fail, every other one is refused unchecked.
    expect(results.filter((r) => r.status === 401)).toHaveLength(6);
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(24);
    expect(refused.every((r) => Number(r.headers['retry-after']) > 0)).toBe(true);
    expect(h.users.calls).toHaveLength(6);
  });

  test('When a login succeeds after failures, then the account counter is reset', async () => {
    const user = h.users.add();
    await login({ email: user.email, password: 'Nope-1-xxxx' });
    await login({ email: user.email, password: 'Nope-2-xxxx' });
    expect((await login({ email: user.email, password: user.password })).status).toBe(200);

    for (let i = 0; i < 2; i += 1)
      expect((await login({ email: user.email, password: `Nope-${i}-yyyy` })).status).toBe(401);
    expect((await login({ email: user.email, password: user.password })).status).toBe(200);
  });

  test('When the body is malformed JSON, then 400 problem+json and no call is made', async () => {
    const res = await request(h.app)
      .post('/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": "a@b.c",');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(h.users.calls).toHaveLength(0);
  });

  test('When the body has an unknown field (a client-sent role), then 400 naming the field', async () => {
    const res = await login({ email: 'a@example.test', password: 'Whatever-123', role: 'admin' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'role', message: 'Unknown field' }]);
    expect(h.users.calls).toHaveLength(0);
  });

  test.each([
    ['missing password', { email: 'a@example.test' }],
    ['non-string email', { email: 42, password: 'x' }],
    ['overlong password', { email: 'a@example.test', password: 'x'.repeat(129) }],
  ])('When the body has a %s, then 400', async (_name, body) => {
    expect((await login(body)).status).toBe(400);
  });

  test('When the body is larger than the limit, then 413', async () => {
    const res = await login({ email: 'a@example.test', password: 'p'.repeat(20_000) });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  test('When the body is not JSON, then 415', async () => {
    const res = await request(h.app).post('/v1/auth/login').set('Content-Type', 'text/plain').send('email=a');
    expect(res.status).toBe(415);
  });

  test('When a login is logged, then the log carries the user id but never the email, password or tokens', async () => {
    const user = h.users.add();
    const res = await login({ email: user.email, password: user.password });
    const text = JSON.stringify(h.logs());
    expect(text).toContain(user.id);
    for (const secret of [user.email, user.password, res.body.accessToken, res.body.refreshToken])
      expect(text).not.toContain(secret);
  });
});
