import request from 'supertest';
import { eventsOf, signedInUser, VALID_ADDRESS, userHarness, type Harness } from './support';

jest.setTimeout(30_000);

describe('DELETE /v1/users/me', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await userHarness('shop_user_unit');
  });
  afterAll(() => h.close());

  test('When a user deletes their account, then it is anonymised, addresses and preferences are gone and user.deleted is in the outbox', async () => {
    const me = await signedInUser(h, 'leaver');
    await request(h.app).post('/v1/users/me/addresses').set(me.auth).send(VALID_ADDRESS).expect(201);
    await request(h.app)
      .put('/v1/users/me/preferences')
      .set(me.auth)
      .send({ currency: 'EUR', language: 'de', marketingOptIn: true })
      .expect(200);

    const res = await request(h.app).delete('/v1/users/me').set(me.auth);

    expect(res.status).toBe(204);
    const { rows } = await h.pool.query(
      'SELECT email, name, password_hash, status, deleted_at FROM users WHERE id = $1',
      [me.id],
    );
    expect(rows[0]).toMatchObject({ email: null, name: null, password_hash: null, status: 'deleted' });
    expect(rows[0].deleted_at).toBeInstanceOf(Date);
    const counts = await h.pool.query(
      `SELECT (SELECT count(*) FROM addresses WHERE user_id = $1)::int AS addresses,
              (SELECT count(*) FROM preferences WHERE user_id = $1)::int AS preferences`,
      [me.id],
    );
    expect(counts.rows[0]).toEqual({ addresses: 0, preferences: 0 });
    const deleted = (await eventsOf(h.pool, me.id)).filter((e) => e.topic === 'user.deleted');
    expect(deleted).toEqual([
      expect.objectContaining({
        id: `user.deleted/${me.id}`,
        payload: { userId: me.id, deletedAt: expect.any(String) },
      }),
    ]);
  });

  test('When the token of a deleted account is used again, then /me, addresses and a second delete answer 401', async () => {
    const me = await signedInUser(h, 'ghost');
    await request(h.app).delete('/v1/users/me').set(me.auth).expect(204);

    expect((await request(h.app).get('/v1/users/me').set(me.auth)).status).toBe(401);
    expect((await request(h.app).get('/v1/users/me/addresses').set(me.auth)).status).toBe(401);
    expect((await request(h.app).post('/v1/users/me/addresses').set(me.auth).send(VALID_ADDRESS)).status).toBe(401);
    expect((await request(h.app).delete('/v1/users/me').set(me.auth)).status).toBe(401);
  });

  test('When an account is deleted, then its email can register again as a new account', async () => {
    const me = await signedInUser(h, 'returner');
    await request(h.app).delete('/v1/users/me').set(me.auth).expect(204);

    const res = await request(h.app)
      .post('/v1/users')
      .send({ email: me.email, password: 'a fresh start 123', name: 'Back' });

    expect(res.status).toBe(201);
    expect(res.body.id).not.toBe(me.id);
  });
});
