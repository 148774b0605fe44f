import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { importSigningKey, type PrivateJwk } from './keys';
import { ACCESS_TOKEN } from './token-format';

export interface AccessTokenRequest {
  readonly userId: string;
  readonly roles: readonly string[];
  /** The refresh family; lets a family revocation reach its access tokens. */
  readonly sessionId?: string;
}

export interface IssuedAccessToken {
  readonly token: string;
  readonly tokenId: string;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
  readonly expiresIn: number;
}

export interface AccessTokenSigner {
  readonly kid: string;
  sign(request: AccessTokenRequest, nowMs?: number): Promise<IssuedAccessToken>;
}

/** Issues access tokens in the one format every verifier checks (see token-format.ts). */
export async function createAccessTokenSigner(jwk: PrivateJwk): Promise<AccessTokenSigner> {
  const key = await importSigningKey(jwk);
  return {
    kid: jwk.kid,
    async sign(request, nowMs = Date.now()) {
      const iat = Math.floor(nowMs / 1000);
      const exp = iat + ACCESS_TOKEN.ttlSeconds;
      const tokenId = randomUUID();
      const token = await new SignJWT({
        roles: [...request.roles],
        ...(request.sessionId === undefined ? {} : { sid: request.sessionId }),
      })
        .setProtectedHeader({ alg: ACCESS_TOKEN.alg, typ: ACCESS_TOKEN.typ, kid: jwk.kid })
        .setIssuer(ACCESS_TOKEN.issuer)
        .setAudience(ACCESS_TOKEN.audience)
        .setSubject(request.userId)
        .setJti(tokenId)
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(exp)
        .sign(key);
      return { token, tokenId, expiresAt: exp, expiresIn: ACCESS_TOKEN.ttlSeconds };
    },
  };
}
