import { Router, type Response } from 'express';
import { AppError, principalOf, validate } from '@shop/service-kit';
import type { OrderDeps } from '../../domain/ports';
import {
  awaitOwnOrder,
  cancelOwnOrder,
  MAX_WAIT_SECONDS,
  deliverOrder,
  getOwnOrder,
  listOwnOrders,
  ownOrderHistory,
  shipOrder,
} from '../../domain/use-cases/orders';
import { placeOrder } from '../../domain/use-cases/place-order';
import { pathId, type RestAuth } from './cart-routes';
import { historyBody, orderBody } from './presenters';
import { emptyBody, idempotencyKeySchema, orderIdSchema, orderListQuery, placeOrderBody, shipBody } from './schemas';

const me = (res: Response) => principalOf(res).userId;
const orderId = (value: unknown) => pathId(orderIdSchema, value, 'order');
// POSTs without a body are fine; a body, if sent, must be empty.
const noBody = (body: unknown) => validate(emptyBody, body ?? {}, 'body');

/**
 * The `wait` preference of a Prefer header (RFC 7240), in whole seconds; undefined when
 * absent or malformed (a preference the server does not understand is ignored, not refused).
 */
export function preferredWait(header: string | undefined): number | undefined {
  for (const preference of (header ?? '').split(',')) {
    const match = /^\s*wait\s*=\s*"?(\d{1,6})"?\s*(;.*)?$/i.exec(preference);
    if (match) return Number(match[1]);
  }
  return undefined;
}

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

  // RFC 7240 `Prefer: wait=N`: hold the answer until the order leaves PENDING, N seconds at most.
  router.get('/:orderId', async (req, res) => {
    const id = orderId(req.params['orderId']);
    const wait = preferredWait(req.get('prefer'));
    res.vary('Prefer');
    if (wait === undefined) {
      res.json(orderBody(await getOwnOrder(deps, me(res), id)));
      return;
    }
    const seconds = Math.min(wait, MAX_WAIT_SECONDS);
    const order = await awaitOwnOrder(deps, me(res), id, seconds);
    res.set('Preference-Applied', `wait=${seconds}`).json(orderBody(order));
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
