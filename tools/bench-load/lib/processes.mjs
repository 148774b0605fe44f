// CPU and RSS of every process of the stack (the runner's pids under .run/<profile>/) and of
// the load generator, sampled from /proc once a second.
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { processFigures, processGroups } from '../../../scripts/lib/proc.mjs';
import { readPids } from '../../../scripts/lib/supervisor.mjs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export const stackPids = (root, profile) => readPids(join(root, '.run', profile));

/** Each stack process group (by the runner's pids) and the load generator itself. */
function readAll(pids) {
  const out = {};
  for (const g of processGroups(pids))
    if (g.pids.length) out[g.name] = { cpuTicks: g.cpuTicks, rssBytes: g.rssKiB * 1024 };
  const self = processFigures(process.pid);
  out['load-generator'] = { cpuTicks: self.cpuTicks, rssBytes: self.rssKiB * 1024 };
  return out;
}

/**
 * `seriesEveryS`: also keep each process's RSS every that many seconds (the soak plots and
 * judges memory over time from it); `series()` returns [{ atS, rssMiB: { name: MiB } }].
 */
export function createProcessSampler(pids, { seriesEveryS = 0 } = {}) {
  const all = { ...pids, 'load-generator': process.pid };
  const first = {};
  const peak = {};
  let last = {};
  // The whole stack's peak is the largest total of one sample, not the sum of each process's
  // own peak (those need not coincide).
  let peakTotal = 0;
  const points = [];
  const started = performance.now();
  const sample = () => {
    let total = 0;
    for (const [name, s] of Object.entries(readAll(pids))) {
      first[name] ??= s;
      last[name] = s;
      peak[name] = Math.max(peak[name] ?? 0, s.rssBytes);
      if (name !== 'load-generator') total += s.rssBytes;
    }
    peakTotal = Math.max(peakTotal, total);
    const atS = (performance.now() - started) / 1000;
    if (seriesEveryS && (!points.length || atS - points.at(-1).atS >= seriesEveryS - 0.5)) {
      const rssMiB = Object.fromEntries(Object.entries(last).map(([n, v]) => [n, Math.round(v.rssBytes / 1048576)]));
      points.push({ atS: Math.round(atS), rssMiB });
    }
  };
  sample();
  const timer = setInterval(sample, 1000);
  return {
    series: () => points,
    /** CPU in % of one core over the window, RSS at the end and at its peak, in MiB. */
    stop() {
      clearInterval(timer);
      sample();
      const seconds = (performance.now() - started) / 1000;
      const mib = (b) => Math.round(b / 1048576);
      const rows = {};
      for (const name of Object.keys(last)) {
        const cpu = ((last[name].cpuTicks - first[name].cpuTicks) / TICKS_PER_SECOND / seconds) * 100;
        rows[name] = {
          pid: all[name],
          cpuPercent: Math.round(cpu),
          rssMiB: mib(last[name].rssBytes),
          peakRssMiB: mib(peak[name]),
        };
      }
      const stack = Object.entries(rows).filter(([n]) => n !== 'load-generator');
      rows['stack total'] = {
        pid: null,
        cpuPercent: stack.reduce((n, [, r]) => n + r.cpuPercent, 0),
        rssMiB: stack.reduce((n, [, r]) => n + r.rssMiB, 0),
        peakRssMiB: mib(peakTotal),
      };
      return rows;
    },
  };
}
