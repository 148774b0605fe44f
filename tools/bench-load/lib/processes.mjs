// CPU and RSS of every process of the stack (the runner's pids under .run/<profile>/) and of
// the load generator, sampled from /proc once a second.
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux
const PAGE_BYTES = 4096;

function readStat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces; fields start after its closing parenthesis.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { cpuTicks: Number(fields[11]) + Number(fields[12]), rssBytes: Number(fields[21]) * PAGE_BYTES };
  } catch {
    return undefined;
  }
}

export function stackPids(root, profile) {
  try {
    return JSON.parse(readFileSync(join(root, '.run', profile, 'pids.json'), 'utf8'));
  } catch {
    return {};
  }
}

export function createProcessSampler(pids) {
  const all = { ...pids, 'load-generator': process.pid };
  const first = {};
  const peak = {};
  let last = {};
  const started = performance.now();
  const sample = () => {
    for (const [name, pid] of Object.entries(all)) {
      const s = readStat(pid);
      if (!s) continue;
      first[name] ??= s;
      last[name] = s;
      peak[name] = Math.max(peak[name] ?? 0, s.rssBytes);
    }
  };
  sample();
  const timer = setInterval(sample, 1000);
  return {
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
        peakRssMiB: stack.reduce((n, [, r]) => n + r.peakRssMiB, 0),
      };
      return rows;
    },
  };
}
