import type { Express } from 'express';
import type { UserDeps } from '../../domain/ports';
import { accountRoutes, type RestAuth } from './account-routes';
import { addressRoutes } from './address-routes';
import { adminRoutes } from './admin-routes';

/** Mounts /v1/users on static prefixes (the kit labels metrics by mount path + route). */
export function mountUserRoutes(app: Express, deps: UserDeps, auth: RestAuth): void {
  app.use('/v1/users/me/addresses', addressRoutes(deps, auth));
  app.use('/v1/users', accountRoutes(deps, auth));
  app.use('/v1/users', adminRoutes(deps, auth));
}
