import { AppError } from '@shop/service-kit/errors';
import { userDeleted, userUpdated, type UserChange } from '../events';
import type { AccountChanges, UserDeps } from '../ports';
import { toUser, type Account, type ActiveAccount, type User } from '../user';
import { activeAccountOf, lockActiveAccount } from './account-access';
import { assertPasswordAllowed } from './registration';

export interface ProfileChanges {
  readonly name?: string;
  readonly email?: string;
  readonly password?: string;
  /** Required to change email or password: a stolen access token alone cannot take the account over. */
  readonly currentPassword?: string;
}

export async function getProfile(deps: UserDeps, userId: string): Promise<User> {
  return toUser(await activeAccountOf(deps.store, userId));
}

export async function updateProfile(deps: UserDeps, userId: string, input: ProfileChanges): Promise<User> {
  const result = await deps.store.transaction(async (tx) => {
    const account = await lockActiveAccount(tx, userId);
    const changes: { -readonly [K in keyof AccountChanges]: AccountChanges[K] } = {};
    const changed: UserChange[] = [];
    if (input.name !== undefined && input.name !== account.name) {
      changes.name = input.name;
      changed.push('name');
    }
    if (input.email !== undefined && input.email !== account.email) {
      changes.email = input.email;
      changed.push('email');
    }
    if (input.password !== undefined) {
      assertPasswordAllowed(input.password, changes.email ?? account.email);
      changed.push('password');
    }
    if (changed.length === 0) return account;

    if (changes.email !== undefined || input.password !== undefined) {
      await checkCurrentPassword(deps, account, input.currentPassword);
    }
    if (input.password !== undefined) changes.passwordHash = await deps.passwords.hash(input.password);

    const updated = await tx.users.update(userId, changes);
    if (updated === 'email-taken') throw new AppError('CONFLICT', 'An account with this email already exists');
    await tx.events.add(userUpdated(updated, changed));
    deps.logger.info('user updated', { userId, changes: changed });
    return updated as ActiveAccount;
  });
  return toUser(result);
}

async function checkCurrentPassword(deps: UserDeps, account: ActiveAccount, currentPassword: string | undefined) {
  if (currentPassword === undefined) {
    throw new AppError('VALIDATION_FAILED', 'Invalid body: 1 problem', {
      errors: [{ path: 'currentPassword', message: 'is required to change the email or password' }],
    });
  }
  if (!(await deps.passwords.verify(account.passwordHash, currentPassword))) {
    throw new AppError('FORBIDDEN', 'The current password is not correct');
  }
}

/**
 * Closes an account for good: addresses and preferences are deleted, the account row is
 * anonymised (its id stays for orders and events), and user.deleted is published. The last
 * active admin cannot delete itself, or nobody could administer the shop.
 */
export async function deleteAccount(deps: UserDeps, userId: string): Promise<void> {
  await deps.store.transaction(async (tx) => {
    // Admin rows first, always in one order, so this never deadlocks with a role change.
    const admins = await tx.users.lockActiveAdminIds();
    const account = await lockActiveAccount(tx, userId);
    if (account.roles.includes('admin') && admins.every((id) => id === userId)) {
      throw new AppError('CONFLICT', 'The last admin account cannot be deleted');
    }
    await tx.addresses.deleteAllForUser(userId);
    await tx.preferences.delete(userId);
    const deleted = await tx.users.anonymise(userId);
    await tx.events.add(userDeleted(deleted));
  });
  deps.logger.info('user deleted', { userId });
}

/** Any account by id, also a deleted one (its id, status and timestamps remain): for other services. */
export async function findAccount(deps: UserDeps, userId: string): Promise<Account> {
  const account = await deps.store.users.findById(userId);
  if (!account) throw new AppError('NOT_FOUND', 'No such user');
  return account;
}
