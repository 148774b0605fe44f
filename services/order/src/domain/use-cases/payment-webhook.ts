import { AppError } from '@shop/service-kit/errors';
import type { OrderDeps } from '../ports';
import { verifyWebhook } from '../webhook-signature';

export interface PaymentConfirmation {
  readonly orderId: string;
  readonly paymentId: string;
  readonly outcome: 'approved' | 'declined';
}

/**
 * The provider's asynchronous answer to a payment that needed confirmation. Authenticated
 * by its HMAC (the provider has no user token); the saga decides what the answer means, so
 * a repeated or late webhook changes nothing once the saga moved on.
 */
export async function receivePaymentConfirmation(
  deps: OrderDeps & { webhookSecret: string; now: () => number },
  signature: string | undefined,
  confirmation: PaymentConfirmation,
): Promise<void> {
  if (!verifyWebhook(deps.webhookSecret, signature, confirmation, deps.now())) {
    throw new AppError('UNAUTHENTICATED', 'The webhook signature is missing, wrong or expired');
  }
  const order = await deps.orders.get(confirmation.orderId);
  if (!order) throw new AppError('NOT_FOUND', 'No such order');
  const approved = confirmation.outcome === 'approved';
  await deps.payments.confirm?.(confirmation.paymentId, approved);
  if (order.status === 'PENDING') await deps.checkout.paymentConfirmed(order.id, approved);
  deps.logger.info('payment confirmation received', { orderId: order.id, outcome: confirmation.outcome });
}
