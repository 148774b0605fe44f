import { AppError } from '@shop/service-kit/errors';
import { userRegistered } from '../events';
import type { UserDeps } from '../ports';
import { passwordEqualsEmail, toUser, type ActiveAccount, type Role, type User } from '../user';

export interface Registration {
  readonly email: string;
  readonly password: string;
  readonly name: string;
}

export function assertPasswordAllowed(password: string, email: string): void {
  if (passwordEqualsEmail(password, email)) {
    throw new AppError('VALIDATION_FAILED', 'Invalid body: 1 problem', {
      errors: [{ path: 'password', message: 'must not be the email address' }],
    });
  }
}

/**
 * Opens an account: the password is hashed, the account and its user.registered event are
 * written in one transaction, and a taken email (in any letter case) is a conflict.
 */
export async function registerUser(
  deps: UserDeps,
  registration: Registration,
  roles: Role[] = ['customer'],
): Promise<User> {
  assertPasswordAllowed(registration.password, registration.email);
  const passwordHash = await deps.passwords.hash(registration.password);

  const account = await deps.store.transaction(async (tx) => {
    const created = await tx.users.insert({
      id: deps.newId(),
      email: registration.email,
      name: registration.name,
      passwordHash,
      roles,
    });
    if (created === 'email-taken') throw new AppError('CONFLICT', 'An account with this email already exists');
    await tx.events.add(userRegistered(created));
    return created as ActiveAccount;
  });

  deps.logger.info('user registered', { userId: account.id, roles: account.roles });
  return toUser(account);
}
