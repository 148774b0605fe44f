import { isAppError, validate } from '@shop/service-kit/errors';
import { z } from 'zod';
import type { UserDeps } from '../ports';
import { emailSchema, passwordSchema } from '../user';
import { registerUser } from './registration';

const firstAdminSchema = z.object({ email: emailSchema, password: passwordSchema });

export type FirstAdminOutcome = { readonly outcome: 'created' | 'exists'; readonly userId: string };

/**
 * Creates the first admin from operator-provided credentials, once. An account that already
 * has the email is left exactly as it is (its password may have been changed since), which
 * makes this safe to run at every start of every instance.
 */
export async function ensureFirstAdmin(
  deps: UserDeps,
  credentials: { email: string; password: string },
): Promise<FirstAdminOutcome> {
  const { email, password } = validate(firstAdminSchema, credentials, 'first admin secrets');
  const existing = await deps.store.users.findByEmail(email);
  if (existing) return { outcome: 'exists', userId: existing.id };
  try {
    const admin = await registerUser(deps, { email, password, name: 'Administrator' }, ['customer', 'admin']);
    return { outcome: 'created', userId: admin.id };
  } catch (err) {
    // Another instance starting at the same moment won the insert.
    if (isAppError(err) && err.code === 'CONFLICT') {
      const winner = await deps.store.users.findByEmail(email);
      if (winner) return { outcome: 'exists', userId: winner.id };
    }
    throw err;
  }
}
