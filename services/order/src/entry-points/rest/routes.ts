import type { Express } from 'express';
import type { OrderDeps } from '../../domain/ports';
import { cartRoutes, type RestAuth } from './cart-routes';
import { orderRoutes } from './order-routes';
import { paymentRoutes } from './payment-routes';

/** Mounts /v1/cart, /v1/orders and /v1/payments on static prefixes (metrics label by mount path + route). */
export function mountOrderRoutes(
  app: Express,
  deps: OrderDeps,
  auth: RestAuth,
  webhook: { secret: string; now?: () => number },
): void {
  app.use('/v1/cart', cartRoutes(deps, auth));
  app.use('/v1/orders', orderRoutes(deps, auth));
  app.use('/v1/payments', paymentRoutes(deps, webhook));
}
