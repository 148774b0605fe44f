import { DaprWorkflowClient, LogLevel, WorkflowRuntimeStatus } from './workflow-sdk';
import type { Pool } from 'pg';
import type { z } from 'zod';
import { AppError, type Logger, type Stoppable } from '@shop/service-kit';
import { retry } from '@shop/service-kit/retry';
import type { CheckoutStarter } from '../domain/ports';
import { forgetOwedStart, type SagaKind } from './owed-starts';
import { quietClient } from './quiet-sdk';
import type { WorkflowInput } from './steps';
import { AWAITING_CONFIRMATION, SAGA_EVENTS, WORKFLOWS, type SagaEvent } from './workflow';

/** One instance per order and saga: starting it twice is the same saga. */
export const sagaInstanceId = (orderId: string, saga: SagaKind) => `${saga}-${orderId}`;
const workflowOf = { checkout: 'checkoutWorkflow', cancellation: 'cancellationWorkflow' } as const satisfies Record<
  SagaKind,
  keyof typeof WORKFLOWS
>;

export type SagaHealth =
  | { readonly state: 'missing' }
  | { readonly state: 'finished' | 'active' | 'waiting'; readonly lastUpdatedAt: Date; readonly paymentToken?: string };

export interface CheckoutClient extends CheckoutStarter, Stoppable {
  /** Schedules an owed saga without touching its stored row (the recovery sweep's call). */
  schedule(orderId: string, saga: SagaKind, paymentToken: string | null): Promise<void>;
  /** How a PENDING order's checkout saga is doing, from the workflow engine's own record. */
  inspect(orderId: string): Promise<SagaHealth>;
  /**
   * Runs the checkout saga again from the start: the stalled instance is terminated and
   * purged first, so two sagas never run for one order. Safe because every step is idempotent
   * and checks the order first. Returns false when the old instance would not stop yet.
   */
  restart(orderId: string, paymentToken: string): Promise<boolean>;
}

// The sidecar refuses a second start of a live instance id; that is the idempotency we want.
const alreadyStarted = (err: unknown) =>
  /already exists|already running|ALREADY_EXISTS/i.test(String((err as Error)?.message ?? err));
const FINISHED = new Set([
  WorkflowRuntimeStatus.COMPLETED,
  WorkflowRuntimeStatus.FAILED,
  WorkflowRuntimeStatus.TERMINATED,
]);

/**
 * The order's one workflow client, through its sidecar: starts sagas (and forgets their owed
 * start), raises their events, inspects and restarts them.
 */
export function createCheckoutClient(options: {
  daprHost: string;
  daprGrpcPort: number;
  confirmationTimeoutSeconds: number;
  logger: Logger;
  pool: Pool;
}): CheckoutClient {
  const client = quietClient(
    new DaprWorkflowClient({
      daprHost: options.daprHost,
      daprPort: String(options.daprGrpcPort),
      logger: { level: LogLevel.Warn },
    }),
  );
  const { confirmationTimeoutSeconds } = options;

  function startWorkflow<K extends keyof typeof WORKFLOWS>(
    name: K,
    input: WorkflowInput<(typeof WORKFLOWS)[K]>,
    id: string,
  ) {
    return client.scheduleNewWorkflow(name, input, id);
  }
  async function scheduleNew(orderId: string, saga: SagaKind, paymentToken: string | null): Promise<void> {
    const id = sagaInstanceId(orderId, saga);
    try {
      if (saga === 'checkout') {
        await startWorkflow(
          workflowOf.checkout,
          { orderId, paymentToken: paymentToken ?? '', confirmationTimeoutSeconds },
          id,
        );
      } else {
        await startWorkflow(workflowOf.cancellation, { orderId }, id);
      }
    } catch (err) {
      if (alreadyStarted(err)) return;
      throw err;
    }
  }

  /** The sweep's start: a process killed after the start but before it forgot the row left one. */
  async function schedule(orderId: string, saga: SagaKind, paymentToken: string | null): Promise<void> {
    if (await client.getWorkflowState(sagaInstanceId(orderId, saga), false)) return;
    await scheduleNew(orderId, saga, paymentToken);
  }

  async function startNow(orderId: string, saga: SagaKind, paymentToken: string | null): Promise<void> {
    try {
      await scheduleNew(orderId, saga, paymentToken);
    } catch (err) {
      options.logger.warn('saga start failed; the recovery sweep retries it', { orderId, saga, err });
      throw new AppError('UNAVAILABLE', 'The order was saved; its processing starts shortly', { cause: err });
    }
    await forgetOwedStart(options.pool, orderId, saga);
  }

  async function raise<E extends SagaEvent>(
    orderId: string,
    event: E,
    payload: z.input<(typeof SAGA_EVENTS)[E]['payload']>,
  ) {
    try {
      await client.raiseEvent(sagaInstanceId(orderId, 'checkout'), SAGA_EVENTS[event].name, payload);
    } catch (err) {
      throw new AppError('UNAVAILABLE', 'The event could not be delivered to the checkout; retry', { cause: err });
    }
  }

  const tokenOf = (serialized: string | undefined) => {
    try {
      return WORKFLOWS.checkoutWorkflow.input.parse(JSON.parse(serialized ?? 'null')).paymentToken;
    } catch {
      return undefined;
    }
  };

  return {
    name: 'workflow client',
    schedule,
    start: (orderId, paymentToken) => startNow(orderId, 'checkout', paymentToken),
    startCancellation: (orderId) => startNow(orderId, 'cancellation', null),
    cancellationRequested: (orderId) => raise(orderId, 'cancellationRequested', {}),
    paymentConfirmed: (orderId, approved) => raise(orderId, 'paymentConfirmation', { approved }),
    async inspect(orderId) {
      const state = await client.getWorkflowState(sagaInstanceId(orderId, 'checkout'), true);
      if (!state) return { state: 'missing' };
      const common = { lastUpdatedAt: state.lastUpdatedAt, paymentToken: tokenOf(state.serializedInput) };
      if (FINISHED.has(state.runtimeStatus)) return { state: 'finished', ...common };
      // A saga waiting for a 3-D Secure answer is idle by design until its durable timer.
      if (state.customStatus === AWAITING_CONFIRMATION) return { state: 'waiting', ...common };
      return { state: 'active', ...common };
    },
    async restart(orderId, paymentToken) {
      const id = sagaInstanceId(orderId, 'checkout');
      let state = await client.getWorkflowState(id, false);
      const running = (s: typeof state) => s !== undefined && !FINISHED.has(s.runtimeStatus);
      if (running(state)) {
        await client.terminateWorkflow(id, { restarted: true });
        // Termination is asynchronous: poll up to 5 s for the instance to have ended.
        const stillRunning = new Error('the workflow is still running');
        state = await retry(
          async () => {
            const now = await client.getWorkflowState(id, false);
            if (running(now)) throw stillRunning;
            return now;
          },
          { backoff: new Array<number>(20).fill(250), retryIf: (err) => err === stillRunning },
        ).catch((err: unknown) => {
          if (err === stillRunning) return state;
          throw err;
        });
        if (running(state)) return false;
      }
      if (state) await client.purgeWorkflow(id);
      await startWorkflow(workflowOf.checkout, { orderId, paymentToken, confirmationTimeoutSeconds }, id);
      return true;
    },
    stop: () => client.stop(),
  };
}
