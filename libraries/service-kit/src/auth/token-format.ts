import { components } from '@shop/topology';
import { z } from 'zod';

/**
 * The access-token contract between the auth service (issuer) and every verifier. One module
 * so both sides cannot drift: change a value here and both the signer and the checks move.
 */
export const ACCESS_TOKEN = {
  alg: 'EdDSA',
  typ: 'at+jwt',
  issuer: 'shop-auth',
  audience: 'shop',
  ttlSeconds: 15 * 60,
  /** Clock skew accepted on exp/nbf/iat between hosts; kept small so expiry stays meaningful. */
  clockToleranceSeconds: 5,
  /** Refuses tokens whose header would make verification costly or ambiguous. */
  maxLength: 4096,
} as const;

export const ROLES = ['customer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Where verifiers find auth: its Dapr app id (its gRPC service is @shop/contracts' authContract). */
export const AUTH_APP_ID = 'auth';

/** Published by auth on logout, family revocation and reuse detection; every verifier listens. */
export const SESSION_REVOKED_TOPIC = 'session.revoked';
export const PUBSUB_NAME = components.pubsub;

export interface Principal {
  readonly userId: string;
  readonly roles: readonly string[];
  /** The access token's jti. */
  readonly tokenId: string;
  /** The access token's exp, seconds since the epoch. */
  readonly expiresAt: number;
  /** The refresh-token family (session) the token was issued for (`sid` claim). */
  readonly sessionId?: string;
}

const id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/);

/**
 * Claims after jose checked signature, iss, aud, exp, nbf and typ; this pins their shapes.
 * `sid` is our addition: the refresh family, so revoking a family also kills its access tokens.
 */
export const accessClaimsSchema = z.object({
  iss: z.literal(ACCESS_TOKEN.issuer),
  aud: z.union([
    z.literal(ACCESS_TOKEN.audience),
    z.array(z.string()).refine((a) => a.includes(ACCESS_TOKEN.audience)),
  ]),
  sub: id,
  roles: z.array(z.string().min(1).max(32)).max(16),
  jti: z.uuid(),
  sid: id.optional(),
  iat: z.number().int(),
  nbf: z.number().int(),
  exp: z.number().int(),
});
export type AccessClaims = z.output<typeof accessClaimsSchema>;

/**
 * `session.revoked` data. A logout names the access token (tokenId) and its family; a reuse
 * detection names only the family. expiresAt (seconds) is when the entry may be forgotten:
 * no access token it covers is valid after it.
 */
export const sessionRevokedSchema = z
  .object({
    tokenId: z.uuid().optional(),
    familyId: id.optional(),
    userId: id,
    expiresAt: z.number().int().positive(),
    reason: z.enum(['logout', 'reuse_detected', 'revoked']).optional(),
    /** Milliseconds since the epoch at auth; verifiers log their lag from it (propagation delay). */
    revokedAt: z.number().int().positive().optional(),
  })
  .strict()
  .refine((e) => e.tokenId !== undefined || e.familyId !== undefined, { message: 'tokenId or familyId is required' });
export type SessionRevoked = z.output<typeof sessionRevokedSchema>;
