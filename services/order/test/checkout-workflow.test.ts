import type { WorkflowContext } from '@dapr/dapr';
import type { CheckoutSteps } from '../src/checkout/activities';
import { workflowFunction } from '../src/checkout/steps';
import { SAGA_EVENTS, WORKFLOWS } from '../src/checkout/workflow';

type StepName = keyof CheckoutSteps;
type StepResult = Record<string, unknown>;
const checkoutWorkflow = workflowFunction(WORKFLOWS.checkoutWorkflow);
const CONFIRMED = { ok: true, status: 'confirmed' };
const NEEDS_3DS = (paymentId: string) => ({ ok: true, status: 'requires_confirmation', paymentId });

/**
 * Steps the saga generator the way the SDK's executor does: each yielded task is answered
 * by `answer`, so the test sees the exact sequence of activities (and timers) it schedules.
 */
type Scheduled =
  { kind: 'activity'; name: string; input: Record<string, unknown> } | { kind: 'timer' | 'event' | 'any' };

function fakeContext(answers: {
  activity?: (name: StepName, input: Record<string, unknown>) => StepResult | undefined;
  confirmation?: unknown;
  timerWins?: boolean;
  cancellationWins?: boolean;
}) {
  const log: string[] = [];
  const timer = { kind: 'timer' };
  const event = { kind: 'event', getResult: () => answers.confirmation };
  const cancellation = { kind: 'event', getResult: () => ({}) };
  const inputs: Record<string, unknown>[] = [];
  const ctx = {
    callActivity: (name: string, input: Record<string, unknown>) => ({ kind: 'activity', name, input }),
    createTimer: () => timer,
    waitForExternalEvent: (name: string) =>
      name === SAGA_EVENTS.paymentConfirmation.name
        ? event
        : name === SAGA_EVENTS.cancellationRequested.name
          ? cancellation
          : undefined,
    whenAny: () => ({ kind: 'any' }),
    setCustomStatus: (s: string) => log.push(`status:${s}`),
  } as unknown as WorkflowContext;
  async function run(input: unknown) {
    const gen = checkoutWorkflow(ctx, input);
    let next = await gen.next();
    while (!next.done) {
      const task = next.value as unknown as Scheduled;
      let reply: unknown;
      if (task.kind === 'activity') {
        log.push(task.name);
        inputs.push({ name: task.name, ...task.input });
        try {
          reply =
            answers.activity?.(task.name as StepName, task.input) ??
            (task.name === 'payAndConfirm' ? CONFIRMED : { ok: true });
        } catch (err) {
          // The SDK throws a failed activity's error into the workflow at its yield.
          next = await gen.throw(err);
          continue;
        }
      } else if (task.kind === 'any') {
        reply = answers.timerWins ? timer : answers.cancellationWins ? cancellation : event;
      }
      next = await gen.next(reply);
    }
    return { result: next.value, activities: log.filter((l) => !l.startsWith('status:')), inputs };
  }
  return { run };
}

const input = {
  orderId: '7f1d1f4e-3c1b-4b7e-9a57-8d3f5a6b7c8d',
  paymentToken: 'tok_visa',
  confirmationTimeoutSeconds: 60,
};

describe('the checkout workflow', () => {
  test('When every step succeeds, then it reserves, then pays and confirms: two steps', async () => {
    const { result, activities } = await fakeContext({}).run(input);

    expect(activities).toEqual(['reserveStock', 'payAndConfirm']);
    expect(result).toEqual({ status: 'CONFIRMED' });
  });

  test('When stock is short, then it compensates with out_of_stock and never touches the payment', async () => {
    const { result, activities } = await fakeContext({
      activity: (n) => (n === 'reserveStock' ? { ok: false, reason: 'out_of_stock' } : undefined),
    }).run(input);

    expect(activities).toEqual(['reserveStock', 'cancelOrder']);
    expect(result).toEqual({ status: 'CANCELLED', reason: 'out_of_stock' });
  });

  test('When the card is declined, then it compensates with payment_declined and names the payment to void', async () => {
    const { result, activities, inputs } = await fakeContext({
      activity: (n) =>
        n === 'payAndConfirm' ? { ok: false, reason: 'payment_declined', paymentId: 'pay_d' } : undefined,
    }).run(input);

    expect(activities).toEqual(['reserveStock', 'payAndConfirm', 'cancelOrder']);
    expect(inputs.at(-1)).toMatchObject({ name: 'cancelOrder', reason: 'payment_declined', paymentId: 'pay_d' });
    expect(result).toMatchObject({ reason: 'payment_declined' });
  });

  test('When a 3-D Secure payment is confirmed, then payAndConfirm runs again with the approved payment and checkout completes', async () => {
    const { result, activities, inputs } = await fakeContext({
      activity: (n, i) => (n === 'payAndConfirm' && !i['approvedPaymentId'] ? NEEDS_3DS('p1') : undefined),
      confirmation: { approved: true },
    }).run(input);

    expect(activities).toEqual(['reserveStock', 'payAndConfirm', 'payAndConfirm']);
    expect(inputs.at(-1)).toMatchObject({ name: 'payAndConfirm', approvedPaymentId: 'p1' });
    expect(result).toEqual({ status: 'CONFIRMED' });
  });

  test('When a 3-D Secure confirmation times out, then it compensates with payment_timeout and voids that payment', async () => {
    const { result, activities, inputs } = await fakeContext({
      activity: (n) => (n === 'payAndConfirm' ? NEEDS_3DS('pay_late') : undefined),
      timerWins: true,
    }).run({ ...input, paymentToken: 'tok_3ds' });

    expect(activities).toEqual(['reserveStock', 'payAndConfirm', 'cancelOrder']);
    expect(inputs.at(-1)).toMatchObject({ name: 'cancelOrder', reason: 'payment_timeout', paymentId: 'pay_late' });
    expect(result).toMatchObject({ reason: 'payment_timeout' });
  });

  test('When a 3-D Secure payment is declined by the webhook, then it compensates with payment_declined', async () => {
    const { result, activities } = await fakeContext({
      activity: (n) => (n === 'payAndConfirm' ? NEEDS_3DS('p1') : undefined),
      confirmation: { approved: false },
    }).run(input);

    expect(activities).toEqual(['reserveStock', 'payAndConfirm', 'cancelOrder']);
    expect(result).toMatchObject({ reason: 'payment_declined' });
  });

  test('When the customer cancels while a 3-D Secure payment waits, then it compensates at once and voids that payment', async () => {
    const { result, activities, inputs } = await fakeContext({
      activity: (n) => (n === 'payAndConfirm' ? NEEDS_3DS('pay_3ds') : undefined),
      cancellationWins: true,
    }).run({ ...input, paymentToken: 'tok_3ds' });

    expect(activities).toEqual(['reserveStock', 'payAndConfirm', 'cancelOrder']);
    expect(inputs.at(-1)).toMatchObject({ name: 'cancelOrder', reason: 'customer_request', paymentId: 'pay_3ds' });
    expect(result).toEqual({ status: 'CANCELLED', reason: 'customer_request' });
  });

  test('When reserving keeps failing past its retries, then the saga compensates (checkout_failed) without touching money', async () => {
    const { result, activities } = await fakeContext({
      activity: (n) => {
        if (n === 'reserveStock') throw new Error('product down');
        return undefined;
      },
    }).run(input);

    expect(activities.filter((a) => a === 'reserveStock')).toHaveLength(7);
    expect(activities).not.toContain('payAndConfirm');
    expect(activities.at(-1)).toBe('cancelOrder');
    expect(result).toMatchObject({ reason: 'checkout_failed' });
  });

  test('When paying fails for a while, then it is retried on durable timers and checkout completes', async () => {
    let attempts = 0;
    const { result, activities } = await fakeContext({
      activity: (n) => {
        if (n === 'payAndConfirm' && (attempts += 1) < 3) throw new Error('order database unavailable');
        return undefined;
      },
    }).run(input);

    expect(activities).toEqual(['reserveStock', 'payAndConfirm', 'payAndConfirm', 'payAndConfirm']);
    expect(result).toEqual({ status: 'CONFIRMED' });
  });

  test('When paying keeps failing past its retries, then the saga compensates (checkout_failed) instead of hanging', async () => {
    const { result, activities } = await fakeContext({
      activity: (n) => {
        if (n === 'payAndConfirm') throw new Error('provider down');
        return undefined;
      },
    }).run(input);

    expect(activities.filter((a) => a === 'payAndConfirm')).toHaveLength(7); // the first try and six retries
    expect(activities.at(-1)).toBe('cancelOrder');
    expect(result).toMatchObject({ reason: 'checkout_failed' });
  });

  test('When the input is malformed, then it schedules nothing', async () => {
    const { result, activities } = await fakeContext({}).run({ orderId: 'x' });

    expect(activities).toEqual([]);
    expect(result).toEqual({ error: 'invalid input' });
  });

  test('When the compensation itself fails, then it is retried on durable timers until it holds', async () => {
    let compensations = 0;
    const { result, activities } = await fakeContext({
      activity: (n) => {
        if (n === 'reserveStock') return { ok: false, reason: 'out_of_stock' };
        if (n === 'cancelOrder' && (compensations += 1) < 3) throw new Error('product unavailable');
        return undefined;
      },
    }).run(input);

    expect(activities).toEqual(['reserveStock', 'cancelOrder', 'cancelOrder', 'cancelOrder']);
    expect(result).toEqual({ status: 'CANCELLED', reason: 'out_of_stock' });
  });
});
