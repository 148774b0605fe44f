// Runs a scenario's requests at the shop's rate against the machine's floor (floor/server.mjs):
// the same generator, rate, duration and connections, on the same machine with the same stack
// idling beside it, right after the shop's run. A p99 the bare server cannot reach on this
// machine is not one the shop can; the report gives the shop's figures as ratios to it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { processFigures } from '../../../scripts/lib/proc.mjs';
import { measure } from '../lib/run.mjs';

/** One real answer per endpoint name of the scenario, asked of the shop (bounded tries). */
async function recordAnswers({ scenario, state, origin }) {
  const seen = new Map();
  for (let i = 0; i < 2000 && seen.size < 16; i += 1) {
    const req = scenario.next(state);
    if (seen.has(req.name) || req.method !== 'GET') continue;
    const res = await fetch(`${origin}${req.path}`, { headers: req.headers });
    const body = Buffer.from(await res.arrayBuffer());
    const contentType = res.headers.get('content-type') ?? 'application/json';
    seen.set(req.name, { name: req.name, status: res.status, contentType, body: body.toString('base64') });
    if (i > 200 && seen.size > 0) break;
  }
  if (seen.size === 0) throw new Error(`the floor needs GET requests; ${scenario.name} made none`);
  return [...seen.values()];
}

async function startServer(answers) {
  const dir = mkdtempSync(join(tmpdir(), 'shop-floor-'));
  const file = join(dir, 'answers.json');
  writeFileSync(file, JSON.stringify(answers));
  const child = spawn(process.execPath, [join(import.meta.dirname, 'server.mjs'), file], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the floor server exited (${code})`)));
    child.stdout.on('data', (d) => {
      const m = /listening (\d+)/.exec(String(d));
      if (m) resolve(Number(m[1]));
    });
  });
  const stop = () =>
    new Promise((resolve) => {
      child.once('exit', resolve);
      child.stdin.end();
      setTimeout(() => child.kill('SIGKILL'), 2000).unref();
    }).finally(() => rmSync(dir, { recursive: true, force: true }));
  return { pid: child.pid, origin: `http://127.0.0.1:${port}`, stop };
}

/** CPU of one process in % of one core from now until `stop()` (USER_HZ ticks). */
function cpuMeter(pid) {
  const ticks = () => processFigures(pid, { pss: false }).cpuTicks;
  const t0 = performance.now();
  const c0 = ticks();
  return { stop: () => Math.round(((ticks() - c0) / 100 / ((performance.now() - t0) / 1000)) * 100) };
}

/** Measures the floor at `rate` for `durationS` (after the same warm-up): its run and its server's CPU. */
export async function measureFloor({ scenario, state, origin, rate, durationS, options, log }) {
  const answers = await recordAnswers({ scenario, state, origin });
  const server = await startServer(answers);
  const floorScenario = {
    name: 'floor',
    next: (s) => {
      const req = scenario.next(s);
      const answered = answers.some((a) => a.name === req.name) ? req.name : answers[0].name;
      return { name: answered, method: 'GET', path: req.path, headers: { 'x-bench-endpoint': answered } };
    },
  };
  try {
    const common = { scenario: floorScenario, state, origin: server.origin, rate, options };
    if (options.warmupS > 0) await measure({ ...common, durationS: options.warmupS, log: () => {}, label: 'warm-up' });
    const cpu = cpuMeter(server.pid);
    const run = await measure({ ...common, durationS, log, label: 'floor' });
    return { run, serverCpuPercent: cpu.stop() };
  } finally {
    await server.stop();
  }
}

/** The shop's run against the floor's: latencies as ratios, rates side by side. */
export function compareWithFloor(shop, floor) {
  const a = shop.result.total;
  const b = floor.result.total;
  const ratio = (x, y) => (x == null || !y ? null : Math.round((x / y) * 100) / 100);
  return {
    shop: { achievedRate: a.achievedRate, p50: a.p50, p90: a.p90, p99: a.p99, errors: a.errors },
    floor: { achievedRate: b.achievedRate, p50: b.p50, p90: b.p90, p99: b.p99, errors: b.errors },
    p50Ratio: ratio(a.p50, b.p50),
    p99Ratio: ratio(a.p99, b.p99),
  };
}
