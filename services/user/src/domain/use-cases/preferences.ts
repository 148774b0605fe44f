import { userUpdated } from '../events';
import type { UserDeps } from '../ports';
import { readStoredPreferences, type Preferences } from '../preferences';
import { activeAccountOf, lockActiveAccount } from './account-access';

/** The saved preferences, or the defaults for a user who never saved any. */
export async function getPreferences(deps: UserDeps, userId: string): Promise<Preferences> {
  await activeAccountOf(deps.store, userId);
  return readStoredPreferences(await deps.store.preferences.find(userId));
}

/** Replaces the document and announces it (marketing consent is something others act on). */
export async function replacePreferences(
  deps: UserDeps,
  userId: string,
  preferences: Preferences,
): Promise<Preferences> {
  await deps.store.transaction(async (tx) => {
    await lockActiveAccount(tx, userId);
    await tx.preferences.save(userId, preferences);
    const updated = await tx.users.update(userId, {});
    if (updated === 'email-taken') throw new Error('unreachable: no email change');
    await tx.events.add(userUpdated(updated, ['preferences']));
  });
  deps.logger.info('preferences replaced', { userId });
  return preferences;
}
