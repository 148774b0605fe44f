import { AppError } from '@shop/service-kit';
import type { PaymentProvider } from '../domain/payment';

/**
 * The real provider's adapter, reached through the local sidecar's service invocation of a
 * Dapr HTTPEndpoint (`/v1.0/invoke/<endpoint>/method/...`), so mTLS/retries/egress policy are
 * Dapr's. OFF by default (PAYMENT_PROVIDER=simulated); when disabled every call is a clear
 * UNAVAILABLE instead of an accidental charge. A stub: the provider's wire format is mapped
 * once one is chosen.
 */
export interface HttpProviderOptions {
  readonly enabled: boolean;
  readonly daprHttpPort: number;
  readonly host: string;
  /** The HTTPEndpoint resource name. */
  readonly endpoint: string;
  readonly timeoutMs?: number;
}

export function createHttpPaymentProvider(options: HttpProviderOptions): PaymentProvider {
  async function call<T>(path: string, idempotencyKey: string, body: object): Promise<T> {
    if (!options.enabled) throw new AppError('UNAVAILABLE', 'The HTTP payment provider is not enabled');
    const url = `http://${options.host}:${options.daprHttpPort}/v1.0/invoke/${options.endpoint}/method/${path}`;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    if (res.status >= 500 || res.status === 429)
      throw new AppError('UNAVAILABLE', `Payment provider answered ${res.status}`);
    if (!res.ok) throw new AppError('CONFLICT', `Payment provider refused the request (${res.status})`);
    return (await res.json()) as T;
  }
  return {
    name: 'http',
    authorize: (r) => call('authorizations', r.idempotencyKey, r),
    capture: (r) => call('captures', r.idempotencyKey, r),
    void: (r) => call('voids', r.idempotencyKey, r),
    refund: (r) => call('refunds', r.idempotencyKey, r),
  };
}
