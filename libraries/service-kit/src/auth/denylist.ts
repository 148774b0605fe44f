/**
 * Revoked token ids and session (family) ids, kept in memory until the tokens they cover
 * expire. Fed by `session.revoked`; checked on every verification, so it must be O(1).
 */
export interface Denylist {
  add(kind: 'token' | 'session', id: string, expiresAtSeconds: number): void;
  has(kind: 'token' | 'session', id: string): boolean;
  readonly size: () => number;
}

export function createDenylist(now: () => number = Date.now, maxEntries = 1_000_000): Denylist {
  const entries = new Map<string, number>();
  let nextSweep = 0;

  // Amortised cleanup on writes: no timer to stop, and reads stay a single Map lookup.
  function sweep(nowSeconds: number): void {
    if (nowSeconds < nextSweep && entries.size < maxEntries) return;
    for (const [key, exp] of entries) if (exp <= nowSeconds) entries.delete(key);
    nextSweep = nowSeconds + 30;
  }

  return {
    add(kind, id, expiresAtSeconds) {
      const nowSeconds = Math.floor(now() / 1000);
      sweep(nowSeconds);
      if (expiresAtSeconds <= nowSeconds) return;
      const key = `${kind}:${id}`;
      entries.set(key, Math.max(entries.get(key) ?? 0, expiresAtSeconds));
    },
    has(kind, id) {
      const exp = entries.get(`${kind}:${id}`);
      return exp !== undefined && exp > Math.floor(now() / 1000);
    },
    size: () => entries.size,
  };
}
