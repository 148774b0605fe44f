import request from 'supertest';
import { registerUser } from '../src/domain/use-cases/registration';
import { eventsOf, signedInUser, uniqueEmail, userHarness, type Harness } from './support';

jest.setTimeout(30_000);

async function adminOf(h: Harness) {
  const user = await registerUser(
    h.deps,
    { email: uniqueEmail('admin'), password: 'admin password 123', name: 'Admin' },
    ['customer', 'admin'],
  );
  const token = await h.tokenFor(user.id, ['customer', 'admin']);
  return { id: user.id, auth: { Authorization: `Bearer ${token}` } };
}

describe('Admin endpoints', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await userHarness('shop_user_unit');
  });
  afterAll(() => h.close());

  test('When a customer calls the admin endpoints, then both answer 403 and no roles change', async () => {
    const customer = await signedInUser(h, 'not-admin');

    const list = await request(h.app).get('/v1/users').set(customer.auth);
    const roles = await request(h.app)
      .patch(`/v1/users/${customer.id}/roles`)
      .set(customer.auth)
      .send({ roles: ['admin'] });

    expect(list.status).toBe(403);
    expect(roles.status).toBe(403);
    expect(roles.body.code).toBe('FORBIDDEN');
    const { rows } = await h.pool.query('SELECT roles FROM users WHERE id = $1', [customer.id]);
    expect(rows[0].roles).toEqual(['customer']);
  });

  test('When an admin lists users page by page, then the answer has the list shape and pages do not overlap', async () => {
    const admin = await adminOf(h);

    const first = await request(h.app).get('/v1/users?page=1&pageSize=2').set(admin.auth);
    const second = await request(h.app).get('/v1/users?page=2&pageSize=2').set(admin.auth);

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 1, pageSize: 2, total: expect.any(Number) });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).toEqual({
      id: expect.any(String),
      email: expect.anything(),
      name: expect.anything(),
      roles: expect.any(Array),
      status: expect.any(String),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(JSON.stringify(first.body)).not.toContain('argon2');
    const ids = new Set(first.body.items.map((u: { id: string }) => u.id));
    expect(second.body.items.some((u: { id: string }) => ids.has(u.id))).toBe(false);
  });

  test('When an admin filters by role, then only accounts with that role are listed', async () => {
    const admin = await adminOf(h);
    const res = await request(h.app).get('/v1/users?role=admin&pageSize=100').set(admin.auth);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((u: { roles: string[] }) => u.roles.includes('admin'))).toBe(true);
  });

  test.each(['page=0', 'pageSize=101', 'page=abc', 'pageSize=1.5', 'status=gone', 'sort=name', 'page=1&page=2'])(
    'When the list query has %s, then the answer is 400',
    async (query) => {
      const admin = await adminOf(h);
      const res = await request(h.app).get(`/v1/users?${query}`).set(admin.auth);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    },
  );

  test('When an admin grants the admin role, then the roles change and user.updated names roles', async () => {
    const admin = await adminOf(h);
    const target = await signedInUser(h, 'promoted');

    const res = await request(h.app)
      .patch(`/v1/users/${target.id}/roles`)
      .set(admin.auth)
      .send({ roles: ['customer', 'admin', 'admin'] });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: target.id, roles: ['customer', 'admin'], status: 'active' });
    const events = await eventsOf(h.pool, target.id);
    expect(events.at(-1)).toMatchObject({
      id: `user.updated/${target.id}/v2`,
      payload: { changes: ['roles'], roles: ['customer', 'admin'] },
    });
    expect(
      h.logs.lines().some((l) => l.message === 'roles set' && l['actorId'] === admin.id && l['userId'] === target.id),
    ).toBe(true);
  });

  test.each([
    ['an unknown role', { roles: ['superuser'] }],
    ['no roles', { roles: [] }],
    ['an extra field', { roles: ['customer'], status: 'active' }],
  ])('When the roles body has %s, then the answer is 400', async (_case, body) => {
    const admin = await adminOf(h);
    const target = await signedInUser(h, 'roles-bad');
    expect((await request(h.app).patch(`/v1/users/${target.id}/roles`).set(admin.auth).send(body)).status).toBe(400);
  });

  test('When the target user does not exist or the id is malformed, then the answer is 404', async () => {
    const admin = await adminOf(h);
    const body = { roles: ['customer'] };
    expect(
      (await request(h.app).patch('/v1/users/0b6c3a5e-2d0e-4a5b-9c1d-000000000000/roles').set(admin.auth).send(body))
        .status,
    ).toBe(404);
    expect((await request(h.app).patch('/v1/users/nope/roles').set(admin.auth).send(body)).status).toBe(404);
  });

  test('When a token still says admin but the account was demoted, then the admin endpoints answer 403', async () => {
    const former = await adminOf(h);
    await h.pool.query(`UPDATE users SET roles = '{customer}' WHERE id = $1`, [former.id]);

    expect((await request(h.app).get('/v1/users').set(former.auth)).status).toBe(403);
  });
});

describe('The last active admin', () => {
  let h: Harness;
  beforeAll(async () => {
    // Its own database: the test needs to know every admin there is.
    h = await userHarness('shop_user_unit_last_admin');
    await h.pool.query(`UPDATE users SET roles = '{customer}' WHERE 'admin' = ANY (roles)`);
  });
  afterAll(() => h.close());

  test('When the only admin removes their own admin role or deletes their account, then both are refused with 409', async () => {
    const admin = await adminOf(h);

    const demote = await request(h.app)
      .patch(`/v1/users/${admin.id}/roles`)
      .set(admin.auth)
      .send({ roles: ['customer'] });
    const remove = await request(h.app).delete('/v1/users/me').set(admin.auth);

    expect(demote.status).toBe(409);
    expect(remove.status).toBe(409);
    const { rows } = await h.pool.query('SELECT roles, status FROM users WHERE id = $1', [admin.id]);
    expect(rows[0]).toEqual({ roles: ['customer', 'admin'], status: 'active' });
    await h.pool.query(`UPDATE users SET roles = '{customer}' WHERE id = $1`, [admin.id]);
  });
});
