import { createHmac } from 'node:crypto';
import type { PaymentApprover } from '../domain/ports';
import { plainHttp } from './plain-http';

/**
 * The payment provider's confirmation, sent to the order service exactly as the provider
 * would (signed `t=<s>,v1=<hmac>` over `t.orderId.paymentId.outcome`): the order service then
 * updates the provider's record and wakes the saga, so an approval from the console takes
 * the same path as a real one instead of only raising the workflow event.
 */
export function createPaymentWebhook(options: {
  url?: string | undefined;
  secret?: string | undefined;
  timeoutMs?: number;
}): PaymentApprover {
  const { url, secret } = options;
  return {
    configured: Boolean(url && secret),
    async confirm(orderId, paymentId, outcome) {
      if (!url || !secret) throw new Error('the payment webhook is not configured');
      const t = Math.floor(Date.now() / 1000);
      const mac = createHmac('sha256', secret).update(`${t}.${orderId}.${paymentId}.${outcome}`).digest('hex');
      const res = await plainHttp(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'shop-signature': `t=${t},v1=${mac}` },
        body: JSON.stringify({ orderId, paymentId, outcome }),
        timeoutMs: options.timeoutMs ?? 5_000,
      });
      if (!res.ok) throw new Error(`the order service answered ${res.status}: ${res.body.slice(0, 200)}`);
    },
  };
}
