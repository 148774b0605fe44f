// Per-process figures from Linux's /proc, for the footprint script and the load benchmark:
// memory (RSS, PSS) and CPU time of each managed process group.
import { readdirSync, readFileSync } from 'node:fs';

const read = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

/** pid -> process group id, for every process we can see. */
function groupsOfAll() {
  const groups = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    if (!stat) continue;
    // The command name (field 2) may hold spaces and parentheses: split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    groups.set(Number(entry), { pgrp: Number(fields[2]) });
  }
  return groups;
}

const kib = (text, key) => Number(text?.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0);

/**
 * Memory (KiB) and CPU time (clock ticks) of one process. `pss: false` skips PSS: the kernel
 * walks every mapping for smaps_rollup, about 5 ms for one Node service (10 GiB of virtual
 * address space), so samplers that run during a measurement read RSS only.
 */
export function processFigures(pid, { pss = true } = {}) {
  const stat = read(`/proc/${pid}/stat`);
  const fields = stat ? stat.slice(stat.lastIndexOf(')') + 2).split(' ') : [];
  return {
    rssKiB: kib(read(`/proc/${pid}/status`), 'VmRSS'),
    pssKiB: pss ? kib(read(`/proc/${pid}/smaps_rollup`), 'Pss') : 0,
    cpuTicks: stat ? Number(fields[11]) + Number(fields[12]) : 0,
  };
}

/** Memory and CPU ticks of each named process group ({ name: leaderPid } as pids.json holds). */
export function processGroups(pids, options = {}) {
  const all = groupsOfAll();
  return Object.entries(pids).map(([name, leader]) => {
    const members = [...all].filter(([, g]) => g.pgrp === leader).map(([pid]) => pid);
    const sum = { rssKiB: 0, pssKiB: 0, cpuTicks: 0 };
    for (const pid of members) {
      const f = processFigures(pid, options);
      sum.rssKiB += f.rssKiB;
      sum.pssKiB += f.pssKiB;
      sum.cpuTicks += f.cpuTicks;
    }
    return { name, pids: members, ...sum };
  });
}
