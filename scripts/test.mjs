#!/usr/bin/env node
// `npm test`: installs and builds what is missing, runs the unit projects (in parallel),
// then the end-to-end project, which starts its own complete stack on the test profile's
// ports (jest globalSetup) so it runs beside a developer's `npm start`, then the fault
// suite's fast subset on a stack of its own with toxiproxy in front of the stores.
// Extra arguments go to jest (e.g. `npm test -- --selectProjects service-kit`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrap, ensureChromium } from './lib/bootstrap.mjs';
import { root } from './lib/paths.mjs';

await bootstrap(console.log, { faultProxy: true }).catch((e) => {
  console.error(`set-up failed: ${e.message}`);
  process.exit(1);
});
ensureChromium();
const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const out = mkdtempSync(join(tmpdir(), 'shop-jest-'));
const unitProjects = [
  'contracts',
  'service-kit',
  'api',
  'gateway',
  'product',
  'user',
  'order',
  'auth',
  'console',
  'k8s',
  'repo',
];
const passThrough = process.argv.slice(2);
const phases = passThrough.length
  ? [{ name: 'selected', args: passThrough }]
  : [
      { name: 'unit', args: ['--selectProjects', ...unitProjects, '--passWithNoTests'] },
      { name: 'e2e', args: ['--selectProjects', 'e2e', '--runInBand'] },
      // The fault suite's fast subset (8 s outages, 600 events, one SIGKILL round; the broker
      // restart, which waits out Redis's 30 s redelivery, only in test:faults), on its own stack.
      {
        name: 'faults',
        args: ['--selectProjects', 'faults', '--runInBand', '--testPathIgnorePatterns', '02-broker-restart'],
        env: { SHOP_FAULTS: 'fast' },
      },
    ];

let passed = 0;
let failed = 0;
let status = 0;
for (const phase of phases) {
  const report = join(out, `${phase.name}.json`);
  // --experimental-vm-modules: the e2e tests import the runner's ES modules (stack control).
  const r = spawnSync(
    process.execPath,
    ['--experimental-vm-modules', '--no-warnings', jest, ...phase.args, '--json', `--outputFile=${report}`],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...phase.env },
    },
  );
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
  } catch {
    failed += 1; // the runner itself failed before reporting
  }
  if (r.status !== 0) status = r.status ?? 1;
}
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(status || (failed ? 1 : 0));
