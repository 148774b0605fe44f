export {
  createAuthenticator,
  type Authenticator,
  type AuthenticatorOptions,
  type VerifyOptions,
} from './authenticator';
export { parseBearer, type BearerResult } from './bearer';
export { createDenylist, type Denylist } from './denylist';
export { principalOf } from './express';
export { createJwksCache, type JwksCache, type JwksCacheOptions } from './jwks-cache';
export {
  generateSigningKey,
  jwksSchema,
  privateJwkSchema,
  publicJwkOf,
  publicJwkSchema,
  type Jwks,
  type PrivateJwk,
  type PublicJwk,
} from './keys';
export {
  createAccessTokenSigner,
  type AccessTokenRequest,
  type AccessTokenSigner,
  type IssuedAccessToken,
} from './signer';
export {
  ACCESS_TOKEN,
  accessClaimsSchema,
  AUTH_APP_ID,
  PUBSUB_NAME,
  ROLES,
  SESSION_REVOKED_TOPIC,
  sessionRevokedSchema,
  type AccessClaims,
  type Principal,
  type Role,
  type SessionRevoked,
} from './token-format';
