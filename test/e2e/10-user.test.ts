// The user service end to end: REST through the gateway, tokens from the real auth service,
// events through the outbox and Dapr into Redis Streams, and gRPC through the sidecars.
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import Redis from 'ioredis';
import { Client } from 'pg';
import { userContract } from '@shop/contracts';
import { createServiceClient } from '@shop/service-kit';
import { databaseName, redisDb } from '@shop/topology';
import { call, type Json } from '../support/api';
import { eventually, logLines, PROFILE, ports, unary } from '../support/shop';

const ADDRESS = { recipient: 'E2E Buyer', line1: '1 Test Lane', city: 'Berlin', postalCode: '10115', country: 'DE' };

async function login(email: string, password: string): Promise<string> {
  const res = await call('POST', '/v1/auth/login', undefined, { email, password });
  expect(res.status).toBe(200);
  return res.body['accessToken'] as string;
}

async function newUser() {
  const email = `e2e-user-${randomUUID()}@example.test`;
  const password = `Pw-${randomUUID()}`;
  const res = await call('POST', '/v1/users', undefined, { email, password, name: 'User E2E' });
  expect(res.status).toBe(201);
  return { id: res.body['id'] as string, email, password };
}

describe('The user service through the gateway and Dapr', () => {
  const redis = new Redis({ host: '127.0.0.1', port: 6379, db: redisDb(PROFILE), lazyConnect: true });
  const db = new Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${databaseName('user', PROFILE)}` });
  // Order is the real caller of GetAddress: dial order's sidecar, which proxies to app id `user`.
  const users = createServiceClient(userContract.client(), {
    appId: 'user',
    daprGrpcPort: ports('order').daprGrpcPort,
  });
  beforeAll(() => Promise.all([redis.connect(), db.connect()]));
  afterAll(async () => {
    users.close();
    redis.disconnect();
    await db.end();
  });

  /** The CloudEvent Dapr wrote into the topic's Redis stream, found by its id. */
  async function cloudEventInStream(topic: string, id: string): Promise<Json | undefined> {
    const entries = await redis.xrevrange(topic, '+', '-', 'COUNT', 500);
    for (const [, fields] of entries) {
      for (let i = 1; i < fields.length; i += 2) {
        try {
          const event = JSON.parse(fields[i]!) as Json;
          if (event['id'] === id) return event;
        } catch {
          // not a JSON field
        }
      }
    }
    return undefined;
  }

  test('When a visitor registers through the gateway, then 201, and a duplicate or a client-sent role is refused', async () => {
    const user = await newUser();

    const duplicate = await call('POST', '/v1/users', undefined, {
      email: user.email.toUpperCase(),
      password: 'another pw 123',
      name: 'Dup',
    });
    const withRole = await call('POST', '/v1/users', undefined, {
      email: `x-${randomUUID()}@example.test`,
      password: 'another pw 123',
      name: 'R',
      role: 'admin',
    });

    expect(duplicate.status).toBe(409);
    expect(withRole.status).toBe(400);
    expect(withRole.body['errors']).toEqual([{ path: 'role', message: 'Unknown field' }]);
  });

  test('When a user registers, then user.registered leaves the outbox and reaches pub/sub as a CloudEvent with the derived id', async () => {
    const user = await newUser();
    const id = `user.registered/${user.id}`;

    const event = await eventually(() => cloudEventInStream('user.registered', id));
    // The relay marks the row sent when its transaction commits, a moment after the publish.
    const rows = await eventually(async () => {
      const r = await db.query('SELECT sent_at FROM outbox WHERE id = $1', [id]);
      return r.rows[0]?.sent_at ? r.rows : undefined;
    });

    expect(event).toMatchObject({
      id,
      type: 'com.dapr.event.sent',
      source: 'user',
      topic: 'user.registered',
      data: { userId: user.id, roles: ['customer'] },
    });
    expect(JSON.stringify(event)).not.toContain(user.email);
    expect(rows[0].sent_at).toBeInstanceOf(Date);
  });

  test('When order asks for an address through Dapr, then the owner gets it and another user id gets NOT_FOUND', async () => {
    const owner = await newUser();
    const other = await newUser();
    const token = await login(owner.email, owner.password);
    const created = await call('POST', '/v1/users/me/addresses', token, ADDRESS);
    expect(created.status).toBe(201);

    const address = await unary<Record<string, unknown>>(users, 'GetAddress', {
      user_id: owner.id,
      address_id: created.body['id'],
    });
    const foreign = unary(users, 'GetAddress', { user_id: other.id, address_id: created.body['id'] });

    expect(address).toMatchObject({
      id: created.body['id'],
      user_id: owner.id,
      postal_code: '10115',
      country: 'DE',
      is_default: true,
    });
    await expect(foreign).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  });

  test('When the first admin signs in, then the user list works for them and is 403 for a customer', async () => {
    const customer = await newUser();
    const adminToken = await login('admin@shop.local', 'ChangeMe-Admin-123!');
    const customerToken = await login(customer.email, customer.password);

    const asAdmin = await call('GET', '/v1/users?role=admin', adminToken);
    const asCustomer = await call('GET', '/v1/users', customerToken);

    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body).toMatchObject({ page: 1, pageSize: 20, total: expect.any(Number) });
    expect((asAdmin.body['items'] as Array<{ email: string }>).some((u) => u.email === 'admin@shop.local')).toBe(true);
    expect(asCustomer.status).toBe(403);
  });

  test('When a user deletes the account, then the token stops working, the login fails and user.deleted is published', async () => {
    const user = await newUser();
    const token = await login(user.email, user.password);

    expect((await call('DELETE', '/v1/users/me', token)).status).toBe(204);

    expect((await call('GET', '/v1/users/me', token)).status).toBe(401);
    expect(
      (await call('POST', '/v1/auth/login', undefined, { email: user.email, password: user.password })).status,
    ).toBe(401);
    const event = await eventually(() => cloudEventInStream('user.deleted', `user.deleted/${user.id}`));
    expect(event['data']).toEqual({ userId: user.id, deletedAt: expect.any(String) });
    expect(logLines('user').some((l) => l.message === 'user deleted' && l['userId'] === user.id)).toBe(true);
    expect(logLines('user').some((l) => JSON.stringify(l).includes(user.email))).toBe(false);
  });
});
