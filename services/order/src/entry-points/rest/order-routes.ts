import { Router, type Response } from 'express';
import { AppError, principalOf, validate } from '@shop/service-kit';
import type { OrderDeps } from '../../domain/ports';
import {
  cancelOwnOrder,
  deliverOrder,
  getOwnOrder,
  listOwnOrders,
  ownOrderHistory,
  shipOrder,
} from '../../domain/use-cases/orders';
import { placeOrder } from '../../domain/use-cases/place-order';
import { pathId, type RestAuth } from './cart-routes';
import { historyBody, orderBody } from './representations';
import { emptyBody, idempotencyKeySchema, orderIdSchema, orderListQuery, placeOrderBody, shipBody } from './schemas';

const me = (res: Response) => principalOf(res).userId;
const orderId = (value: unknown) => pathId(orderIdSchema, value, 'order');
// POSTs without a body are fine; a body, if sent, must be empty.
const noBody = (body: unknown) => validate(emptyBody, body ?? {}, 'body');

export function orderRoutes(deps: OrderDeps, auth: RestAuth): Router {
  const router = Router();
  router.use(auth.requireAuth());
  const admin = auth.requireRole('admin');

  router.post('/', async (req, res) => {
    const key = req.get('idempotency-key');
    if (key === undefined) throw new AppError('VALIDATION_FAILED', 'The Idempotency-Key header is required');
    const parsedKey = idempotencyKeySchema.safeParse(key);
    if (!parsedKey.success) throw new AppError('VALIDATION_FAILED', 'The Idempotency-Key header is malformed');
    const order = await placeOrder(deps, me(res), parsedKey.data, validate(placeOrderBody, req.body, 'body'));
    res.status(202).location(`/v1/orders/${order.id}`).json(orderBody(order));
  });

  router.get('/', async (req, res) => {
    const page = validate(orderListQuery, req.query, 'query');
    const { items, total } = await listOwnOrders(deps, me(res), page);
    res.json({ items: items.map(orderBody), total, page: page.page, pageSize: page.pageSize });
  });

  router.get('/:orderId', async (req, res) => {
    res.json(orderBody(await getOwnOrder(deps, me(res), orderId(req.params['orderId']))));
  });

  router.get('/:orderId/history', async (req, res) => {
    res.json(historyBody(await ownOrderHistory(deps, me(res), orderId(req.params['orderId']))));
  });

  router.post('/:orderId/cancel', async (req, res) => {
    const id = orderId(req.params['orderId']);
    noBody(req.body);
    res.json(orderBody(await cancelOwnOrder(deps, me(res), id)));
  });

  router.post('/:orderId/ship', admin, async (req, res) => {
    const id = orderId(req.params['orderId']);
    res.json(orderBody(await shipOrder(deps, id, validate(shipBody, req.body, 'body'))));
  });

  router.post('/:orderId/deliver', admin, async (req, res) => {
    const id = orderId(req.params['orderId']);
    noBody(req.body);
    res.json(orderBody(await deliverOrder(deps, id)));
  });

  return router;
}
