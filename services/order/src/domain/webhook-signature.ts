import { createHmac, timingSafeEqual } from 'node:crypto';

/** A signature older (or newer) than this is a replay, whatever its HMAC says. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * The payment webhook's signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>` over
 * `t.orderId.paymentId.outcome`. Signing the fields (not the raw bytes) keeps it independent
 * of JSON formatting; the timestamp bounds replays.
 */
export function signWebhook(
  secret: string,
  fields: { orderId: string; paymentId: string; outcome: string },
  at: number,
): string {
  const t = Math.floor(at / 1000);
  const mac = createHmac('sha256', secret)
    .update(`${t}.${fields.orderId}.${fields.paymentId}.${fields.outcome}`)
    .digest('hex');
  return `t=${t},v1=${mac}`;
}

export function verifyWebhook(
  secret: string,
  header: string | undefined,
  fields: { orderId: string; paymentId: string; outcome: string },
  now: number,
): boolean {
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const t = Number(match[1]);
  if (Math.abs(now / 1000 - t) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(signWebhook(secret, fields, t * 1000).slice(-64), 'hex');
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}
