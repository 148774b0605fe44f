// Sessions end to end: real gateway, sidecars, Redis, pub/sub, and the user service as the
// "other service" that must reject a logged-out token within one second.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { authContract, sessionEventType } from '@shop/contracts';
import { createServiceClient } from '@shop/service-kit';
import { send } from '../support/api';
import { eventually, logLines, ports, restUrl, ROOT, unary } from '../support/shop';

const gateway = restUrl('gateway');
const json = { 'content-type': 'application/json' };

interface Reply {
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}

/** The fetch-like shape these tests read, over the suite's document-checked client. */
async function exchange(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  const res = await send(init.method ?? 'GET', url, {
    headers: init.headers ?? {},
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  return {
    status: res.status,
    headers: { get: (name) => (res.headers[name.toLowerCase()] as string | undefined) ?? null },
    json: async () => res.body,
  };
}

async function register() {
  const email = `e2e-auth-${randomUUID()}@example.test`;
  const password = `Pw-${randomUUID()}`;
  const res = await exchange(`${gateway}/v1/users`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email, password, name: 'Auth E2E' }),
  });
  expect(res.status).toBe(201);
  const user = (await res.json()) as { id: string };
  return { id: user.id, email, password };
}

async function login(email: string, password: string, base = gateway, headers: Record<string, string> = {}) {
  return exchange(`${base}/v1/auth/login`, {
    method: 'POST',
    headers: { ...json, ...headers },
    body: JSON.stringify({ email, password }),
  });
}

async function signIn() {
  const user = await register();
  const res = await login(user.email, user.password);
  expect(res.status).toBe(200);
  return {
    user,
    pair: (await res.json()) as { accessToken: string; refreshToken: string; tokenType: string; expiresIn: number },
  };
}

const me = (token: string) => exchange(`${gateway}/v1/users/me`, { headers: { authorization: `Bearer ${token}` } });
const refresh = (refreshToken: string) =>
  exchange(`${gateway}/v1/auth/refresh`, { method: 'POST', headers: json, body: JSON.stringify({ refreshToken }) });

/** Polls the user service until it answers 401; returns the ms since `since`. */
async function msUntilRejected(token: string, since: number, timeoutMs = 5_000): Promise<number> {
  while (performance.now() - since < timeoutMs) {
    if ((await me(token)).status === 401) return performance.now() - since;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`token still accepted after ${timeoutMs}ms`);
}

describe('Auth sessions across services', () => {
  const authViaOrderSidecar = createServiceClient(authContract.client(), {
    appId: 'auth',
    daprGrpcPort: ports('order').daprGrpcPort,
  });
  afterAll(() => authViaOrderSidecar.close());

  test('When a user logs in through the gateway, then the pair works at another service and in ValidateToken through Dapr', async () => {
    const { user, pair } = await signIn();

    expect(pair).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const profile = await me(pair.accessToken);
    expect(profile.status).toBe(200);
    expect(await profile.json()).toMatchObject({ id: user.id, email: user.email });
    const principal = await unary<{ user_id: string; roles: string[] }>(authViaOrderSidecar, 'ValidateToken', {
      token: pair.accessToken,
    });
    expect(principal).toMatchObject({ user_id: user.id, roles: ['customer'] });
  });

  test('When a user logs out, then another service rejects the access token within one second', async () => {
    const { user, pair } = await signIn();
    expect((await me(pair.accessToken)).status).toBe(200);

    const res = await exchange(`${gateway}/v1/auth/logout`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${pair.accessToken}` },
      body: '{}',
    });
    const loggedOutAt = performance.now();
    expect(res.status).toBe(204);

    const delayMs = await msUntilRejected(pair.accessToken, loggedOutAt);
    process.stdout.write(`e2e auth: logout → rejected by the user service after ${delayMs.toFixed(0)} ms\n`);
    expect(delayMs).toBeLessThan(1_000);
    await expect(unary(authViaOrderSidecar, 'ValidateToken', { token: pair.accessToken })).rejects.toMatchObject({
      code: grpc.status.UNAUTHENTICATED,
    });
    expect((await refresh(pair.refreshToken)).status).toBe(401);
    // The user service logged the event's lag from auth's revokedAt, with the user id only.
    const applied = await eventually(() =>
      logLines('user').find((l) => l.message === 'session revocation applied' && l['revokedUserId'] === user.id),
    );
    expect(applied['lagMs']).toBeLessThan(1_000);
  });

  test('When a rotated refresh token is replayed, then 401 and the newest pair of that session dies everywhere too', async () => {
    const { pair } = await signIn();
    const rotated = await refresh(pair.refreshToken);
    expect(rotated.status).toBe(200);
    const next = (await rotated.json()) as { accessToken: string; refreshToken: string };
    expect((await me(next.accessToken)).status).toBe(200);

    const replay = await refresh(pair.refreshToken);
    const detectedAt = performance.now();

    expect(replay.status).toBe(401);
    expect((await refresh(next.refreshToken)).status).toBe(401);
    expect(await msUntilRejected(next.accessToken, detectedAt)).toBeLessThan(1_000);
  });

  test('When the password is wrong or the email unknown, then both get the same 401 through the gateway', async () => {
    const user = await register();
    const wrong = await login(user.email, 'Wrong-Password-123');
    const unknown = await login(`nobody-${randomUUID()}@example.test`, 'Wrong-Password-123');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    const body = async (r: Reply) => {
      const { traceId: _t, ...rest } = (await r.json()) as Record<string, unknown>;
      return rest;
    };
    expect(await body(wrong)).toEqual(await body(unknown));
  });

  test('When one account is guessed at repeatedly from one address, then 429 with Retry-After', async () => {
    const user = await register();
    // Straight to auth with a fresh client address, so reruns and other tests do not share the per-IP window.
    const ip = `198.18.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`;
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 6; i += 1) {
      const res = await login(user.email, `Wrong-${i}-password`, restUrl('auth'), { 'x-forwarded-for': ip });
      statuses.push(res.status);
      retryAfter = res.headers.get('retry-after');
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  test('When the JWKS is fetched through the gateway, then it lists public Ed25519 keys only', async () => {
    const res = await exchange(`${gateway}/v1/auth/jwks`);
    expect(res.status).toBe(200);
    const { keys } = (await res.json()) as { keys: Array<Record<string, unknown>> };
    expect(keys.length).toBeGreaterThanOrEqual(1);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
      expect(key).not.toHaveProperty('d');
    }
  });

  test('When an admin watches session activity through Dapr, then a login elsewhere arrives on the stream', async () => {
    const secrets = JSON.parse(readFileSync(join(ROOT, 'components', 'secrets.dev.json'), 'utf8')) as Record<
      string,
      string
    >;
    const adminLogin = await login(secrets['admin-email']!, secrets['admin-password']!);
    expect(adminLogin.status).toBe(200);
    const { accessToken } = (await adminLogin.json()) as { accessToken: string };
    const user = await register();
    const metadata = new grpc.Metadata();
    metadata.set('authorization', `Bearer ${accessToken}`);
    const stream = (
      authViaOrderSidecar as unknown as Record<
        string,
        (...a: unknown[]) => grpc.ClientReadableStream<Record<string, string>>
      >
    )['WatchSessionActivity']!.call(authViaOrderSidecar, { user_id: user.id }, metadata);
    const seen: Array<Record<string, string>> = [];
    stream.on('data', (e: Record<string, string>) => seen.push(e));
    stream.on('error', () => undefined);
    try {
      // The stream is open once the sidecar has connected it; retry the login until it shows.
      const event = await eventually(
        async () => {
          await login(user.email, user.password);
          return seen.find((e) => e.type === sessionEventType.toWire('login'));
        },
        15_000,
        300,
      );
      expect(event).toMatchObject({ user_id: user.id, family_id: expect.any(String) });
    } finally {
      stream.cancel();
    }
  });
});
