import request from 'supertest';
import { eventsOf, signedInUser, uniqueEmail, userHarness, type Harness } from './support';

jest.setTimeout(30_000);

describe('/v1/users/me', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await userHarness('shop_user_unit');
  });
  afterAll(() => h.close());

  test('When a signed-in user reads /me, then the answer is their own profile', async () => {
    const me = await signedInUser(h, 'reader');

    const res = await request(h.app).get('/v1/users/me').set(me.auth);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: me.id, email: me.email, name: 'reader', roles: ['customer'] });
    expect(res.body).not.toHaveProperty('passwordHash');
  });

  test('When /me is read without a token or with a forged one, then the answer is 401', async () => {
    expect((await request(h.app).get('/v1/users/me')).status).toBe(401);
    const res = await request(h.app).get('/v1/users/me').set('Authorization', 'Bearer not.a.token');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  test('When a user renames themselves, then the name changes, version bumps and user.updated names the change', async () => {
    const me = await signedInUser(h, 'renamer');

    const res = await request(h.app).patch('/v1/users/me').set(me.auth).send({ name: 'New Name' });

    expect(res.status).toBe(200);
    expect(res.body.name).toBe('New Name');
    const events = await eventsOf(h.pool, me.id);
    expect(events.map((e) => e.id)).toEqual([`user.registered/${me.id}`, `user.updated/${me.id}/v2`]);
    expect(events[1]!.payload).toMatchObject({ userId: me.id, changes: ['name'], version: 2 });
  });

  test('When a user changes email or password without the current password, then the answer is 400 and nothing changes', async () => {
    const me = await signedInUser(h, 'nocurrent');

    const res = await request(h.app)
      .patch('/v1/users/me')
      .set(me.auth)
      .send({ email: uniqueEmail('new') });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'currentPassword' })]);
    const { rows } = await h.pool.query('SELECT email, version FROM users WHERE id = $1', [me.id]);
    expect(rows[0]).toEqual({ email: me.email, version: 1 });
  });

  test('When a user gives a wrong current password, then the answer is 403 and the password is unchanged', async () => {
    const me = await signedInUser(h, 'wrongcurrent');

    const res = await request(h.app)
      .patch('/v1/users/me')
      .set(me.auth)
      .send({ password: 'a brand new secret', currentPassword: 'not it at all' });

    expect(res.status).toBe(403);
    await expect(h.deps.passwords.verify(await hashOf(me.id), me.password)).resolves.toBe(true);
  });

  test('When a user changes the password with the current one, then only the new password verifies', async () => {
    const me = await signedInUser(h, 'changer');

    const res = await request(h.app)
      .patch('/v1/users/me')
      .set(me.auth)
      .send({ password: 'a brand new secret', currentPassword: me.password });

    expect(res.status).toBe(200);
    await expect(h.deps.passwords.verify(await hashOf(me.id), 'a brand new secret')).resolves.toBe(true);
    await expect(h.deps.passwords.verify(await hashOf(me.id), me.password)).resolves.toBe(false);
    const events = await eventsOf(h.pool, me.id);
    expect(events.at(-1)!.payload).toMatchObject({ changes: ['password'] });
  });

  test("When a user changes their email to another account's email, then the answer is 409", async () => {
    const other = await signedInUser(h, 'taken');
    const me = await signedInUser(h, 'mover');

    const res = await request(h.app)
      .patch('/v1/users/me')
      .set(me.auth)
      .send({ email: other.email.toLowerCase(), currentPassword: me.password });

    expect(res.status).toBe(409);
  });

  test.each([
    ['an empty body', {}],
    ['a status field', { status: 'active' }],
    ['a roles field', { roles: ['admin'] }],
    ['a null name', { name: null }],
  ])('When PATCH /me has %s, then the answer is 400', async (_case, body) => {
    const me = await signedInUser(h, 'patcher');
    const res = await request(h.app).patch('/v1/users/me').set(me.auth).send(body);
    expect(res.status).toBe(400);
  });

  test('When a token names a user id that does not exist, then /me answers 401', async () => {
    const token = await h.tokenFor('7f1d7d2a-1111-4c4c-8888-000000000000');
    const res = await request(h.app).get('/v1/users/me').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(401);
  });

  async function hashOf(id: string): Promise<string> {
    const { rows } = await h.pool.query('SELECT password_hash FROM users WHERE id = $1', [id]);
    return rows[0].password_hash as string;
  }
});
