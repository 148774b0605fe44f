import { AppError } from '@shop/service-kit/errors';
import { userUpdated } from '../events';
import type { UserDeps, UserQuery } from '../ports';
import type { Account, Role } from '../user';
import { requireActiveAdmin } from './account-access';

export async function listUsers(
  deps: UserDeps,
  actorId: string,
  query: UserQuery,
): Promise<{ items: Account[]; total: number }> {
  await requireActiveAdmin(deps.store, actorId);
  return deps.store.users.list(query);
}

/**
 * Sets a user's roles and announces it (auth and others may react to a demotion). The last
 * active admin keeps the admin role, so the shop can never lock itself out.
 */
export async function setRoles(deps: UserDeps, actorId: string, targetId: string, roles: Role[]): Promise<Account> {
  await requireActiveAdmin(deps.store, actorId);
  const result = await deps.store.transaction(async (tx) => {
    // Admin rows first, always in one order, so concurrent role changes never deadlock.
    const admins = await tx.users.lockActiveAdminIds();
    const target = await tx.users.lockById(targetId);
    if (!target || target.status === 'deleted') throw new AppError('NOT_FOUND', 'No such user');
    const same = target.roles.length === roles.length && roles.every((r) => target.roles.includes(r));
    if (same) return target;
    const losesAdmin = target.roles.includes('admin') && !roles.includes('admin');
    if (losesAdmin && target.status === 'active' && admins.every((id) => id === targetId)) {
      throw new AppError('CONFLICT', 'The last active admin cannot lose the admin role');
    }
    const updated = await tx.users.update(targetId, { roles });
    if (updated === 'email-taken') throw new Error('unreachable: no email change');
    await tx.events.add(userUpdated(updated, ['roles']));
    return updated;
  });
  deps.logger.info('roles set', { actorId, userId: targetId, roles: result.roles });
  return result;
}
