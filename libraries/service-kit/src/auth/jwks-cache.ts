import type { KeyLike } from 'jose';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { importVerificationKey, jwksSchema, type Jwks } from './keys';

export interface JwksCacheOptions {
  readonly fetchJwks: () => Promise<unknown>;
  readonly logger: Logger;
  /** At most one refetch per interval caused by unknown kids: random kids cannot storm auth. */
  readonly minRefetchIntervalMs?: number;
  /** Keys older than this are refreshed on the next use, so a retired key stops being accepted. */
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

export interface JwksCache {
  /** The key for `kid`; refetches once (rate-limited) when it is unknown. */
  keyFor(kid: string): Promise<KeyLike | Uint8Array>;
  /** Loads the keys now (start-up warm-up); failures are reported, not thrown. */
  refresh(): Promise<boolean>;
  readonly fetches: () => number;
}

type KeyMap = Map<string, KeyLike | Uint8Array>;

export function createJwksCache(options: JwksCacheOptions): JwksCache {
  const minInterval = options.minRefetchIntervalMs ?? 5_000;
  const maxAge = options.maxAgeMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let keys: KeyMap | undefined;
  let fetchedAt = 0;
  // Only refetches caused by an unknown kid count against the interval: a rotation right
  // after a routine load must still be picked up on the first token with the new kid.
  let lastUnknownKidFetch = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<boolean> | undefined;
  let count = 0;

  async function load(): Promise<boolean> {
    count += 1;
    try {
      const jwks: Jwks = jwksSchema.parse(await options.fetchJwks());
      const next: KeyMap = new Map();
      for (const jwk of jwks.keys) next.set(jwk.kid, await importVerificationKey(jwk));
      keys = next;
      fetchedAt = now();
      return true;
    } catch (err) {
      // Stale keys keep working: a short auth outage must not log everybody out.
      options.logger.warn('jwks fetch failed', { err, haveKeys: keys !== undefined });
      return false;
    }
  }

  // Concurrent callers share one fetch.
  function refresh(): Promise<boolean> {
    inFlight ??= load().finally(() => (inFlight = undefined));
    return inFlight;
  }

  return {
    refresh,
    fetches: () => count,
    async keyFor(kid) {
      if (keys === undefined || now() - fetchedAt > maxAge) await refresh();
      else if (!keys.has(kid) && now() - lastUnknownKidFetch >= minInterval) {
        lastUnknownKidFetch = now();
        await refresh();
      }
      if (keys === undefined) throw new AppError('UNAVAILABLE', 'Token verification keys are unavailable');
      const key = keys.get(kid);
      if (!key) throw new AppError('UNAUTHENTICATED', 'The access token is invalid');
      return key;
    },
  };
}
