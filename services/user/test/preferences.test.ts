import request from 'supertest';
import { eventsOf, signedInUser, userHarness, type Harness } from './support';

jest.setTimeout(30_000);

describe('/v1/users/me/preferences', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await userHarness('shop_user_unit');
  });
  afterAll(() => h.close());

  test('When a user never saved preferences, then GET answers the defaults', async () => {
    const me = await signedInUser(h, 'prefs-default');

    const res = await request(h.app).get('/v1/users/me/preferences').set(me.auth);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ currency: 'USD', language: 'en', marketingOptIn: false, timezone: 'UTC' });
  });

  test('When a user saves valid preferences, then GET returns them canonicalised and user.updated names preferences', async () => {
    const me = await signedInUser(h, 'prefs-save');
    const body = { currency: 'EUR', language: 'de-at', marketingOptIn: true, timezone: 'Europe/Vienna' };

    const put = await request(h.app).put('/v1/users/me/preferences').set(me.auth).send(body);
    const get = await request(h.app).get('/v1/users/me/preferences').set(me.auth);

    expect(put.status).toBe(200);
    expect(get.body).toEqual({ ...body, language: 'de-AT' });
    const events = await eventsOf(h.pool, me.id);
    expect(events.at(-1)).toMatchObject({ topic: 'user.updated', payload: { changes: ['preferences'], version: 2 } });
  });

  test('When PUT leaves out an optional field, then it falls back to its default (PUT replaces the document)', async () => {
    const me = await signedInUser(h, 'prefs-replace');
    await request(h.app)
      .put('/v1/users/me/preferences')
      .set(me.auth)
      .send({ currency: 'JPY', language: 'ja', marketingOptIn: false, timezone: 'Asia/Tokyo' })
      .expect(200);

    await request(h.app)
      .put('/v1/users/me/preferences')
      .set(me.auth)
      .send({ currency: 'JPY', language: 'ja', marketingOptIn: true })
      .expect(200);

    const get = await request(h.app).get('/v1/users/me/preferences').set(me.auth);
    expect(get.body.timezone).toBe('UTC');
  });

  test.each([
    ['an unknown currency', { currency: 'ABC', language: 'en', marketingOptIn: false }, 'currency'],
    ['a lower-case currency', { currency: 'eur', language: 'en', marketingOptIn: false }, 'currency'],
    [
      'a language that is not a tag',
      { currency: 'EUR', language: 'english please', marketingOptIn: false },
      'language',
    ],
    ['a string opt-in', { currency: 'EUR', language: 'en', marketingOptIn: 'yes' }, 'marketingOptIn'],
    [
      'an unknown time zone',
      { currency: 'EUR', language: 'en', marketingOptIn: false, timezone: 'Mars/Olympus' },
      'timezone',
    ],
    ['a missing currency', { language: 'en', marketingOptIn: false }, 'currency'],
    ['an unknown field', { currency: 'EUR', language: 'en', marketingOptIn: false, theme: 'dark' }, 'theme'],
  ])(
    'When preferences have %s, then the answer is 400 on that field and nothing is saved',
    async (_case, body, field) => {
      const me = await signedInUser(h, 'prefs-bad');

      const res = await request(h.app).put('/v1/users/me/preferences').set(me.auth).send(body);

      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
      const { rows } = await h.pool.query('SELECT 1 FROM preferences WHERE user_id = $1', [me.id]);
      expect(rows).toHaveLength(0);
    },
  );

  test('When stored preferences hold a value an older schema allowed, then GET falls back to the default for that field only', async () => {
    const me = await signedInUser(h, 'prefs-legacy');
    await h.pool.query(`INSERT INTO preferences (user_id, data) VALUES ($1, $2)`, [
      me.id,
      JSON.stringify({ currency: 'XYZ', language: 'fr', marketingOptIn: true }),
    ]);

    const res = await request(h.app).get('/v1/users/me/preferences').set(me.auth);

    expect(res.body).toEqual({ currency: 'USD', language: 'fr', marketingOptIn: true, timezone: 'UTC' });
  });
});
