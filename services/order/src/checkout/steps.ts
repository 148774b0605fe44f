import type { Task, WorkflowActivityContext, WorkflowContext, WorkflowRuntime } from '@dapr/dapr';
import type { z } from 'zod';
import { isAppError, type Logger } from '@shop/service-kit';
import { retry } from '@shop/service-kit/retry';

/**
 * Typed steps, the way Temporal's `proxyActivities` types them: a step is one function
 * `(input) => result`; its name is its key in the object that defines it. A workflow calls it
 * through `proxySteps<typeof steps>(ctx)`, so a wrong name, input or result fails `tsc`, and
 * the workflow imports only the steps' type (none of their I/O). The worker registers the
 * same object, so the names registered and the names called cannot drift apart.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bound of a map of step functions of any input
export type StepFn = (input: any) => Promise<unknown> | unknown;
export type Steps = Readonly<Record<string, StepFn>>;

/** What a workflow yields from: the step's result comes back as the generator's return. */
export type Call<R> = AsyncGenerator<Task<unknown>, R, unknown>;

export interface StepCaller<I, R> {
  (input: I): Call<R>;
  readonly stepName: string;
}

export type StepProxy<S extends Steps> = {
  readonly [K in keyof S & string]: StepCaller<Parameters<S[K]>[0], Awaited<ReturnType<S[K]>>>;
};

export function proxySteps<S extends Steps>(ctx: WorkflowContext): StepProxy<S> {
  const callers = new Map<string, unknown>();
  return new Proxy({} as StepProxy<S>, {
    get(_target, name) {
      if (typeof name !== 'string') return undefined;
      let caller = callers.get(name);
      if (!caller) {
        // The one place a step's result is trusted to have its declared type: the step wrote it.
        const call = async function* (input: unknown): Call<unknown> {
          return yield ctx.callActivity(name, input);
        };
        caller = Object.assign(call, { stepName: name });
        callers.set(name, caller);
      }
      return caller;
    },
  });
}

/** Registers every step of `steps` under its key; `wrap` adds the policy every call gets. */
export function registerSteps<S extends Steps>(
  runtime: WorkflowRuntime,
  steps: S,
  wrap: (name: string, run: () => Promise<unknown>, input: unknown) => Promise<unknown> = (_n, run) => run(),
): void {
  for (const [name, fn] of Object.entries(steps)) {
    runtime.registerActivityWithName(name, (_ctx: WorkflowActivityContext, input: unknown) =>
      wrap(name, async () => fn(input), input),
    );
  }
}

/** Backoff between attempts of a step that must eventually hold (a compensation). */
export const COMPENSATION_DELAYS_SECONDS = [1, 2, 5, 10, 30, 60, 120, 300, 300, 300, 600, 600] as const;

/**
 * Calls a step until it succeeds, waiting on durable timers between attempts. The SDK's
 * callActivity has no retry policy, and a step's own in-process retries cover seconds, not a
 * peer that is down for minutes. Deterministic: the only clock is the durable timer. Throws
 * the last error after the last delay.
 */
export async function* durably<I, R>(
  ctx: WorkflowContext,
  step: StepCaller<I, R>,
  input: I,
  delays: readonly number[] = COMPENSATION_DELAYS_SECONDS,
): Call<R> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return yield* step(input);
    } catch (err) {
      const delay = delays[attempt];
      if (delay === undefined) throw err;
      ctx.setCustomStatus(`retrying:${step.stepName}:${attempt + 1}`);
      yield ctx.createTimer(delay);
    }
  }
}

/** A workflow: its input schema (what starts it must satisfy, checked by tsc and at run time) and its body. */
export interface WorkflowDefinition<S extends z.ZodType> {
  readonly input: S;
  run(ctx: WorkflowContext, input: z.output<S>): Call<unknown>;
}

export type WorkflowInput<W> = W extends WorkflowDefinition<infer S> ? z.input<S> : never;

/** The generator the SDK registers: parses the input (a replay or an operator may send anything). */
export function workflowFunction<S extends z.ZodType>(definition: WorkflowDefinition<S>) {
  // An async generator: the SDK's executor only steps through async iterators.
  return async function* (ctx: WorkflowContext, raw: unknown): Call<unknown> {
    const parsed = definition.input.safeParse(raw);
    if (!parsed.success) return { error: 'invalid input' };
    return yield* definition.run(ctx, parsed.data);
  };
}

/** A workflow definition with its input type inferred from its schema. */
export const defineWorkflow = <S extends z.ZodType>(
  input: S,
  run: (ctx: WorkflowContext, input: z.output<S>) => Call<unknown>,
): WorkflowDefinition<S> => ({ input, run });

/**
 * Every step retries transient failures (UNAVAILABLE) in process with backoff before it
 * fails the activity: the SDK's callActivity has no retry policy of its own.
 */
export function retryingTransient<S extends Steps>(
  steps: S,
  logger: Logger,
  delaysMs: readonly number[] = [200, 500, 1_000, 2_000, 4_000],
): S {
  const wrapped = Object.entries(steps).map(([name, fn]) => [
    name,
    (input: { orderId?: string }) =>
      retry(async () => fn(input), {
        backoff: delaysMs,
        retryIf: (err) => isAppError(err) && err.code === 'UNAVAILABLE',
        onRetry: (err, attempt) =>
          logger.warn('checkout step failed, retrying', { step: name, orderId: input?.orderId, attempt, err }),
      }),
  ]);
  return Object.fromEntries(wrapped) as S;
}
