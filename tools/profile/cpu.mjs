#!/usr/bin/env node
// A CPU profile of one running Node service of a stack, taken while load runs elsewhere:
//   node tools/profile/cpu.mjs --profile dev --service order --seconds 20
// SIGUSR1 opens the process's inspector (loopback only, port 9229), the Profiler domain of the
// DevTools protocol records for the given time; the .cpuprofile (open it in Chrome DevTools or
// speedscope) goes to .run/bench/, and the functions and files with the most self time are
// printed. The inspector is closed again when the profile is taken, so the next service can
// open its own on the same port; development stacks only.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { WebSocket } from 'undici';

const { values } = parseArgs({
  options: {
    profile: { type: 'string', default: 'dev' },
    service: { type: 'string' },
    seconds: { type: 'string', default: '20' },
    top: { type: 'string', default: '25' },
  },
});
if (!values.service) throw new Error('--service <name> is required (gateway, product, user, order, auth, console)');
const root = join(import.meta.dirname, '..', '..');
const pids = JSON.parse(readFileSync(join(root, '.run', values.profile, 'pids.json'), 'utf8'));
const pid = pids[values.service];
if (!pid) throw new Error(`no ${values.service} in .run/${values.profile}/pids.json`);

process.kill(pid, 'SIGUSR1');
let target;
for (let i = 0; i < 50 && !target; i += 1) {
  await sleep(100);
  target = await fetch('http://127.0.0.1:9229/json/list')
    .then((r) => r.json())
    .then((list) => list[0])
    .catch(() => undefined);
}
if (!target) throw new Error('the inspector did not open on 127.0.0.1:9229');

const ws = new WebSocket(target.webSocketDebuggerUrl);
await new Promise((resolve, reject) => {
  ws.onopen = resolve;
  ws.onerror = reject;
});
let nextId = 0;
const waiting = new Map();
ws.onmessage = (m) => {
  const msg = JSON.parse(m.data);
  if (msg.id !== undefined) waiting.get(msg.id)?.(msg);
};
const send = (method, params = {}) =>
  new Promise((resolve) => {
    const id = (nextId += 1);
    waiting.set(id, resolve);
    ws.send(JSON.stringify({ id, method, params }));
  });

// Another process may hold the port (a profile killed before it closed its inspector): never
// profile the wrong service.
const evaluate = async (expression) =>
  (await send('Runtime.evaluate', { expression, includeCommandLineAPI: true, returnByValue: true })).result?.result
    ?.value;
const inspected = await evaluate('process.pid');
if (inspected !== pid) {
  ws.close();
  throw new Error(
    `127.0.0.1:9229 is process ${inspected}'s inspector, not ${values.service}'s (${pid}): stop it first`,
  );
}
await send('Profiler.enable');
await send('Profiler.setSamplingInterval', { interval: 1000 });
await send('Profiler.start');
process.stdout.write(`profiling ${values.service} (pid ${pid}) for ${values.seconds} s\n`);
await sleep(Number(values.seconds) * 1000);
const { result } = await send('Profiler.stop');
// `require` of the command-line API (the service's own module system may be ESM) exists only
// while the expression runs: taken then, used once this message is answered.
void send('Runtime.evaluate', {
  expression: "((r) => setImmediate(() => r('node:inspector').close()))(require)",
  includeCommandLineAPI: true,
});
await sleep(200);
ws.close();

const profile = result.profile;
const dir = join(root, '.run', 'bench');
mkdirSync(dir, { recursive: true });
const file = join(dir, `cpu-${values.service}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
writeFileSync(file, JSON.stringify(profile));

// Self time per node from the samples' time deltas, then grouped by function and by file.
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const sum = (key) => {
  const out = new Map();
  for (const [id, us] of self) {
    const k = key(byId.get(id).callFrame);
    out.set(k, (out.get(k) ?? 0) + us);
  }
  return [...out].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
};
const short = (url) => url.replace(/^file:\/\//, '').replace(`${root}/`, '') || '(native)';
const print = (title, rows) => {
  process.stdout.write(`\n${title}\n`);
  for (const [k, us] of rows) process.stdout.write(`  ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}\n`);
};
print(
  'self time by function',
  sum((f) => `${f.functionName || '(anonymous)'}  ${short(f.url)}:${f.lineNumber + 1}`),
);
const pkg = (url) => {
  const u = short(url);
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
  return m ? m[1] : u.startsWith('node:') ? 'node internals' : u.split('/').slice(0, 3).join('/');
};
print(
  'self time by package',
  sum((f) => pkg(f.url)),
);
process.stdout.write(`\n${(total / 1e6).toFixed(1)} s of samples; written ${file}\n`);
