#!/usr/bin/env node
// `npm test`: installs and builds what is missing, then runs every jest project. The
// end-to-end project starts its own stack on the test profile's ports (jest globalSetup),
// so it runs beside a developer's `npm start`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { bootstrap } from './lib/bootstrap.mjs';
import { root } from './lib/paths.mjs';

bootstrap();
const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const r = spawnSync(process.execPath, [jest, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
