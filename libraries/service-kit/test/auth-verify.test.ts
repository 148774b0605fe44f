import { createHmac, randomUUID } from 'node:crypto';
import { base64url } from 'jose';
import { AppError } from '../src/errors';
import { generateSigningKey, publicJwkOf } from '../src/auth/keys';
import { createAccessTokenSigner } from '../src/auth/signer';
import { ACCESS_TOKEN } from '../src/auth/token-format';
import { forge, keyFixture, tamper, unsigned } from './auth-fixtures';

async function expectUnauthenticated(promise: Promise<unknown>) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('UNAUTHENTICATED');
}

describe('Authenticator.verify', () => {
  test('When a token from the auth signer is verified, then the principal carries user, roles, jti, exp and session', async () => {
    const { jwk, authenticator } = await keyFixture();
    const signer = await createAccessTokenSigner(jwk);
    const issued = await signer.sign({ userId: 'u-42', roles: ['customer'], sessionId: 'fam-1' });

    const principal = await authenticator.verify(issued.token);

    expect(principal).toEqual({
      userId: 'u-42',
      roles: ['customer'],
      tokenId: issued.tokenId,
      expiresAt: issued.expiresAt,
      sessionId: 'fam-1',
    });
    const [header] = issued.token.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({
      alg: 'EdDSA',
      typ: 'at+jwt',
      kid: jwk.kid,
    });
  });

  test('When the token expired beyond the clock tolerance, then it is rejected', async () => {
    const { jwk, authenticator } = await keyFixture();
    const token = await forge(jwk, {
      shiftSeconds: -(ACCESS_TOKEN.ttlSeconds + ACCESS_TOKEN.clockToleranceSeconds + 2),
    });
    await expectUnauthenticated(authenticator.verify(token));
  });

  test('When the token expired within the clock tolerance, then it is still accepted', async () => {
    const { jwk, authenticator } = await keyFixture();
    const token = await forge(jwk, { shiftSeconds: -(ACCESS_TOKEN.ttlSeconds + 2) });
    await expect(authenticator.verify(token)).resolves.toMatchObject({ userId: 'u-1' });
  });

  test('When the token is not yet valid (nbf in the future), then it is rejected', async () => {
    const { jwk, authenticator } = await keyFixture();
    const now = Math.floor(Date.now() / 1000);
    const token = await forge(jwk, { claims: { nbf: now + 60 } });
    await expectUnauthenticated(authenticator.verify(token));
  });

  test.each([
    ['audience', { aud: 'another-shop' }],
    ['issuer', { iss: 'someone-else' }],
    ['jti (not a uuid)', { jti: 'x' }],
    ['lifetime (longer than 15 minutes)', { exp: Math.floor(Date.now() / 1000) + 3600 }],
  ])('When the %s claim is wrong, then the token is rejected', async (_name, claims) => {
    const { jwk, authenticator } = await keyFixture();
    await expectUnauthenticated(authenticator.verify(await forge(jwk, { claims })));
  });

  test.each([['JWT'], ['id+jwt'], [undefined]])(
    'When the typ header is %s, then the token is rejected',
    async (typ) => {
      const { jwk, authenticator } = await keyFixture();
      await expectUnauthenticated(authenticator.verify(await forge(jwk, { header: { typ } })));
    },
  );

  test('When the header says alg none and there is no signature, then the token is rejected', async () => {
    const { jwk, authenticator } = await keyFixture();
    const now = Math.floor(Date.now() / 1000);
    const token = unsigned(
      { alg: 'none', typ: 'at+jwt', kid: jwk.kid },
      {
        iss: 'shop-auth',
        aud: 'shop',
        sub: 'u-1',
        roles: ['admin'],
        jti: randomUUID(),
        iat: now,
        nbf: now,
        exp: now + 60,
      },
    );
    await expectUnauthenticated(authenticator.verify(token));
  });

  test('When the token is HS256-signed with the public key as the secret, then it is rejected', async () => {
    const { jwk, authenticator } = await keyFixture();
    const now = Math.floor(Date.now() / 1000);
    const enc = (o: object) => base64url.encode(JSON.stringify(o));
    const signingInput = `${enc({ alg: 'HS256', typ: 'at+jwt', kid: jwk.kid })}.${enc({
      iss: 'shop-auth',
      aud: 'shop',
      sub: 'u-1',
      roles: ['admin'],
      jti: randomUUID(),
      iat: now,
      nbf: now,
      exp: now + 60,
    })}`;
    // Both secrets a confused verifier might use: the raw public key and its JWK text.
    for (const secret of [Buffer.from(jwk.x, 'base64url'), Buffer.from(JSON.stringify(publicJwkOf(jwk)))]) {
      const token = `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
      await expectUnauthenticated(authenticator.verify(token));
    }
  });

  test('When the payload is tampered with (customer made admin), then the signature check rejects it', async () => {
    const { jwk, authenticator } = await keyFixture();
    const token = tamper(await forge(jwk), (claims) => (claims['roles'] = ['admin']));
    await expectUnauthenticated(authenticator.verify(token));
  });

  test('When a token is signed by a key auth does not publish, then it is rejected after one refetch', async () => {
    const fixture = await keyFixture({ minRefetchIntervalMs: 60_000 });
    await fixture.authenticator.verify(await forge(fixture.jwk)); // first fetch
    const stranger = await generateSigningKey();

    await expectUnauthenticated(fixture.authenticator.verify(await forge(stranger)));
    expect(fixture.jwksFetches()).toBe(2);

    // A storm of unknown kids within the interval does not reach auth again.
    await Promise.all(
      Array.from({ length: 20 }, async () =>
        expectUnauthenticated(fixture.authenticator.verify(await forge(stranger, { header: { kid: randomUUID() } }))),
      ),
    );
    expect(fixture.jwksFetches()).toBe(2);
  });

  test('When auth rotates to a new key, then the unknown kid triggers a refetch and the token is accepted', async () => {
    const fixture = await keyFixture({ minRefetchIntervalMs: 0 });
    await fixture.authenticator.verify(await forge(fixture.jwk));
    const next = await generateSigningKey();
    fixture.served = [next, fixture.jwk];

    await expect(fixture.authenticator.verify(await forge(next, { claims: { sub: 'u-7' } }))).resolves.toMatchObject({
      userId: 'u-7',
    });
    expect(fixture.jwksFetches()).toBe(2);
  });

  test('When the JWKS cannot be fetched at all, then verify answers UNAVAILABLE rather than a misleading 401', async () => {
    const fixture = await keyFixture({
      fetchJwks: async () => {
        throw new Error('connection refused');
      },
    });
    await expect(fixture.authenticator.verify(await forge(fixture.jwk))).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  test('When a token is rejected, then the log names the reason but never the token', async () => {
    const fixture = await keyFixture();
    const token = await forge(fixture.jwk, { claims: { aud: 'x' } });
    await expectUnauthenticated(fixture.authenticator.verify(token));

    const lines = await fixture.lines();
    const rejected = lines.find((l) => l['message'] === 'access token rejected');
    expect(rejected).toMatchObject({ reason: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
    expect(JSON.stringify(lines)).not.toContain(token.split('.')[2]);
  });
});
