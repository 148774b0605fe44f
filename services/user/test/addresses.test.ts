import request from 'supertest';
import { signedInUser, userHarness, VALID_ADDRESS, type Harness, type SignedInUser } from './support';

jest.setTimeout(30_000);

describe('/v1/users/me/addresses', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await userHarness('shop_user_unit');
  });
  afterAll(() => h.close());

  const add = (me: SignedInUser, body: object = VALID_ADDRESS) =>
    request(h.app).post('/v1/users/me/addresses').set(me.auth).send(body);
  const list = async (me: SignedInUser) => (await request(h.app).get('/v1/users/me/addresses').set(me.auth)).body.items;

  test('When a user adds a first address, then it is 201, it becomes the default, and absent optional fields are omitted', async () => {
    const me = await signedInUser(h, 'addr-first');

    const res = await add(me, { ...VALID_ADDRESS, country: 'gb' });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ...VALID_ADDRESS, country: 'GB', isDefault: true });
    expect(res.body).not.toHaveProperty('line2');
    expect(res.headers['location']).toBe(`/v1/users/me/addresses/${res.body.id}`);
  });

  test('When a user adds a second address as default, then it is the only default', async () => {
    const me = await signedInUser(h, 'addr-default');
    const first = (await add(me)).body;

    const second = await add(me, { ...VALID_ADDRESS, line1: '2 Other Road', line2: 'Flat 3', isDefault: true });

    expect(second.status).toBe(201);
    const items = await list(me);
    expect(items.map((a: { id: string; isDefault: boolean }) => [a.id, a.isDefault])).toEqual([
      [first.id, false],
      [second.body.id, true],
    ]);
  });

  test('When many default addresses are added at once, then the database still holds exactly one default', async () => {
    const me = await signedInUser(h, 'addr-race');

    const results = await Promise.all(Array.from({ length: 6 }, () => add(me, { ...VALID_ADDRESS, isDefault: true })));

    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    const { rows } = await h.pool.query('SELECT count(*)::int AS n FROM addresses WHERE user_id = $1 AND is_default', [
      me.id,
    ]);
    expect(rows[0].n).toBe(1);
  });

  test('When the database is asked directly for a second default, then the partial unique index refuses it', async () => {
    const me = await signedInUser(h, 'addr-index');
    const first = (await add(me)).body;
    await add(me, { ...VALID_ADDRESS, line1: 'Second' }).expect(201);

    const attempt = h.pool.query('UPDATE addresses SET is_default = true WHERE user_id = $1 AND id <> $2', [
      me.id,
      first.id,
    ]);

    await expect(attempt).rejects.toMatchObject({ code: '23505', constraint: 'addresses_one_default' });
  });

  test('When a user patches an address, then the fields change, null clears an optional field, and a new default moves the flag', async () => {
    const me = await signedInUser(h, 'addr-patch');
    const first = (await add(me, { ...VALID_ADDRESS, phone: '+44 20 7946 0000' })).body;
    const second = (await add(me, { ...VALID_ADDRESS, line1: 'Second' })).body;

    const res = await request(h.app)
      .patch(`/v1/users/me/addresses/${second.id}`)
      .set(me.auth)
      .send({ city: 'Manchester', isDefault: true });
    const cleared = await request(h.app).patch(`/v1/users/me/addresses/${first.id}`).set(me.auth).send({ phone: null });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: second.id, city: 'Manchester', isDefault: true });
    expect(cleared.body).not.toHaveProperty('phone');
    expect(cleared.body.isDefault).toBe(false);
  });

  test('When a user lists addresses, then the answer has the list shape and pages through them', async () => {
    const me = await signedInUser(h, 'addr-list');
    for (const line1 of ['One', 'Two', 'Three']) await add(me, { ...VALID_ADDRESS, line1 }).expect(201);

    const res = await request(h.app).get('/v1/users/me/addresses?page=2&pageSize=2').set(me.auth);
    const bad = await request(h.app).get('/v1/users/me/addresses?pageSize=0').set(me.auth);

    expect(res.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(res.body.items.map((a: { line1: string }) => a.line1)).toEqual(['Three']);
    expect(bad.status).toBe(400);
  });

  test('When a user deletes an address, then it is 204 and gone from the list', async () => {
    const me = await signedInUser(h, 'addr-delete');
    const address = (await add(me)).body;

    const res = await request(h.app).delete(`/v1/users/me/addresses/${address.id}`).set(me.auth);

    expect(res.status).toBe(204);
    expect(await list(me)).toEqual([]);
  });

  test("When a user reads, patches or deletes another user's address, then every answer is 404 and the address is untouched", async () => {
    const owner = await signedInUser(h, 'addr-owner');
    const intruder = await signedInUser(h, 'addr-intruder');
    const address = (await add(owner)).body;

    const patch = await request(h.app)
      .patch(`/v1/users/me/addresses/${address.id}`)
      .set(intruder.auth)
      .send({ city: 'Stolen' });
    const del = await request(h.app).delete(`/v1/users/me/addresses/${address.id}`).set(intruder.auth);

    expect(patch.status).toBe(404);
    expect(del.status).toBe(404);
    expect(await list(intruder)).toEqual([]);
    expect(await list(owner)).toEqual([expect.objectContaining({ id: address.id, city: VALID_ADDRESS.city })]);
  });

  test('When an address id is not a uuid or unknown, then the answer is 404, not 400 or 500', async () => {
    const me = await signedInUser(h, 'addr-badid');
    expect((await request(h.app).delete('/v1/users/me/addresses/not-a-uuid').set(me.auth)).status).toBe(404);
    expect(
      (await request(h.app).delete('/v1/users/me/addresses/0b6c3a5e-2d0e-4a5b-9c1d-000000000000').set(me.auth)).status,
    ).toBe(404);
  });

  test.each([
    ['a missing city', { ...VALID_ADDRESS, city: undefined }, 'city'],
    ['an alpha-3 country', { ...VALID_ADDRESS, country: 'GBR' }, 'country'],
    ['a non-country code', { ...VALID_ADDRESS, country: 'EU' }, 'country'],
    ['a bad phone', { ...VALID_ADDRESS, phone: 'call me' }, 'phone'],
    ['a bad postal code', { ...VALID_ADDRESS, postalCode: '!!' }, 'postalCode'],
    ['a client-sent userId', { ...VALID_ADDRESS, userId: 'someone-else' }, 'userId'],
  ])('When an address has %s, then the answer is 400 on that field', async (_case, body, field) => {
    const me = await signedInUser(h, 'addr-invalid');
    const res = await add(me, body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    expect(await list(me)).toEqual([]);
  });

  test('When a user already has 20 addresses, then a 21st is refused with 409', async () => {
    const me = await signedInUser(h, 'addr-full');
    for (let i = 0; i < 20; i += 1) await add(me, { ...VALID_ADDRESS, line1: `House ${i}` }).expect(201);

    const res = await add(me);

    expect(res.status).toBe(409);
    expect(await list(me)).toHaveLength(20);
  });
});
