#!/usr/bin/env node
// `npm run footprint [-- --profile dev] [--json]`: the memory of every process of a running
// stack, read from /proc (RSS as `ps` shows it, and PSS, which splits pages that processes
// share, such as the five sidecars' one daprd binary). Each managed process is counted with
// its whole process group.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processGroups } from './lib/proc.mjs';
import { root, runDir } from './lib/paths.mjs';
import { readPids } from './lib/supervisor.mjs';

const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const profile = arg('--profile', 'dev');
const pids = readPids(runDir(profile));
if (!Object.keys(pids).length) {
  console.error(`footprint: no ${profile} stack is running (start one with npm start -- --profile ${profile})`);
  process.exit(1);
}

const rows = processGroups(pids).sort((a, b) => b.rssKiB - a.rssKiB);
const mib = (kib) => (kib / 1024).toFixed(1);
const total = rows.reduce((t, r) => ({ rssKiB: t.rssKiB + r.rssKiB, pssKiB: t.pssKiB + r.pssKiB }), {
  rssKiB: 0,
  pssKiB: 0,
});

console.log(`${'process'.padEnd(18)} ${'pids'.padStart(5)} ${'RSS MiB'.padStart(9)} ${'PSS MiB'.padStart(9)}`);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(18)} ${String(r.pids.length).padStart(5)} ${mib(r.rssKiB).padStart(9)} ${mib(r.pssKiB).padStart(9)}`,
  );
}
console.log(
  `${'total'.padEnd(18)} ${''.padStart(5)} ${mib(total.rssKiB).padStart(9)} ${mib(total.pssKiB).padStart(9)}`,
);

if (process.argv.includes('--json')) {
  const dir = join(root, '.run', 'bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `footprint-${profile}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ profile, at: new Date().toISOString(), total, processes: rows }, null, 2)}\n`,
  );
  console.log(`footprint: written to ${file}`);
}
