import { Router, type Response } from 'express';
import { AppError, principalOf, validate, type Authenticator } from '@shop/service-kit';
import type { UserDeps } from '../../domain/ports';
import { deleteAccount, getProfile, updateProfile } from '../../domain/use-cases/profile';
import { getPreferences, replacePreferences } from '../../domain/use-cases/preferences';
import { registerUser } from '../../domain/use-cases/registration';
import { profileBody, registeredBody } from './presenters';
import { preferencesBody, profilePatchBody, registrationBody } from './schemas';

export type RestAuth = Pick<Authenticator, 'requireAuth' | 'requireRole'>;

export const callerId = (res: Response): string => principalOf(res).userId;

/** Registration and the caller's own account: profile, preferences, deletion. */
export function accountRoutes(deps: UserDeps, auth: RestAuth): Router {
  const router = Router();
  const signedIn = auth.requireAuth();

  router.post('/', async (req, res) => {
    const user = await registerUser(deps, validate(registrationBody, req.body, 'body'));
    res.status(201).location('/v1/users/me').json(registeredBody(user));
  });

  router.get('/me', signedIn, async (_req, res) => {
    res.json(profileBody(await getProfile(deps, callerId(res))));
  });

  router.patch('/me', signedIn, async (req, res) => {
    const changes = validate(profilePatchBody, req.body, 'body');
    res.json(profileBody(await updateProfile(deps, callerId(res), changes)));
  });

  router.delete('/me', signedIn, async (_req, res) => {
    await deleteAccount(deps, callerId(res));
    res.status(204).end();
  });

  router.get('/me/preferences', signedIn, async (_req, res) => {
    res.json(await getPreferences(deps, callerId(res)));
  });

  router.put('/me/preferences', signedIn, async (req, res) => {
    res.json(await replacePreferences(deps, callerId(res), validate(preferencesBody, req.body, 'body')));
  });

  return router;
}

/** For path ids: a malformed id names nothing, so it is a 404 like an unknown one. */
export function pathId(schema: { safeParse(v: unknown): { success: boolean } }, value: unknown, what: string): string {
  if (!schema.safeParse(value).success) throw new AppError('NOT_FOUND', `No such ${what}`);
  return value as string;
}
