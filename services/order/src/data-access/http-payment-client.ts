import { AppError, validate } from '@shop/service-kit';
import { z } from 'zod';
import type { PaymentProvider } from '../domain/payment';

/**
 * The real provider's adapter, reached through the local sidecar's service invocation of a
 * Dapr HTTPEndpoint (`/v1.0/invoke/<endpoint>/method/...`), so TLS, the API key (from the
 * secret store), retries and tracing are Dapr's. OFF by default (PAYMENT_PROVIDER=simulated);
 * when disabled every call is a clear UNAVAILABLE instead of an accidental charge. The wire
 * format is the shop's own (`/authorizations`, `/captures`, `/voids`, `/refunds`, an
 * `Idempotency-Key` header); a chosen provider's format is mapped here.
 */
export interface HttpProviderOptions {
  readonly enabled: boolean;
  readonly daprHttpPort: number;
  readonly host: string;
  /** The HTTPEndpoint resource name. */
  readonly endpoint: string;
  readonly timeoutMs?: number;
}

// The provider's answers are an entry too: validated before money decisions rest on them.
const authorization = z.discriminatedUnion('status', [
  z.object({ status: z.literal('authorized'), paymentId: z.string().min(1) }),
  z.object({ status: z.literal('requires_confirmation'), paymentId: z.string().min(1) }),
  z.object({ status: z.literal('declined'), paymentId: z.string().min(1), reason: z.string().default('declined') }),
]);
const capture = z.object({ captureId: z.string().min(1) });
const refund = z.object({ refundId: z.string().min(1) });
const anything = z.unknown();

export function createHttpPaymentProvider(options: HttpProviderOptions): PaymentProvider {
  async function call<S extends z.ZodType>(path: string, key: string, body: object, schema: S): Promise<z.output<S>> {
    if (!options.enabled) throw new AppError('UNAVAILABLE', 'The HTTP payment provider is not enabled');
    const url = `http://${options.host}:${options.daprHttpPort}/v1.0/invoke/${options.endpoint}/method/${path}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new AppError('UNAVAILABLE', 'The payment provider could not be reached', { cause: err });
    }
    // Transient: the saga retries with the same idempotency key, which the provider dedupes.
    if (res.status >= 500 || res.status === 429 || res.status === 408)
      throw new AppError('UNAVAILABLE', `The payment provider answered ${res.status}`);
    if (!res.ok) throw new AppError('CONFLICT', `The payment provider refused the request (${res.status})`);
    try {
      const text = await res.text(); // a void may answer 204 with no body
      return validate(schema, text ? JSON.parse(text) : {}, `payment provider ${path} answer`);
    } catch (err) {
      throw new AppError('UNAVAILABLE', 'The payment provider gave an invalid answer', { cause: err });
    }
  }
  return {
    name: 'http',
    authorize: (r) => call('authorizations', r.idempotencyKey, r, authorization),
    capture: (r) => call('captures', r.idempotencyKey, r, capture),
    void: async (r) => void (await call('voids', r.idempotencyKey, r, anything)),
    refund: (r) => call('refunds', r.idempotencyKey, r, refund),
  };
}
