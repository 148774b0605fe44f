import { periodic } from '../src/checkout/periodic';
import { captureLogs } from './support';

describe('periodic jobs (the sweeps)', () => {
  test('When a pass fails, then it is logged and the next pass still runs; stop waits for the running pass', async () => {
    const logs = captureLogs();
    let passes = 0;
    let finished = 0;
    const job = periodic(
      'test sweep',
      async () => {
        passes += 1;
        if (passes === 1) throw new Error('store away');
        await new Promise((r) => setTimeout(r, 30));
        finished += 1;
      },
      { logger: logs.logger, intervalMs: 5, firstDelayMs: 0 },
    );

    job.start();
    await new Promise((r) => setTimeout(r, 60));
    await job.stop();
    const afterStop = passes;
    await new Promise((r) => setTimeout(r, 30));

    expect(passes).toBeGreaterThanOrEqual(2);
    expect(finished).toBe(passes - 1); // every started pass ran to its end before stop() resolved
    expect(passes).toBe(afterStop); // and none started after it
    expect(logs.text()).toContain('test sweep failed');
  });
});
