import { randomBytes } from 'node:crypto';
import { hash, parseOptions, verify, type Algorithm, type Options } from '@node-rs/argon2';
import type { PasswordHasher } from '../domain/ports';

/**
 * argon2id at OWASP's first recommended configuration (Password Storage Cheat Sheet:
 * m=19 MiB, t=2, p=1). Measured about 80 ms per hash on a 2-core CI machine, which keeps a
 * login fast while costing an attacker 19 MiB and two passes per guess. Raising it later is
 * safe: verification reads the parameters from the stored PHC string, and needsRehash()
 * upgrades each account at its next successful login.
 */
export const ARGON2_PARAMETERS = {
  // Algorithm is a const enum in the typings; 2 is Argon2id.
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const satisfies Options;

export function createArgon2Passwords(parameters: Options = ARGON2_PARAMETERS): PasswordHasher {
  // A hash of a random secret with today's parameters: what a missing account is checked
  // against, so that path costs the same as a real verification. Made once, on first use.
  let dummy: Promise<string> | undefined;
  const dummyHash = () => (dummy ??= hash(randomBytes(32), parameters));

  return {
    hash: (password) => hash(password, parameters),
    verify: async (stored, password) => {
      try {
        return await verify(stored, password);
      } catch {
        return false; // a corrupt stored hash is a failed login, not a 500
      }
    },
    async verifyDummy(password) {
      await verify(await dummyHash(), password).catch(() => false);
      return false;
    },
    needsRehash(stored) {
      try {
        const used = parseOptions(stored);
        return (
          used.algorithm !== parameters.algorithm ||
          used.memoryCost < (parameters.memoryCost ?? 0) ||
          used.timeCost < (parameters.timeCost ?? 0) ||
          used.parallelism !== parameters.parallelism
        );
      } catch {
        return false;
      }
    },
  };
}
