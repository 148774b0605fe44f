import { Registry } from 'prom-client';
import { periodic } from '../src/periodic';
import { captureLogs } from './helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('periodic jobs', () => {
  test('When a pass fails, then it is logged and the next pass still runs; stop waits for the running pass', async () => {
    const logs = captureLogs();
    let passes = 0;
    let finished = 0;
    const job = periodic(
      'test sweep',
      async () => {
        passes += 1;
        if (passes === 1) throw new Error('store away');
        await sleep(30);
        finished += 1;
      },
      { logger: logs.logger, intervalMs: 5, firstDelayMs: 0 },
    );

    job.start();
    await sleep(60);
    await job.stop();
    const afterStop = passes;
    await sleep(30);

    expect(passes).toBeGreaterThanOrEqual(2);
    expect(finished).toBe(passes - 1); // every started pass ran to its end before stop() resolved
    expect(passes).toBe(afterStop); // and none started after it
    expect(await logs.lines()).toContainEqual(expect.objectContaining({ level: 'warn', message: 'test sweep failed' }));
  });

  test('When a pass takes longer than the interval, then passes never overlap', async () => {
    let inFlight = 0;
    let most = 0;
    const job = periodic(
      'slow pass',
      async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await sleep(15);
        inFlight -= 1;
      },
      { logger: captureLogs().logger, intervalMs: 1, firstDelayMs: 0 },
    );

    job.start();
    await Promise.all([sleep(60), job.runNow(), job.runNow()]);
    await job.stop();

    expect(most).toBe(1);
  });

  test('When nextDelayMs asks for no wait while a backlog is left, then the next pass follows at once', async () => {
    const backlog = [3, 2, 1, 0];
    let passes = 0;
    const job = periodic(
      'drain',
      async () => {
        passes += 1;
        return backlog.shift();
      },
      {
        logger: captureLogs().logger,
        intervalMs: 60_000,
        firstDelayMs: 0,
        nextDelayMs: (left) => (typeof left === 'number' && left > 0 ? 0 : 60_000),
      },
    );

    job.start();
    for (let waited = 0; passes < 4 && waited < 2_000; waited += 5) await sleep(5);
    await sleep(20);
    await job.stop();

    expect(passes).toBe(4); // three passes straight after the first, then the long interval
  });

  test('When metrics are given, then each pass is recorded by job and outcome', async () => {
    const registry = new Registry();
    let n = 0;
    const job = periodic(
      'metered',
      async () => {
        n += 1;
        if (n === 2) throw new Error('once');
      },
      { logger: captureLogs().logger, intervalMs: 60_000, metrics: { registry } },
    );

    await job.runNow();
    await job.runNow();
    await job.stop();

    const text = await registry.getSingleMetricAsString('shop_job_pass_duration_seconds');
    expect(text).toContain('shop_job_pass_duration_seconds_count{job="metered",outcome="ok"} 1');
    expect(text).toContain('shop_job_pass_duration_seconds_count{job="metered",outcome="failed"} 1');
  });

  test('When the job is stopped before its first pass, then no pass runs', async () => {
    let passes = 0;
    const job = periodic('never', async () => (passes += 1), { logger: captureLogs().logger, intervalMs: 10 });

    job.start();
    await job.stop();
    await sleep(30);

    expect(passes).toBe(0);
  });
});
