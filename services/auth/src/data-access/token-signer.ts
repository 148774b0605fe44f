import {
  createAccessTokenSigner,
  createAuthenticator,
  publicJwkOf,
  type Authenticator,
  type Logger,
} from '@shop/service-kit';
import type { AccessTokens } from '../domain/ports';
import type { SigningKeys } from './signing-key-client';

export interface TokenKit extends AccessTokens {
  /** {"keys":[current, previous]} public JWKs, as served on GET /v1/auth/jwks and GetJwks. */
  readonly jwks: { keys: object[] };
  /** Auth's own verifier (same code as every service), for the logout route. */
  readonly authenticator: Authenticator;
}

/**
 * Signs with the current key; verifies with the kit's Authenticator fed from the keys in hand
 * (no call through Dapr to itself), so auth checks tokens exactly like every other service.
 */
export async function createTokenKit(keys: SigningKeys, logger: Logger, daprGrpcPort: number): Promise<TokenKit> {
  const signer = await createAccessTokenSigner(keys.current);
  const jwks = { keys: [keys.current, ...(keys.previous ? [keys.previous] : [])].map(publicJwkOf) };
  const authenticator = createAuthenticator({ logger, daprGrpcPort, fetchJwks: async () => jwks });
  return {
    jwks,
    authenticator,
    sign: (request) => signer.sign(request),
    verify: (token) => authenticator.verify(token),
  };
}
