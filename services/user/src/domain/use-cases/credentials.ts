import type { UserDeps } from '../ports';
import { isActive, toUser, type User } from '../user';

/**
 * Checks an email/password pair for auth's login. Every path does exactly one argon2
 * verification, also when no account has the email (against a dummy hash), so neither the
 * answer nor its timing tells a caller which emails exist. Disabled and deleted accounts
 * are refused like a wrong password.
 */
export async function verifyCredentials(deps: UserDeps, email: string, password: string): Promise<User | undefined> {
  const account = await deps.store.users.findByEmail(email);
  const passwordOk = account?.passwordHash
    ? await deps.passwords.verify(account.passwordHash, password)
    : await deps.passwords.verifyDummy(password);
  if (!passwordOk || !isActive(account)) return undefined;

  if (deps.passwords.needsRehash(account.passwordHash)) {
    // The one moment the plain password is at hand: upgrade hashes made with older parameters.
    await deps.store.users.replacePasswordHash(account.id, await deps.passwords.hash(password));
    deps.logger.info('password hash upgraded', { userId: account.id });
  }
  return toUser(account);
}
