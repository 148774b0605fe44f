import { Router } from 'express';
import { validate } from '@shop/service-kit';
import type { UserDeps } from '../../domain/ports';
import { listUsers, setRoles } from '../../domain/use-cases/administration';
import { callerId, pathId, type RestAuth } from './account-routes';
import { adminUserBody } from './presenters';
import { rolesBody, userIdParam, userListQuery } from './schemas';

/** Admin-only: the token must carry the admin role, and the account must still hold it. */
export function adminRoutes(deps: UserDeps, auth: RestAuth): Router {
  const router = Router();
  const admin = [auth.requireAuth(), auth.requireRole('admin')];

  router.get('/', ...admin, async (req, res) => {
    const query = validate(userListQuery, req.query, 'query');
    const { items, total } = await listUsers(deps, callerId(res), query);
    res.json({ items: items.map(adminUserBody), total, page: query.page, pageSize: query.pageSize });
  });

  router.patch('/:userId/roles', ...admin, async (req, res) => {
    const userId = pathId(userIdParam, req.params['userId'], 'user');
    const { roles } = validate(rolesBody, req.body, 'body');
    res.json(adminUserBody(await setRoles(deps, callerId(res), userId, roles)));
  });

  return router;
}
