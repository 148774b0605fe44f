#!/usr/bin/env node
// `npm run test:faults`: the whole fault suite (test/faults, SHOP_FAULTS=full: 30 s outages,
// more rounds and events) on its own stack with toxiproxy in front of the stores. `npm test`
// runs the same files with short outages. Extra arguments go to jest (e.g. a file name).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { bootstrap } from './lib/bootstrap.mjs';
import { root } from './lib/paths.mjs';

await bootstrap(console.log, { faultProxy: true }).catch((e) => {
  console.error(`set-up failed: ${e.message}`);
  process.exit(1);
});
const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const r = spawnSync(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--no-warnings',
    jest,
    '--selectProjects',
    'faults',
    '--runInBand',
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, SHOP_FAULTS: process.env.SHOP_FAULTS ?? 'full' } },
);
process.exit(r.status ?? 1);
