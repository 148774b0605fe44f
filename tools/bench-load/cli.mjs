#!/usr/bin/env node
// `npm run bench:load -- [--scenario catalog|mixed|soak|sweep] [--rate N] [--duration S]
// [--connections N] [--profile dev]`: the shop's open-model load benchmark. See README.md.
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { root, topology } from '../../scripts/lib/paths.mjs';
import { profileSettings } from '../../scripts/lib/settings.mjs';
import { checkInvariants, stockSnapshot } from './lib/invariants.mjs';
import { createProcessSampler, stackPids } from './lib/processes.mjs';
import { memoryVerdict, tableVerdict } from './lib/soak.mjs';
import { renderHtml } from './lib/report-html.mjs';
import { measure } from './lib/run.mjs';
import { compareWithFloor, measureFloor } from './floor/floor.mjs';
import { runSweep } from './lib/sweep.mjs';
import { scenarios } from './scenarios/index.mjs';

const { values: a, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    scenario: { type: 'string', default: 'catalog' },
    of: { type: 'string', default: 'catalog' }, // the scenario a sweep raises
    rate: { type: 'string' },
    duration: { type: 'string' },
    connections: { type: 'string' },
    profile: { type: 'string', default: process.env.SHOP_PROFILE ?? 'dev' },
    warmup: { type: 'string', default: '3' },
    'timeout-ms': { type: 'string', default: '5000' },
    'max-in-flight': { type: 'string', default: '20000' },
    shoppers: { type: 'string' },
    from: { type: 'string', default: '500' },
    step: { type: 'string', default: '500' },
    to: { type: 'string', default: '8000' },
    'step-duration': { type: 'string', default: '10' },
    'slo-p99': { type: 'string' },
    'saga-seconds': { type: 'string' },
    'settle-seconds': { type: 'string', default: '180' },
    'no-invariants': { type: 'boolean', default: false },
    'no-floor': { type: 'boolean', default: false },
    // soak: memory sampled every this many seconds; judged after the first fifth of the run.
    'sample-every': { type: 'string', default: '60' },
    help: { type: 'boolean', default: false },
  },
});
if (a.help) {
  console.log(
    `scenarios: ${Object.keys(scenarios).join(', ')}, sweep (--of <scenario>). See tools/bench-load/README.md.`,
  );
  process.exit(0);
}

// `bench:load -- soak` as well as `--scenario soak`.
if (positionals.length) a.scenario = positionals[0];
const isSweep = a.scenario === 'sweep';
const scenario = scenarios[isSweep ? a.of : a.scenario];
if (!scenario) throw new Error(`unknown scenario ${a.scenario}; one of ${Object.keys(scenarios).join(', ')}, sweep`);
const num = (v, fallback) => (v === undefined ? fallback : Number(v));
const options = {
  rate: num(a.rate, scenario.defaults.rate),
  durationS: num(a.duration, scenario.defaults.duration),
  connections: num(a.connections, scenario.defaults.connections),
  warmupS: num(a.warmup, 3),
  timeoutMs: num(a['timeout-ms'], 5000),
  maxInFlight: num(a['max-in-flight'], 20000),
  shoppers: a.shoppers,
  sloP99Ms: num(a['slo-p99'], scenario.name === 'mixed' ? 100 : 25),
};
// Loopback only: the gateway of the chosen profile on this machine.
const host = topology.host;
if (!['127.0.0.1', 'localhost', '::1'].includes(host)) throw new Error(`refusing a non-loopback host ${host}`);
const origin = `http://${host}:${topology.appPorts('gateway', a.profile).restPort}`;
const settings = profileSettings(a.profile);
const sagaSeconds = num(a['saga-seconds'], Number(topology.appSettings('order', a.profile).SAGA_STALL_SECONDS ?? 120));
const log = (m) => console.log(m);

const startedAt = new Date();
log(`bench:load ${a.scenario}${isSweep ? ` of ${scenario.name}` : ''} against ${origin} (profile ${a.profile})`);
const state = await scenario.setup({ origin, options, log });
const before = a['no-invariants'] ? undefined : await stockSnapshot(settings);
// The warm-up runs at the measured rate (a sweep: at its first step), so the JIT, the caches and
// the connection pools are in the state the measurement needs; a lower rate left the first
// measured second to pay for the change.
const warmupRate = isSweep ? num(a.from) : options.rate;
if (options.warmupS > 0) {
  log(`warm-up ${options.warmupS}s at ${warmupRate}/s (not recorded)`);
  await measure({
    scenario,
    state,
    origin,
    rate: warmupRate,
    durationS: options.warmupS,
    options,
    log: () => {},
    label: 'warm-up',
  });
}
const machineAtStart = machineCpu();
const sampler = createProcessSampler(stackPids(root, a.profile), {
  seriesEveryS: scenario.soak ? num(a['sample-every'], 60) : 0,
});
const report = {
  scenario: a.scenario,
  of: isSweep ? scenario.name : undefined,
  profile: a.profile,
  origin,
  startedAt: startedAt.toISOString(),
  options,
  commit: commit(),
  runs: [],
};

if (isSweep) {
  const sweep = await runSweep({
    scenario,
    state,
    origin,
    options,
    log,
    from: num(a.from),
    step: num(a.step),
    to: num(a.to),
    stepS: num(a['step-duration']),
  });
  report.runs = sweep.runs;
  report.sweep = sweep.summary;
} else {
  const run = await measure({
    scenario,
    state,
    origin,
    rate: options.rate,
    durationS: options.durationS,
    options,
    log,
    label: scenario.name,
  });
  report.runs.push(run);
}
report.processes = await sampler.stop();
report.machine = machineSince(machineAtStart);
// After the shop's run (so the stack's figures above exclude it): the same load on a bare server.
if (!isSweep && scenario.floor && !a['no-floor']) {
  log(`floor: the same load against a bare node:http server (warm-up ${options.warmupS}s)`);
  const { run, serverCpuPercent } = await measureFloor({ ...report.runs[0], scenario, state, origin, options, log });
  report.floor = { ...compareWithFloor(report.runs[0], run), serverCpuPercent, run };
}
if (scenario.soak) {
  const errors = report.runs.reduce((n, r) => n + r.result.total.errors, 0);
  report.soak = {
    errors,
    memorySeries: sampler.series(),
    memory: memoryVerdict(sampler.series(), Math.round(options.durationS / 5)),
    tables: await tableVerdict(settings).catch((err) => ({ passed: false, error: err.message })),
  };
  report.soak.passed = errors === 0 && report.soak.memory.passed && report.soak.tables.passed;
}

if (!a['no-invariants']) {
  log('checking invariants...');
  // A store that cannot be read (e.g. PostgreSQL out of connections) fails the check, not the report.
  report.invariants = await checkInvariants({
    settings,
    before,
    since: startedAt,
    sagaSeconds,
    settleSeconds: num(a['settle-seconds'], 180),
    log,
  }).catch((err) => ({ passed: false, failures: [`the check could not run: ${err.message}`] }));
}

const dir = join(root, '.run', 'bench');
mkdirSync(dir, { recursive: true });
const base = join(
  dir,
  `${startedAt.toISOString().replace(/[:.]/g, '-')}-${a.scenario}${isSweep ? `-${scenario.name}` : ''}`,
);
writeFileSync(`${base}.json`, JSON.stringify(report, null, 2));
writeFileSync(`${base}.html`, renderHtml(report));
printSummary(report);
log(`report: ${base}.json, ${base}.html`);
process.exit((report.invariants && !report.invariants.passed) || report.soak?.passed === false ? 2 : 0);

/** The whole machine's CPU (all cores, every process, ours or not) from /proc/stat. */
function machineCpu() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { idle, total: fields.reduce((t, v) => t + v, 0) };
}

/** How busy the machine was during the run: a busy machine, not the shop, can explain a tail. */
function machineSince(start) {
  const end = machineCpu();
  const total = end.total - start.total;
  return {
    cores: availableParallelism(),
    busyPercent: total > 0 ? Math.round((1000 * (total - (end.idle - start.idle))) / total) / 10 : null,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

function commit() {
  try {
    return execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim();
  } catch {
    return 'unknown';
  }
}

function printSummary(r) {
  for (const run of r.runs) {
    log(`\n${run.label}: asked ${run.rate}/s for ${run.durationS}s`);
    const rows = Object.entries({ ...run.result.endpoints, TOTAL: run.result.total }).map(([name, e]) => ({
      endpoint: name,
      'rate/s': e.achievedRate,
      p50: e.p50,
      p90: e.p90,
      p99: e.p99,
      'p99.9': e.p999,
      errors: e.errors,
      byStatus: JSON.stringify(e.errorsByStatus ?? {}),
    }));
    console.table(rows);
  }
  for (const run of r.runs)
    if (run.result.total.generatorLagMs)
      log(
        `${run.label}: load generator's event-loop delay p99 ${run.result.total.generatorLagMs.p99} ms, max ${run.result.total.generatorLagMs.max} ms`,
      );
  if (r.floor)
    log(
      `floor (bare node:http, same load): p50 ${r.floor.floor.p50} ms, p99 ${r.floor.floor.p99} ms, ${r.floor.floor.achievedRate}/s; shop / floor: p50 ${r.floor.p50Ratio} ×, p99 ${r.floor.p99Ratio} ×`,
    );
  if (r.machine)
    log(
      `machine: ${r.machine.busyPercent} % of ${r.machine.cores} cores busy during the run, load average ${r.machine.loadAverage.join(' ')}`,
    );
  if (r.sweep)
    log(
      `\nsweep: knee ${r.sweep.knee ?? 'not reached'} req/s at p99 <= ${r.sweep.sloP99Ms} ms; overload: ${JSON.stringify(r.sweep.overload)}`,
    );
  console.table(
    Object.fromEntries(
      Object.entries(r.processes).map(([n, p]) => [n, { cpu: p.cpuPercent, rssMiB: p.rssMiB, peakMiB: p.peakRssMiB }]),
    ),
  );
  if (r.invariants)
    log(`invariants: ${r.invariants.passed ? 'passed' : `FAILED: ${r.invariants.failures.join('; ')}`}`);
  if (r.soak) {
    console.table(r.soak.memory.processes ?? {});
    log(
      `soak: ${r.soak.passed ? 'passed' : 'FAILED'} (errors ${r.soak.errors}, memory ${r.soak.memory.passed ? 'flat' : `NOT flat: ${r.soak.memory.reason ?? 'grew'}`}, tables ${JSON.stringify(r.soak.tables)})`,
    );
  }
}
