import { DaprWorkflowClient, LogLevel, WorkflowRuntimeStatus } from '@dapr/dapr';
import type { Stoppable } from '@shop/service-kit';
import { checkoutInputSchema, checkoutInstanceId, CHECKOUT_WORKFLOW } from '../workflows/checkout/workflow';

export type SagaHealth =
  | { readonly state: 'missing' }
  | { readonly state: 'finished' | 'active' | 'waiting'; readonly lastUpdatedAt: Date; readonly paymentToken?: string };

export interface CheckoutInspector extends Stoppable {
  /** How a PENDING order's checkout saga is doing, from the workflow engine's own record. */
  inspect(orderId: string): Promise<SagaHealth>;
  /**
   * Runs the checkout saga again from the start: the stalled instance is terminated and
   * purged first, so two sagas never run for one order. Safe because every step is idempotent
   * and checks the order first. Returns false when the old instance would not stop yet.
   */
  restart(orderId: string, paymentToken: string, confirmationTimeoutSeconds: number): Promise<boolean>;
}

const FINISHED = new Set([WorkflowRuntimeStatus.COMPLETED, WorkflowRuntimeStatus.FAILED, WorkflowRuntimeStatus.TERMINATED]);

/** The workflow engine's view of checkout sagas, through the sidecar. */
export function createCheckoutInspector(options: { daprHost: string; daprGrpcPort: number }): CheckoutInspector {
  const client = new DaprWorkflowClient({
    daprHost: options.daprHost,
    daprPort: String(options.daprGrpcPort),
    logger: { level: LogLevel.Warn },
  });
  const tokenOf = (serialized: string | undefined) => {
    try {
      return checkoutInputSchema.parse(JSON.parse(serialized ?? 'null')).paymentToken;
    } catch {
      return undefined;
    }
  };

  return {
    name: 'checkout inspector',
    async inspect(orderId) {
      const state = await client.getWorkflowState(checkoutInstanceId(orderId), true);
      if (!state) return { state: 'missing' };
      const common = { lastUpdatedAt: state.lastUpdatedAt, paymentToken: tokenOf(state.serializedInput) };
      if (FINISHED.has(state.runtimeStatus)) return { state: 'finished', ...common };
      // A saga waiting for a 3-D Secure answer is idle by design until its durable timer.
      if (state.customStatus === 'awaiting-payment-confirmation') return { state: 'waiting', ...common };
      return { state: 'active', ...common };
    },
    async restart(orderId, paymentToken, confirmationTimeoutSeconds) {
      const id = checkoutInstanceId(orderId);
      let state = await client.getWorkflowState(id, false);
      if (state && !FINISHED.has(state.runtimeStatus)) {
        await client.terminateWorkflow(id, { restarted: true });
        for (let i = 0; i < 20 && state && !FINISHED.has(state.runtimeStatus); i += 1) {
          await new Promise((r) => setTimeout(r, 250));
          state = await client.getWorkflowState(id, false);
        }
        if (state && !FINISHED.has(state.runtimeStatus)) return false;
      }
      if (state) await client.purgeWorkflow(id);
      await client.scheduleNewWorkflow(CHECKOUT_WORKFLOW, { orderId, paymentToken, confirmationTimeoutSeconds }, id);
      return true;
    },
    stop: () => client.stop(),
  };
}
