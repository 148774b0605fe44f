/**
 * The payment port. Every call carries an idempotency key (`orderId:step`): a provider sees
 * retries of one step as one operation, which is what makes the saga's at-least-once
 * activities charge at most once.
 */
export type AuthorizationOutcome =
  | { readonly status: 'authorized'; readonly paymentId: string }
  | { readonly status: 'declined'; readonly paymentId: string; readonly reason: string }
  /** 3-D Secure and the like: the provider confirms later through a (signed) webhook. */
  | { readonly status: 'requires_confirmation'; readonly paymentId: string };

export interface AuthorizeRequest {
  readonly idempotencyKey: string;
  readonly orderId: string;
  readonly amount: number;
  readonly currency: string;
  readonly token: string;
}

/** Authorise and capture in one call; a payment needing 3-D Secure stops before the capture. */
export type ChargeOutcome =
  { readonly status: 'captured'; readonly paymentId: string } | Exclude<AuthorizationOutcome, { status: 'authorized' }>;

export interface PaymentProvider {
  readonly name: string;
  authorize(request: AuthorizeRequest): Promise<AuthorizationOutcome>;
  /**
   * One provider call instead of two on the happy path (a real provider's "capture on
   * authorise"). Same idempotency key as `authorize`. Optional: without it the saga
   * authorises, then captures.
   */
  charge?(request: AuthorizeRequest): Promise<ChargeOutcome>;
  /**
   * The payment opened under an `authorize`/`charge` key, if any: a step that charged and was
   * then killed before it recorded the charge finds it again, so the compensation refunds it.
   */
  findPayment?(idempotencyKey: string): Promise<{ paymentId: string; captured: boolean } | undefined>;
  capture(request: { idempotencyKey: string; paymentId: string; amount: number }): Promise<{ captureId: string }>;
  /** Releases an authorisation that will never be captured. */
  void(request: { idempotencyKey: string; paymentId: string }): Promise<void>;
  refund(request: { idempotencyKey: string; paymentId: string; amount: number }): Promise<{ refundId: string }>;
  /**
   * Only the simulated provider: applies a confirmation that arrives by webhook, standing in
   * for the provider's own 3-D Secure page (a real provider has decided before it calls us).
   */
  confirm?(paymentId: string, approved: boolean): Promise<void>;
}
