// Shared by the auth*.test.ts files: a real key pair, a signer, and a forger for bad tokens.
import { randomUUID } from 'node:crypto';
import { base64url, importJWK, SignJWT, type JWTPayload } from 'jose';
import { createAuthenticator, type AuthenticatorOptions } from '../src/auth/authenticator';
import { generateSigningKey, publicJwkOf, type PrivateJwk } from '../src/auth/keys';
import { ACCESS_TOKEN } from '../src/auth/token-format';
import { captureLogs } from './helpers';

export interface KeyFixture {
  readonly jwk: PrivateJwk;
  readonly jwksFetches: () => number;
  /** What the fake auth serves as its JWKS; tests may swap it (key rotation). */
  served: PrivateJwk[];
  authenticator: ReturnType<typeof createAuthenticator>;
  lines: ReturnType<typeof captureLogs>['lines'];
}

export async function keyFixture(extra: Partial<AuthenticatorOptions> = {}): Promise<KeyFixture> {
  const jwk = await generateSigningKey();
  const { logger, lines } = captureLogs('verifier');
  let fetches = 0;
  const fixture: KeyFixture = {
    jwk,
    served: [jwk],
    jwksFetches: () => fetches,
    lines,
    authenticator: undefined as never,
  };
  fixture.authenticator = createAuthenticator({
    logger,
    daprGrpcPort: 1, // never dialled: the hooks below replace the calls through Dapr
    async fetchJwks() {
      fetches += 1;
      return { keys: fixture.served.map(publicJwkOf) };
    },
    ...extra,
  });
  return fixture;
}

export interface ForgeOptions {
  readonly header?: Record<string, unknown>;
  readonly claims?: JWTPayload & Record<string, unknown>;
  /** Offsets the token's iat/nbf/exp (seconds). */
  readonly shiftSeconds?: number;
}

/** A token in the contract's format, with any header or claim overridden. */
export async function forge(jwk: PrivateJwk, options: ForgeOptions = {}): Promise<string> {
  const iat = Math.floor(Date.now() / 1000) + (options.shiftSeconds ?? 0);
  const claims = {
    iss: ACCESS_TOKEN.issuer,
    aud: ACCESS_TOKEN.audience,
    sub: 'u-1',
    roles: ['customer'],
    jti: randomUUID(),
    iat,
    nbf: iat,
    exp: iat + ACCESS_TOKEN.ttlSeconds,
    ...options.claims,
  };
  const header = { alg: 'EdDSA', typ: ACCESS_TOKEN.typ, kid: jwk.kid, ...options.header } as { alg: string };
  return new SignJWT(claims).setProtectedHeader(header).sign(await importJWK({ ...jwk }, 'EdDSA'));
}

/** Replaces the payload segment and keeps the original signature. */
export function tamper(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
  change(claims);
  return [header, base64url.encode(JSON.stringify(claims)), signature].join('.');
}

export function unsigned(header: object, claims: object): string {
  const enc = (o: object) => base64url.encode(JSON.stringify(o));
  return `${enc(header)}.${enc(claims)}.`;
}
