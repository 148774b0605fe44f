import { DaprWorkflowClient, LogLevel } from '@dapr/dapr';
import type { Pool } from 'pg';
import { AppError, type Logger, type Stoppable } from '@shop/service-kit';
import type { CheckoutStarter } from '../domain/ports';
import type { SagaKind } from '../domain/saga-starts';
import { CANCELLATION_WORKFLOW, cancellationInstanceId } from '../workflows/cancellation/workflow';
import {
  CANCELLATION_REQUESTED_EVENT,
  CHECKOUT_WORKFLOW,
  checkoutInstanceId,
  PAYMENT_CONFIRMATION_EVENT,
  type CheckoutInput,
} from '../workflows/checkout/workflow';

// The sidecar refuses a second start of a live instance id; that is the idempotency we want.
const alreadyStarted = (err: unknown) =>
  /already exists|already running|ALREADY_EXISTS/i.test(String((err as Error)?.message ?? err));

export interface WorkflowStarter extends CheckoutStarter, Stoppable {
  /** Schedules an owed saga without touching its stored row (the recovery sweep's call). */
  schedule(orderId: string, saga: SagaKind, paymentToken: string | null): Promise<void>;
}

/**
 * Starts the order's workflows through the sidecar, one instance per order and saga (ids
 * derived from the order id), and forgets the owed start (saga_starts) once it is scheduled.
 */
export function createWorkflowCheckoutStarter(options: {
  daprHost: string;
  daprGrpcPort: number;
  confirmationTimeoutSeconds: number;
  logger: Logger;
  pool: Pool;
}): WorkflowStarter {
  const client = new DaprWorkflowClient({
    daprHost: options.daprHost,
    daprPort: String(options.daprGrpcPort),
    logger: { level: LogLevel.Warn },
  });

  const instanceOf = (orderId: string, saga: SagaKind) =>
    saga === 'checkout' ? checkoutInstanceId(orderId) : cancellationInstanceId(orderId);

  async function scheduleNew(orderId: string, saga: SagaKind, paymentToken: string | null): Promise<void> {
    const input: CheckoutInput | { orderId: string } =
      saga === 'checkout'
        ? { orderId, paymentToken: paymentToken ?? '', confirmationTimeoutSeconds: options.confirmationTimeoutSeconds }
        : { orderId };
    try {
      await client.scheduleNewWorkflow(
        saga === 'checkout' ? CHECKOUT_WORKFLOW : CANCELLATION_WORKFLOW,
        input,
        instanceOf(orderId, saga),
      );
    } catch (err) {
      if (alreadyStarted(err)) return;
      throw err;
    }
  }

  /** The sweep's start: a process killed after the start but before it forgot the row left one. */
  async function schedule(orderId: string, saga: SagaKind, paymentToken: string | null): Promise<void> {
    if (await client.getWorkflowState(instanceOf(orderId, saga), false)) return;
    await scheduleNew(orderId, saga, paymentToken);
  }

  async function startNow(orderId: string, saga: SagaKind, paymentToken: string | null): Promise<void> {
    try {
      await scheduleNew(orderId, saga, paymentToken);
    } catch (err) {
      options.logger.warn('saga start failed; the recovery sweep retries it', { orderId, saga, err });
      throw new AppError('UNAVAILABLE', 'The order was saved; its processing starts shortly', { cause: err });
    }
    await options.pool.query('DELETE FROM saga_starts WHERE order_id = $1 AND saga = $2', [orderId, saga]);
  }

  async function raise(orderId: string, event: string, payload: object): Promise<void> {
    try {
      await client.raiseEvent(checkoutInstanceId(orderId), event, payload);
    } catch (err) {
      throw new AppError('UNAVAILABLE', 'The event could not be delivered to the checkout; retry', { cause: err });
    }
  }

  return {
    name: 'workflow client',
    schedule,
    start: (orderId, paymentToken) => startNow(orderId, 'checkout', paymentToken),
    startCancellation: (orderId) => startNow(orderId, 'cancellation', null),
    cancellationRequested: (orderId) => raise(orderId, CANCELLATION_REQUESTED_EVENT, {}),
    paymentConfirmed: (orderId, approved) => raise(orderId, PAYMENT_CONFIRMATION_EVENT, { approved }),
    stop: () => client.stop(),
  };
}
