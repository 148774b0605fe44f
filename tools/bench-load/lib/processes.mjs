// CPU and RSS of every process of the stack (the runner's pids under .run/<profile>/) and of
// the load generator, sampled from /proc once a second in a worker thread: reading /proc on
// the driver's thread stalled it (smaps_rollup took 60-80 ms a sample for the stack), and a
// late driver counts its own lateness as the shop's latency.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { readPids } from '../../../scripts/lib/supervisor.mjs';

export const stackPids = (root, profile) => readPids(join(root, '.run', profile));

/**
 * `seriesEveryS`: also keep each process's RSS every that many seconds (the soak plots and
 * judges memory over time from it). `stop()` resolves to the rows (CPU in % of one core over
 * the window, RSS at the end and at its peak, in MiB); `series()`, once stopped, returns
 * [{ atS, rssMiB: { name: MiB } }].
 */
export function createProcessSampler(pids, { seriesEveryS = 0 } = {}) {
  const worker = new Worker(new URL('./processes-worker.mjs', import.meta.url), {
    workerData: { pids, seriesEveryS, generatorPid: process.pid },
  });
  let points = [];
  return {
    series: () => points,
    stop: () =>
      new Promise((resolve, reject) => {
        worker.once('message', ({ rows, series }) => {
          points = series;
          void worker.terminate();
          resolve(rows);
        });
        worker.once('error', reject);
        worker.postMessage('stop');
      }),
  };
}
