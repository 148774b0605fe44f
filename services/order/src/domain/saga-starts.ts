import type { OrderEvent } from './events';
import type { Order } from './order';

export type SagaKind = 'checkout' | 'cancellation';

/**
 * The workflows a change owes, decided with the change (and stored in its transaction).
 * A PENDING order's cancel needs no new saga: its running checkout saga compensates. A
 * CONFIRMED order's saga has finished, so its cancel owes a compensation saga.
 */
export function sagasOwedBy(before: Order | undefined, event: OrderEvent): SagaKind[] {
  if (event.type === 'OrderPlaced') return ['checkout'];
  if (event.type === 'OrderCancelled' && before?.status === 'CONFIRMED') return ['cancellation'];
  return [];
}
