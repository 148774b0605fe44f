import { AppError } from '@shop/service-kit/errors';
import type { Repositories } from '../ports';
import { isActive, userIdSchema, type ActiveAccount } from '../user';

// A valid token can outlive its account (deleted, disabled): such callers are told to sign in
// again rather than shown a half-existing profile.
const gone = () => new AppError('UNAUTHENTICATED', 'The account of this access token is no longer active');

/** The caller's account, which must still be active. */
export async function activeAccountOf(repos: Pick<Repositories, 'users'>, userId: string): Promise<ActiveAccount> {
  const account = userIdSchema.safeParse(userId).success ? await repos.users.findById(userId) : undefined;
  if (!isActive(account)) throw gone();
  return account;
}

/** As activeAccountOf, locking the row for the rest of the transaction. */
export async function lockActiveAccount(repos: Pick<Repositories, 'users'>, userId: string): Promise<ActiveAccount> {
  const account = userIdSchema.safeParse(userId).success ? await repos.users.lockById(userId) : undefined;
  if (!isActive(account)) throw gone();
  return account;
}

/**
 * Admin routes check the role in the token first; this re-checks the account itself, so a
 * demoted or deleted admin loses access at once instead of when the token expires.
 */
export async function requireActiveAdmin(repos: Pick<Repositories, 'users'>, userId: string): Promise<ActiveAccount> {
  const account = await activeAccountOf(repos, userId);
  if (!account.roles.includes('admin')) throw new AppError('FORBIDDEN', 'This operation requires the admin role');
  return account;
}
