import { ensureFirstAdmin } from '../src/domain/use-cases/first-admin';
import { startFirstAdminBootstrap } from '../src/entry-points/jobs/first-admin-bootstrap';
import { eventsOf, uniqueEmail, userHarness, type Harness } from './support';

jest.setTimeout(30_000);

describe('The first admin from the secret store', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await userHarness('shop_user_unit');
  });
  afterAll(() => h.close());

  const accountsWith = async (email: string) =>
    (await h.pool.query('SELECT id, roles, password_hash FROM users WHERE lower(email) = lower($1)', [email])).rows;

  test('When the bootstrap runs several times, also concurrently, then exactly one admin account and one event exist', async () => {
    const secrets = { email: uniqueEmail('first-admin'), password: 'Admin-Password-123!' };

    const outcomes = await Promise.all([ensureFirstAdmin(h.deps, secrets), ensureFirstAdmin(h.deps, secrets)]);
    const again = await ensureFirstAdmin(h.deps, secrets);

    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['created', 'exists']);
    expect(again.outcome).toBe('exists');
    const accounts = await accountsWith(secrets.email);
    expect(accounts).toHaveLength(1);
    expect(accounts[0].roles).toEqual(['customer', 'admin']);
    expect(new Set([...outcomes, again].map((o) => o.userId))).toEqual(new Set([accounts[0].id]));
    expect((await eventsOf(h.pool, accounts[0].id)).map((e) => e.topic)).toEqual(['user.registered']);
  });

  test('When an account with the admin email already exists, then it is left exactly as it is', async () => {
    const secrets = { email: uniqueEmail('existing'), password: 'Admin-Password-123!' };
    await ensureFirstAdmin(h.deps, secrets);
    await h.pool.query(`UPDATE users SET password_hash = $2, roles = '{customer}' WHERE lower(email) = lower($1)`, [
      secrets.email,
      '$argon2id$v=19$m=19456,t=2,p=1$changed$changed',
    ]);

    const outcome = await ensureFirstAdmin(h.deps, { ...secrets, email: secrets.email.toUpperCase() });

    expect(outcome.outcome).toBe('exists');
    expect(await accountsWith(secrets.email)).toEqual([
      expect.objectContaining({ roles: ['customer'], password_hash: '$argon2id$v=19$m=19456,t=2,p=1$changed$changed' }),
    ]);
  });

  test('When the secret store is not reachable at first, then the bootstrap retries, and readiness turns green once the admin exists', async () => {
    const secrets = { email: uniqueEmail('retry'), password: 'Admin-Password-123!' };
    let calls = 0;
    const bootstrap = startFirstAdminBootstrap({
      deps: h.deps,
      logger: h.logs.logger,
      maxRetryDelayMs: 20,
      readSecrets: async () => {
        calls += 1;
        if (calls === 1) throw new Error('secret store unavailable');
        return secrets;
      },
    });

    await expect(bootstrap.check()).rejects.toThrow();
    await waitFor(async () => (await accountsWith(secrets.email)).length === 1);
    await bootstrap.settled();
    await expect(bootstrap.check()).resolves.toBeUndefined();
    await bootstrap.stop();
    expect(calls).toBe(2);
  });

  test('When the secrets are invalid, then no account is made, the error names fields only, and nothing retries', async () => {
    const email = uniqueEmail('weak');
    let calls = 0;
    const bootstrap = startFirstAdminBootstrap({
      deps: h.deps,
      logger: h.logs.logger,
      maxRetryDelayMs: 5,
      readSecrets: async () => ((calls += 1), { email, password: 'short' }),
    });
    await bootstrap.settled();
    await new Promise((r) => setTimeout(r, 30));

    expect(calls).toBe(1);
    expect(await accountsWith(email)).toHaveLength(0);
    const line = h.logs.lines().find((l) => l.message === 'first admin secrets are invalid, no admin created');
    expect(line?.['fields']).toEqual(['password']);
    expect(h.logs.text()).not.toContain(email);
    await bootstrap.stop();
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 20));
  }
}
