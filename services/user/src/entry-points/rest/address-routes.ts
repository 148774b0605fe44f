import { Router } from 'express';
import { validate } from '@shop/service-kit';
import type { UserDeps } from '../../domain/ports';
import { addAddress, listAddresses, removeAddress, updateAddress } from '../../domain/use-cases/addresses';
import { callerId, pathId, type RestAuth } from './account-routes';
import { addressBody } from './presenters';
import { addressCreateBody, addressIdParam, addressListQuery, addressPatchBody } from './schemas';

/** The caller's address book; every id is looked up within the caller's own addresses. */
export function addressRoutes(deps: UserDeps, auth: RestAuth): Router {
  const router = Router();
  router.use(auth.requireAuth());

  router.get('/', async (req, res) => {
    const page = validate(addressListQuery, req.query, 'query');
    const { items, total } = await listAddresses(deps, callerId(res), page);
    res.json({ items: items.map(addressBody), total, page: page.page, pageSize: page.pageSize });
  });

  router.post('/', async (req, res) => {
    const address = await addAddress(deps, callerId(res), validate(addressCreateBody, req.body, 'body'));
    res.status(201).location(`/v1/users/me/addresses/${address.id}`).json(addressBody(address));
  });

  router.patch('/:addressId', async (req, res) => {
    const addressId = pathId(addressIdParam, req.params['addressId'], 'address');
    const changes = validate(addressPatchBody, req.body, 'body');
    res.json(addressBody(await updateAddress(deps, callerId(res), addressId, changes)));
  });

  router.delete('/:addressId', async (req, res) => {
    await removeAddress(deps, callerId(res), pathId(addressIdParam, req.params['addressId'], 'address'));
    res.status(204).end();
  });

  return router;
}
