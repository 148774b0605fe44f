// The process sampler's thread (see processes.mjs): samples once a second until told to stop,
// then answers the rows and the RSS series.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { processFigures, processGroups } from '../../../scripts/lib/proc.mjs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux
const { pids, seriesEveryS, generatorPid } = workerData;
const all = { ...pids, 'load-generator': generatorPid };

/** Each stack process group (by the runner's pids) and the load generator itself. */
function readAll() {
  const out = {};
  for (const g of processGroups(pids, { pss: false }))
    if (g.pids.length) out[g.name] = { cpuTicks: g.cpuTicks, rssBytes: g.rssKiB * 1024 };
  const self = processFigures(generatorPid, { pss: false });
  out['load-generator'] = { cpuTicks: self.cpuTicks, rssBytes: self.rssKiB * 1024 };
  return out;
}

const first = {};
const peak = {};
const last = {};
// The whole stack's peak is the largest total of one sample, not the sum of each process's
// own peak (those need not coincide).
let peakTotal = 0;
const points = [];
const started = performance.now();
const sample = () => {
  let total = 0;
  for (const [name, s] of Object.entries(readAll())) {
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

function rows() {
  const seconds = (performance.now() - started) / 1000;
  const mib = (b) => Math.round(b / 1048576);
  const out = {};
  for (const name of Object.keys(last)) {
    const cpu = ((last[name].cpuTicks - first[name].cpuTicks) / TICKS_PER_SECOND / seconds) * 100;
    out[name] = {
      pid: all[name],
      cpuPercent: Math.round(cpu),
      rssMiB: mib(last[name].rssBytes),
      peakRssMiB: mib(peak[name]),
    };
  }
  const stack = Object.entries(out).filter(([n]) => n !== 'load-generator');
  out['stack total'] = {
    pid: null,
    cpuPercent: stack.reduce((n, [, r]) => n + r.cpuPercent, 0),
    rssMiB: stack.reduce((n, [, r]) => n + r.rssMiB, 0),
    peakRssMiB: mib(peakTotal),
  };
  return out;
}

sample();
const timer = setInterval(sample, 1000);
parentPort.on('message', () => {
  clearInterval(timer);
  sample();
  parentPort.postMessage({ rows: rows(), series: points });
});
