import { Router } from 'express';
import { AppError, principalOf, validate, type Authenticator } from '@shop/service-kit';
import type { OrderDeps } from '../../domain/ports';
import { clearCart, removeCartItem, setCartItem, viewCart } from '../../domain/use-cases/cart';
import { cartItemBody, productIdSchema } from './schemas';

export type RestAuth = Pick<Authenticator, 'requireAuth' | 'requireRole'>;

/** A malformed id in a path cannot name anything: 404, like any unknown id. */
export function pathId(schema: { safeParse(v: unknown): { success: boolean } }, value: unknown, what: string): string {
  if (!schema.safeParse(value).success) throw new AppError('NOT_FOUND', `No such ${what}`);
  return value as string;
}

/** The caller's own cart; there is no way to name another user's. */
export function cartRoutes(deps: OrderDeps, auth: RestAuth): Router {
  const router = Router();
  router.use(auth.requireAuth());
  const me = (res: Parameters<typeof principalOf>[0]) => principalOf(res).userId;

  router.get('/', async (_req, res) => {
    res.json(await viewCart(deps, me(res)));
  });

  router.put('/items/:productId', async (req, res) => {
    const productId = pathId(productIdSchema, req.params['productId'], 'product');
    const { quantity } = validate(cartItemBody, req.body, 'body');
    res.json(await setCartItem(deps, me(res), productId, quantity));
  });

  router.delete('/items/:productId', async (req, res) => {
    res.json(await removeCartItem(deps, me(res), pathId(productIdSchema, req.params['productId'], 'product')));
  });

  router.delete('/', async (_req, res) => {
    await clearCart(deps, me(res));
    res.status(204).end();
  });

  return router;
}
