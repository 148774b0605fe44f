import request from 'supertest';
import { eventsOf, uniqueEmail, userHarness, type Harness } from './support';

jest.setTimeout(30_000);

describe('POST /v1/users (registration)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await userHarness('shop_user_unit');
  });
  afterAll(() => h.close());

  const register = (body: unknown) =>
    request(h.app)
      .post('/v1/users')
      .send(body as object);

  test('When a visitor registers with valid data, then the answer is 201 with exactly the public fields', async () => {
    const email = uniqueEmail('ada');
    const res = await register({ email, password: 'correct horse battery', name: 'Ada' });

    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['createdAt', 'email', 'id', 'name', 'roles']);
    expect(res.body).toMatchObject({ email, name: 'Ada', roles: ['customer'] });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(res.body.createdAt).toISOString()).toBe(res.body.createdAt);
  });

  test('When a visitor registers, then the password is stored as an argon2id hash and user.registered is in the outbox', async () => {
    const res = await register({ email: uniqueEmail(), password: 'correct horse battery', name: 'Grace' });
    const { rows } = await h.pool.query('SELECT password_hash, status FROM users WHERE id = $1', [res.body.id]);

    expect(rows[0].status).toBe('active');
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const events = await eventsOf(h.pool, res.body.id);
    expect(events.map((e) => [e.id, e.topic])).toEqual([[`user.registered/${res.body.id}`, 'user.registered']]);
    expect(events[0]!.payload).toEqual({ userId: res.body.id, roles: ['customer'], registeredAt: res.body.createdAt });
    expect(JSON.stringify(events[0]!.payload)).not.toContain('@');
  });

  test('When the email is already registered in another letter case, then the answer is 409 and no second account exists', async () => {
    const email = uniqueEmail('twice');
    await register({ email, password: 'correct horse battery', name: 'First' }).expect(201);

    const res = await register({ email: email.toUpperCase(), password: 'another good secret', name: 'Second' });

    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 409, code: 'CONFLICT' });
    const { rows } = await h.pool.query('SELECT count(*)::int AS n FROM users WHERE lower(email) = lower($1)', [email]);
    expect(rows[0].n).toBe(1);
  });

  test('When two registrations of one email race, then exactly one succeeds and the other gets 409', async () => {
    const email = uniqueEmail('race');
    const results = await Promise.all([
      register({ email, password: 'correct horse battery', name: 'A' }),
      register({ email, password: 'correct horse battery', name: 'B' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  test.each([
    ['a malformed email', { email: 'not-an-email', password: 'correct horse battery', name: 'X' }, 'email'],
    ['a 7-character password', { email: uniqueEmail(), password: 'short12', name: 'X' }, 'password'],
    ['a 129-character password', { email: uniqueEmail(), password: 'p'.repeat(129), name: 'X' }, 'password'],
    ['an empty name', { email: uniqueEmail(), password: 'correct horse battery', name: '  ' }, 'name'],
    ['a missing name', { email: uniqueEmail(), password: 'correct horse battery' }, 'name'],
    [
      'a client-sent role',
      { email: uniqueEmail(), password: 'correct horse battery', name: 'X', role: 'admin' },
      'role',
    ],
    [
      'client-sent roles',
      { email: uniqueEmail(), password: 'correct horse battery', name: 'X', roles: ['admin'] },
      'roles',
    ],
  ])(
    'When the body has %s, then the answer is 400 naming the field and nothing is stored',
    async (_case, body, field) => {
      const res = await register(body);

      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
      if ('email' in body && body.email.includes('@')) {
        const { rows } = await h.pool.query('SELECT 1 FROM users WHERE lower(email) = lower($1)', [body.email]);
        expect(rows).toHaveLength(0);
      }
    },
  );

  test('When the password equals the email (ignoring case), then the answer is 400 on password', async () => {
    const email = uniqueEmail('same');
    const res = await register({ email, password: email.toUpperCase(), name: 'Same' });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'password', message: 'must not be the email address' }]);
  });

  test('When the body is malformed JSON, then the answer is a 400 problem, not a 500', async () => {
    const res = await request(h.app)
      .post('/v1/users')
      .set('content-type', 'application/json')
      .send('{"email": "a@b.c",');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
  });

  test('When the body is larger than 16 kB, then the answer is 413', async () => {
    const res = await register({ email: uniqueEmail(), password: 'correct horse battery', name: 'x'.repeat(20_000) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('When the body is not JSON, then the answer is 415', async () => {
    const res = await request(h.app).post('/v1/users').set('content-type', 'text/plain').send('email=a');
    expect(res.status).toBe(415);
  });

  test('When someone registers, then the log names the user id but never the email or password', async () => {
    const email = uniqueEmail('quiet');
    const password = 'very secret phrase 42';
    const res = await register({ email, password, name: 'Quiet' }).expect(201);

    expect(h.logs.lines().some((l) => l.message === 'user registered' && l['userId'] === res.body.id)).toBe(true);
    expect(h.logs.text()).not.toContain(email);
    expect(h.logs.text()).not.toContain(password);
    expect(h.logs.text()).not.toContain('$argon2id$');
  });
});
