import { backoffDelay, retry } from '../src/retry';

const busy = () => Object.assign(new Error('busy'), { retryable: true });
const isBusy = (err: unknown) => (err as { retryable?: boolean }).retryable === true;

describe('retry', () => {
  test('When calls fail with a retryable error and then succeed, then the result comes back after the planned waits', async () => {
    const waits: Array<[number, number]> = [];
    let calls = 0;

    const result = await retry(
      async (attempt) => {
        calls += 1;
        if (attempt < 3) throw busy();
        return `done on ${attempt}`;
      },
      { backoff: [5, 10, 20], retryIf: isBusy, onRetry: (_err, n, ms) => waits.push([n, ms]) },
    );

    expect(result).toBe('done on 3');
    expect(calls).toBe(3);
    expect(waits).toEqual([
      [1, 5],
      [2, 10],
    ]);
  });

  test('When a failure is not retryable, then it is thrown at once without another call', async () => {
    let calls = 0;
    const refused = new Error('refused');

    const outcome = retry(
      async () => {
        calls += 1;
        throw refused;
      },
      { backoff: { initialMs: 1, maxMs: 1 }, retryIf: isBusy },
    );

    await expect(outcome).rejects.toBe(refused);
    expect(calls).toBe(1);
  });

  test('When the attempts are spent, then the last failure is thrown', async () => {
    let calls = 0;

    const outcome = retry(
      async (attempt) => {
        calls += 1;
        throw new Error(`failure ${attempt}`);
      },
      { attempts: 3, backoff: { initialMs: 1, maxMs: 2 } },
    );

    await expect(outcome).rejects.toThrow('failure 3');
    expect(calls).toBe(3);
  });

  test('When a delay list is given, then it bounds the calls to one more than its waits', async () => {
    let calls = 0;

    await expect(
      retry(
        async () => {
          calls += 1;
          throw busy();
        },
        { backoff: [1, 1] },
      ),
    ).rejects.toThrow('busy');
    expect(calls).toBe(3);
  });

  test('When the signal is aborted during a long wait, then retry rejects at once with the last failure', async () => {
    const stopping = new AbortController();
    let calls = 0;
    const started = performance.now();

    const outcome = retry(
      async () => {
        calls += 1;
        throw busy();
      },
      { backoff: { initialMs: 60_000, maxMs: 60_000 }, signal: stopping.signal },
    );
    setTimeout(() => stopping.abort(), 20);

    await expect(outcome).rejects.toThrow('busy');
    expect(calls).toBe(1);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('backoffDelay', () => {
  test('When retries go on, then the delay doubles from the initial one up to the maximum', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, { initialMs: 100, maxMs: 1_000 }));

    expect(delays).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  test('When jitter is equal, then each delay lies between half the step and the step', () => {
    const backoff = { initialMs: 100, maxMs: 1_000, jitter: 'equal' } as const;

    expect(backoffDelay(2, backoff, () => 0)).toBe(100);
    expect(backoffDelay(2, backoff, () => 0.999_999)).toBeCloseTo(200, 3);
  });

  test('When jitter is full, then a delay may be anything from zero to the step', () => {
    const backoff = { initialMs: 100, maxMs: 1_000, jitter: 'full' } as const;

    expect(backoffDelay(3, backoff, () => 0)).toBe(0);
    expect(backoffDelay(3, backoff, () => 0.5)).toBe(200);
  });

  test('When the factor is 1, then the delay stays constant', () => {
    expect([1, 5, 50].map((n) => backoffDelay(n, { initialMs: 250, maxMs: 1_000, factor: 1 }))).toEqual([
      250, 250, 250,
    ]);
  });
});
