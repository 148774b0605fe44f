import { exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ACCESS_TOKEN } from './token-format';

const b64url = z.string().regex(/^[A-Za-z0-9_-]+$/);

/**
 * A public Ed25519 verification key. Strict on purpose: a JWKS entry with a private part,
 * another curve or another algorithm is refused rather than half-used.
 */
export const publicJwkSchema = z
  .object({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: b64url.length(43),
    kid: z.string().min(1).max(128),
    alg: z.literal(ACCESS_TOKEN.alg).optional(),
    use: z.literal('sig').optional(),
  })
  .strict();
export type PublicJwk = z.output<typeof publicJwkSchema>;

export const privateJwkSchema = publicJwkSchema.extend({ d: b64url.length(43) }).strict();
export type PrivateJwk = z.output<typeof privateJwkSchema>;

export const jwksSchema = z.object({ keys: z.array(publicJwkSchema).max(10) }).strict();
export type Jwks = z.output<typeof jwksSchema>;

export function publicJwkOf(jwk: PrivateJwk): PublicJwk {
  const { d: _private, ...rest } = jwk;
  return { ...rest, alg: ACCESS_TOKEN.alg, use: 'sig' };
}

export function importVerificationKey(jwk: PublicJwk): Promise<KeyLike | Uint8Array> {
  return importJWK({ ...jwk, alg: ACCESS_TOKEN.alg } as JWK, ACCESS_TOKEN.alg);
}

export function importSigningKey(jwk: PrivateJwk): Promise<KeyLike | Uint8Array> {
  return importJWK({ ...jwk, alg: ACCESS_TOKEN.alg } as JWK, ACCESS_TOKEN.alg);
}

/** A fresh Ed25519 key pair as JWKs, for tests and for the key-rotation runbook. */
export async function generateSigningKey(kid: string = randomUUID()): Promise<PrivateJwk> {
  const { privateKey } = await generateKeyPair(ACCESS_TOKEN.alg, { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  return privateJwkSchema.parse({
    kty: jwk.kty,
    crv: jwk.crv,
    x: jwk.x,
    d: jwk.d,
    kid,
    alg: ACCESS_TOKEN.alg,
    use: 'sig',
  });
}
