import { status } from '@grpc/grpc-js';
import { hash } from '@node-rs/argon2';
import { userContract, userStatus } from '@shop/contracts';
import request from 'supertest';
import type { PasswordHasher, UserDeps } from '../src/domain/ports';
import { grpcHarness } from './grpc-support';
import { signedInUser, userHarness, VALID_ADDRESS, type Harness } from './support';

jest.setTimeout(30_000);

interface VerifyReply {
  valid: boolean;
  user: { id: string; email: string; roles: string[]; status: string } | null;
}

/** Counts argon2 verifications, real or dummy, to prove every path does the same work. */
function countingHasher(inner: PasswordHasher) {
  let verifications = 0;
  const hasher: PasswordHasher = {
    ...inner,
    verify: (h, p) => ((verifications += 1), inner.verify(h, p)),
    verifyDummy: (p) => ((verifications += 1), inner.verifyDummy(p)),
  };
  return { hasher, verifications: () => verifications };
}

describe(`${userContract.service} over gRPC`, () => {
  let h: Harness;
  let grpc: Awaited<ReturnType<typeof grpcHarness>>;
  let counter: ReturnType<typeof countingHasher>;
  beforeAll(async () => {
    h = await userHarness('shop_user_unit');
    counter = countingHasher(h.deps.passwords);
    const deps: UserDeps = { ...h.deps, passwords: counter.hasher };
    grpc = await grpcHarness(deps, h.logs.logger);
  });
  afterAll(async () => {
    await grpc.close();
    await h.close();
  });

  async function verifyWork(email: string, password: string) {
    const before = counter.verifications();
    const reply = await grpc.call<VerifyReply>('VerifyCredentials', { email, password });
    return { reply, verifications: counter.verifications() - before };
  }

  test('When the email and password are right, then the answer is valid with the user (any email case)', async () => {
    const me = await signedInUser(h, 'grpc-valid');

    const { reply, verifications } = await verifyWork(me.email.toUpperCase(), me.password);

    expect(reply.valid).toBe(true);
    expect(reply.user).toMatchObject({
      id: me.id,
      email: me.email,
      roles: ['customer'],
      status: userStatus.toWire('active'),
    });
    expect(verifications).toBe(1);
  });

  test('When the password is wrong or the email unknown, then both get the same answer after the same work', async () => {
    const me = await signedInUser(h, 'grpc-wrong');

    const wrong = await verifyWork(me.email, 'not the password');
    const unknown = await verifyWork('nobody-at-all@example.test', 'not the password');

    expect(wrong.reply).toEqual(unknown.reply);
    expect(wrong.reply).toEqual({ valid: false, user: null });
    expect(wrong.verifications).toBe(1);
    expect(unknown.verifications).toBe(1);
  });

  test('When the account is disabled or deleted, then the right password is still invalid', async () => {
    const disabled = await signedInUser(h, 'grpc-disabled');
    await h.pool.query(`UPDATE users SET status = 'disabled' WHERE id = $1`, [disabled.id]);
    const deleted = await signedInUser(h, 'grpc-deleted');
    await request(h.app).delete('/v1/users/me').set(deleted.auth).expect(204);

    expect((await verifyWork(disabled.email, disabled.password)).reply.valid).toBe(false);
    const gone = await verifyWork(deleted.email, deleted.password);
    expect(gone.reply.valid).toBe(false);
    expect(gone.verifications).toBe(1);
  });

  test('When a stored hash used weaker parameters, then a valid login upgrades it to the current ones', async () => {
    const me = await signedInUser(h, 'grpc-rehash');
    const weak = await hash(me.password, { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    await h.pool.query('UPDATE users SET password_hash = $2 WHERE id = $1', [me.id, weak]);

    expect((await verifyWork(me.email, me.password)).reply.valid).toBe(true);

    const { rows } = await h.pool.query('SELECT password_hash FROM users WHERE id = $1', [me.id]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  test.each([
    ['an empty email', { email: '', password: 'x' }],
    ['an empty password', { email: 'a@b.test', password: '' }],
  ])('When VerifyCredentials gets %s, then the call fails with INVALID_ARGUMENT', async (_case, req) => {
    await expect(grpc.call('VerifyCredentials', req)).rejects.toMatchObject({ code: status.INVALID_ARGUMENT });
  });

  test('When GetUser names an existing, a missing and a malformed id, then it answers the user, NOT_FOUND, INVALID_ARGUMENT', async () => {
    const me = await signedInUser(h, 'grpc-getuser');

    await expect(grpc.call('GetUser', { user_id: me.id })).resolves.toMatchObject({
      id: me.id,
      email: me.email,
      status: userStatus.toWire('active'),
    });
    await expect(grpc.call('GetUser', { user_id: '0b6c3a5e-2d0e-4a5b-9c1d-000000000000' })).rejects.toMatchObject({
      code: status.NOT_FOUND,
    });
    await expect(grpc.call('GetUser', { user_id: 'nope' })).rejects.toMatchObject({ code: status.INVALID_ARGUMENT });
  });

  test("When GetAddress names the owner, then the address comes back; for another user's id it is NOT_FOUND", async () => {
    const owner = await signedInUser(h, 'grpc-owner');
    const other = await signedInUser(h, 'grpc-other');
    const address = (await request(h.app).post('/v1/users/me/addresses').set(owner.auth).send(VALID_ADDRESS)).body;

    const mine = await grpc.call('GetAddress', { user_id: owner.id, address_id: address.id });
    const theirs = grpc.call('GetAddress', { user_id: other.id, address_id: address.id });

    expect(mine).toMatchObject({
      id: address.id,
      user_id: owner.id,
      postal_code: VALID_ADDRESS.postalCode,
      country: 'GB',
      line2: '',
      is_default: true,
    });
    await expect(theirs).rejects.toMatchObject({ code: status.NOT_FOUND });
    await expect(grpc.call('GetAddress', { user_id: owner.id, address_id: 'x' })).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT,
    });
  });

  test('When credentials are checked, then the log never holds the email or the password', async () => {
    const me = await signedInUser(h, 'grpc-quiet');
    await verifyWork(me.email, 'wrong password here');
    expect(h.logs.text()).not.toContain(me.email);
    expect(h.logs.text()).not.toContain('wrong password here');
  });
});
