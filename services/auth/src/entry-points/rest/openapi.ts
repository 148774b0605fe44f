// The auth service's public routes for the shop's OpenAPI document, from the schemas the
// routes validate with (schemas.ts).
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { NO_STORE, operation } from '@shop/service-kit/openapi';
import { loginBody, logoutBody, refreshBody } from './schemas';

export const tokenPairSchema = z
  .object({
    accessToken: z.string().meta({ description: 'A JWT; send it as `Authorization: Bearer <accessToken>`' }),
    refreshToken: z.string().meta({ description: 'Single use: each refresh returns a new pair' }),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().positive().meta({ description: 'Seconds until the access token expires' }),
  })
  .meta({
    id: 'TokenPair',
    example: {
      accessToken: 'eyJhbGciOiJFUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiIuLi4ifQ.c2ln',
      refreshToken: 'kq3Zp0bXo8v0d2m3wWc2b7Hh5fXn0yq4t9rJk1aLmQe',
      tokenType: 'Bearer',
      expiresIn: 900,
    },
  });

const jwkSchema = z.looseObject({
  kty: z.string(),
  kid: z.string(),
  alg: z.string().optional(),
  use: z.string().optional(),
});
export const jwksSchema = z.object({ keys: z.array(jwkSchema) }).meta({ id: 'Jwks', description: 'RFC 7517 key set' });

/** How long verifiers may keep the key set (the route's Cache-Control). */
export const JWKS_CACHE_CONTROL = 'public, max-age=300';

const tags = ['auth'];
const CREDENTIALS = { email: 'ada@example.com', password: 'correct horse battery' };

export const authPaths: ZodOpenApiPathsObject = {
  '/v1/auth/login': {
    post: operation({
      operationId: 'login',
      summary: 'Sign in: a token pair for email and password',
      description: 'Unknown email and wrong password get the same 401. Repeated failures get 429 with Retry-After.',
      tags,
      access: 'public',
      body: loginBody,
      bodyExample: CREDENTIALS,
      responses: [{ status: 200, description: 'Signed in', schema: tokenPairSchema, cacheControl: [NO_STORE] }],
      problems: [400, 401, 429],
    }),
  },
  '/v1/auth/refresh': {
    post: operation({
      operationId: 'refreshTokens',
      summary: 'Exchange a refresh token for a new pair',
      description: 'A refresh token used twice is refused and its whole family revoked.',
      tags,
      access: 'public',
      body: refreshBody,
      bodyExample: { refreshToken: 'kq3Zp0bXo8v0d2m3wWc2b7Hh5fXn0yq4t9rJk1aLmQe' },
      responses: [{ status: 200, description: 'A new pair', schema: tokenPairSchema }],
      problems: [400, 401, 429],
    }),
  },
  '/v1/auth/logout': {
    post: operation({
      operationId: 'logout',
      summary: 'Sign out: the access token (and the refresh token, if sent) stop working everywhere',
      tags,
      access: 'user',
      body: logoutBody,
      bodyRequired: false,
      responses: [{ status: 204, description: 'Signed out' }],
      problems: [400],
    }),
  },
  '/v1/auth/jwks': {
    get: operation({
      operationId: 'getJwks',
      summary: 'The public keys that verify access tokens',
      tags,
      access: 'public',
      responses: [{ status: 200, description: 'The key set', schema: jwksSchema, cacheControl: [JWKS_CACHE_CONTROL] }],
    }),
  },
};
