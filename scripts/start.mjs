#!/usr/bin/env node
// `npm start`: install what is missing, build, bring the whole shop up, print the URLs, and
// stop everything on Ctrl-C. `--profile test` starts the test profile's ports instead.
import { bootstrap } from './lib/bootstrap.mjs';

const profile = process.argv.includes('--profile') ? process.argv[process.argv.indexOf('--profile') + 1] : 'dev';
const detach = process.argv.includes('--detach');

const setUp = await bootstrap(console.log, { defer: true }).catch((e) => {
  console.error(`set-up failed: ${e.message}`);
  process.exit(1);
});
// A build deferred past the start (the dapr CLI) that fails is reported, the shop stays up.
const later = setUp.later.catch((e) => console.error(`!! ${setUp.pending.join(', ')} failed: ${e.message}`));
const { startStack, stopStack, runningProcesses } = await import('./lib/stack.mjs');
const { topology } = await import('./lib/paths.mjs');

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  console.log(`\nstopping the ${profile} stack...`);
  await stopStack(profile);
  console.log('stopped.');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  const started = Date.now();
  const { settings, consoleUrl } = await startStack(profile);
  const h = settings.host;
  console.log(`\nThe shop is up (${profile}) in ${((Date.now() - started) / 1000).toFixed(1)}s:`);
  console.log(`  gateway         http://${h}:${topology.appPorts('gateway', profile).restPort}  (REST /v1/...)`);
  for (const app of topology.appNames.filter((a) => a !== 'gateway')) {
    const p = topology.appPorts(app, profile);
    console.log(
      `  ${app.padEnd(15)} http://${h}:${p.restPort}/readyz  gRPC ${h}:${p.grpcPort}  daprd http ${p.daprHttpPort} grpc ${p.daprGrpcPort}`,
    );
  }
  if (consoleUrl) {
    const { consoleToken } = await import('./lib/console.mjs');
    console.log(`  console         ${consoleUrl}  (operators; actions need the token ${consoleToken(settings)})`);
  }
  console.log(`  logs            ${settings.logDir}`);
  console.log(
    `  sidecars        ~/.dapr/bin/dapr list${setUp.pending.length ? ` (once ${setUp.pending.join(', ')} is built)` : ''}`,
  );
  if (detach) {
    await later;
    process.exit(0);
  }
  console.log('\nCtrl-C stops everything.');
  // Report a process that dies on its own; the developer decides what to do with it.
  const seen = new Set();
  setInterval(() => {
    if (stopping) return;
    for (const p of runningProcesses(profile)) {
      if (!p.alive && !seen.has(p.name)) {
        seen.add(p.name);
        console.error(`!! ${p.name} (pid ${p.pid}) exited; see ${settings.logDir}/${p.name}.log`);
      }
    }
  }, 2000);
} catch (e) {
  console.error(`\nnpm start failed: ${e.message}`);
  await shutdown(1);
}
