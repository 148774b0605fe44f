import { DaprWorkflowClient, LogLevel } from '@dapr/dapr';
import { AppError, type Logger, type Stoppable } from '@shop/service-kit';
import type { CheckoutStarter } from '../domain/ports';
import {
  CHECKOUT_WORKFLOW,
  checkoutInstanceId,
  PAYMENT_CONFIRMATION_EVENT,
  type CheckoutInput,
} from '../workflows/checkout/workflow';

// The sidecar refuses a second start of a live instance id; that is the idempotency we want.
const alreadyStarted = (err: unknown) =>
  /already exists|already running|ALREADY_EXISTS/i.test(String((err as Error)?.message ?? err));

/** Starts checkout workflows through the sidecar, one instance per order (id derived from the order id). */
export function createWorkflowCheckoutStarter(options: {
  daprHost: string;
  daprGrpcPort: number;
  confirmationTimeoutSeconds: number;
  logger: Logger;
}): CheckoutStarter & Stoppable {
  const client = new DaprWorkflowClient({
    daprHost: options.daprHost,
    daprPort: String(options.daprGrpcPort),
    logger: { level: LogLevel.Warn },
  });
  return {
    name: 'workflow client',
    async start(orderId, paymentToken) {
      const input: CheckoutInput = {
        orderId,
        paymentToken,
        confirmationTimeoutSeconds: options.confirmationTimeoutSeconds,
      };
      try {
        await client.scheduleNewWorkflow(CHECKOUT_WORKFLOW, input, checkoutInstanceId(orderId));
      } catch (err) {
        if (alreadyStarted(err)) return;
        options.logger.error('checkout workflow not started', { orderId, err });
        throw new AppError('UNAVAILABLE', 'Checkout could not be started; retry with the same Idempotency-Key', {
          cause: err,
        });
      }
    },
    async paymentConfirmed(orderId, approved) {
      try {
        await client.raiseEvent(checkoutInstanceId(orderId), PAYMENT_CONFIRMATION_EVENT, { approved });
      } catch (err) {
        throw new AppError('UNAVAILABLE', 'The confirmation could not be delivered; retry', { cause: err });
      }
    },
    stop: () => client.stop(),
  };
}
