import { ACCESS_TOKEN } from './token-format';

// Three base64url segments; anything else is refused before any crypto runs.
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export type BearerResult = { kind: 'missing' } | { kind: 'malformed' } | { kind: 'token'; token: string };

/** Reads `Bearer <token>` (scheme case-insensitive, RFC 6750 §2.1) from a header value. */
export function parseBearer(header: string | undefined): BearerResult {
  if (header === undefined || header === '') return { kind: 'missing' };
  const match = /^Bearer +(\S+) *$/i.exec(header);
  const token = match?.[1];
  if (token === undefined || token.length > ACCESS_TOKEN.maxLength || !COMPACT_JWS.test(token)) {
    return { kind: 'malformed' };
  }
  return { kind: 'token', token };
}
