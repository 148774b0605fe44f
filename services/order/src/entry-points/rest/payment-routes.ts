import { Router } from 'express';
import { validate } from '@shop/service-kit';
import { z } from 'zod';
import type { OrderDeps } from '../../domain/ports';
import { receivePaymentConfirmation } from '../../domain/use-cases/payment-webhook';

export const webhookBody = z.strictObject({
  orderId: z.uuid(),
  paymentId: z.string().min(1).max(200),
  outcome: z.enum(['approved', 'declined']),
});

/** POST /v1/payments/webhook: called by the payment provider, authenticated by HMAC, not by a user token. */
export function paymentRoutes(deps: OrderDeps, webhook: { secret: string; now?: () => number }): Router {
  const router = Router();
  router.post('/webhook', async (req, res) => {
    const body = validate(webhookBody, req.body, 'body');
    await receivePaymentConfirmation(
      { ...deps, webhookSecret: webhook.secret, now: webhook.now ?? Date.now },
      req.get('shop-signature'),
      body,
    );
    res.status(204).end();
  });
  return router;
}
