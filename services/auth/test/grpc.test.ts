import * as grpc from '@grpc/grpc-js';
import { authContract, sessionEventType, type SessionEventTypeWire } from '@shop/contracts';
import { createAccessTokenSigner, generateSigningKey } from '@shop/service-kit';
import request from 'supertest';
import { startHarness, type Harness } from './harness';

let h: Harness;
// proto-loader clients are untyped; methods are looked up by name.
let client: grpc.Client & Record<string, (...args: unknown[]) => unknown>;
beforeEach(async () => {
  h = await startHarness();
  client = authContract.dial(`127.0.0.1:${h.grpcPort}`) as unknown as typeof client;
});
afterEach(async () => {
  client.close();
  await h.close();
});

function unary<T>(method: string, req: object, metadata = new grpc.Metadata()): Promise<T> {
  return new Promise((resolve, reject) =>
    client[method]!.call(
      client,
      req,
      metadata,
      { deadline: Date.now() + 5_000 },
      (err: grpc.ServiceError | null, res: T) => (err ? reject(err) : resolve(res)),
    ),
  );
}

async function signIn(roles = ['customer']) {
  const user = h.users.add({ roles });
  const res = await request(h.app).post('/v1/auth/login').send({ email: user.email, password: user.password });
  return { user, pair: res.body as { accessToken: string; refreshToken: string } };
}

const bearer = (token: string) => {
  const md = new grpc.Metadata();
  md.set('authorization', `Bearer ${token}`);
  return md;
};

describe(`${authContract.service}`, () => {
  test('When ValidateToken gets a live token, then it answers the principal', async () => {
    const { user, pair } = await signIn(['customer']);
    const principal = await unary<Record<string, unknown>>('ValidateToken', { token: pair.accessToken });
    expect(principal).toEqual({
      user_id: user.id,
      roles: ['customer'],
      token_id: expect.any(String),
      expires_at: expect.stringMatching(/^\d+$/),
    });
  });

  test('When ValidateToken gets a logged-out token, then UNAUTHENTICATED (the Redis denylist is authoritative)', async () => {
    const { pair } = await signIn();
    await request(h.app).post('/v1/auth/logout').set('Authorization', `Bearer ${pair.accessToken}`).send({});
    await expect(unary('ValidateToken', { token: pair.accessToken })).rejects.toMatchObject({
      code: grpc.status.UNAUTHENTICATED,
    });
  });

  test('When ValidateToken gets a token signed by a stranger key or an empty token, then UNAUTHENTICATED / INVALID_ARGUMENT', async () => {
    const stranger = await createAccessTokenSigner(await generateSigningKey());
    const { token } = await stranger.sign({ userId: 'u-1', roles: ['admin'] });
    await expect(unary('ValidateToken', { token })).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
    await expect(unary('ValidateToken', { token: '' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  });

  test('When GetJwks is called, then it returns the current and previous public keys without private parts', async () => {
    const { json } = await unary<{ json: string }>('GetJwks', {});
    const jwks = JSON.parse(json) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toHaveLength(2);
    for (const key of jwks.keys) {
      expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', kid: expect.any(String) });
      expect(key).not.toHaveProperty('d');
    }
    const rest = await request(h.app).get('/v1/auth/jwks');
    expect(rest.body).toEqual(jwks);
  });

  test('When an admin watches session activity, then login, failure, refresh and logout arrive as they happen', async () => {
    const admin = await signIn(['admin']);
    const call = client['WatchSessionActivity']!.call(
      client,
      { user_id: '' },
      bearer(admin.pair.accessToken),
    ) as grpc.ClientReadableStream<Record<string, string>>;
    const seen: Array<Record<string, string>> = [];
    call.on('data', (e) => seen.push(e));
    call.on('error', () => undefined);
    await waitFor(() => h.activity.watchers() === 1);

    const { user, pair } = await signIn();
    await request(h.app)
      .post('/v1/auth/login')
      .set('X-Forwarded-For', '203.0.113.5')
      .send({ email: user.email, password: 'Wrong-Password' });
    const next = await request(h.app).post('/v1/auth/refresh').send({ refreshToken: pair.refreshToken });
    await request(h.app).post('/v1/auth/logout').set('Authorization', `Bearer ${next.body.accessToken}`).send({});
    await waitFor(() => seen.length >= 4);

    expect(seen.map((e) => sessionEventType.fromWire(e.type as SessionEventTypeWire))).toEqual([
      'login',
      'login_failed',
      'refresh',
      'logout',
    ]);
    expect(seen[0]).toMatchObject({ user_id: user.id, family_id: expect.any(String), at: expect.any(String) });
    expect(seen[1]).toMatchObject({ ip: '203.0.113.5' });
    call.cancel();
    await waitFor(() => h.activity.watchers() === 0);
  });

  test('When the watch filters by user id, then other users’ activity is not sent', async () => {
    const admin = await signIn(['admin']);
    const target = h.users.add();
    const call = client['WatchSessionActivity']!.call(
      client,
      { user_id: target.id },
      bearer(admin.pair.accessToken),
    ) as grpc.ClientReadableStream<Record<string, string>>;
    const seen: Array<Record<string, string>> = [];
    call.on('data', (e) => seen.push(e));
    call.on('error', () => undefined);
    await waitFor(() => h.activity.watchers() === 1);

    await signIn();
    await request(h.app).post('/v1/auth/login').send({ email: target.email, password: target.password });
    await waitFor(() => seen.length >= 1);

    expect(seen.map((e) => e.user_id)).toEqual([target.id]);
    call.cancel();
  });

  test.each([
    ['a customer token', ['customer'], grpc.status.PERMISSION_DENIED],
    ['no token', undefined, grpc.status.UNAUTHENTICATED],
  ])('When the watcher presents %s, then the stream fails with the matching status', async (_name, roles, code) => {
    const md = roles ? bearer((await signIn(roles)).pair.accessToken) : new grpc.Metadata();
    const call = client['WatchSessionActivity']!.call(
      client,
      { user_id: '' },
      md,
    ) as grpc.ClientReadableStream<unknown>;
    const err = await new Promise<grpc.ServiceError>((resolve) => call.on('error', resolve));
    expect(err.code).toBe(code);
  });

  test('When the watch request has a malformed user id, then INVALID_ARGUMENT', async () => {
    const admin = await signIn(['admin']);
    const call = client['WatchSessionActivity']!.call(
      client,
      { user_id: 'x y\n' },
      bearer(admin.pair.accessToken),
    ) as grpc.ClientReadableStream<unknown>;
    const err = await new Promise<grpc.ServiceError>((resolve) => call.on('error', resolve));
    expect(err.code).toBe(grpc.status.INVALID_ARGUMENT);
  });
});

async function waitFor(check: () => boolean, timeoutMs = 3_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 10));
  }
}
