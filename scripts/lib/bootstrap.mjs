// "Installs what is missing": npm packages, the Dapr runtime, FerretDB, then builds the
// TypeScript. Each step is skipped when its output is already up to date.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './paths.mjs';
import { daprInstalled, installDapr } from '../install-dapr.mjs';
import { ferretdbInstalled, installFerretdb } from '../install-ferretdb.mjs';
import { requireGo } from './go-build.mjs';

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${what} failed: ${cmd} ${args.join(' ')} (exit ${r.status})`);
}

export function ensureNodeModules(log = console.log) {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (!existsSync(marker)) {
    log('bootstrap: installing npm packages (npm ci)...');
    run('npm', ['ci', '--no-audit', '--no-fund'], 'npm ci');
  } else if (statSync(lock).mtimeMs > statSync(marker).mtimeMs) {
    log('bootstrap: package-lock.json changed; npm install...');
    run('npm', ['install', '--no-audit', '--no-fund'], 'npm install');
  }
}

export function ensureBinaries(log = console.log) {
  const needFerret = !process.env.MONGODB_URL && !ferretdbInstalled();
  if (daprInstalled() && !needFerret) return;
  requireGo();
  if (!daprInstalled()) installDapr({ log });
  if (needFerret) installFerretdb({ log });
}

export function build(log = console.log) {
  log('bootstrap: compiling TypeScript (tsc -b)...');
  run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json'], 'tsc -b');
}

export function bootstrap(log = console.log) {
  ensureNodeModules(log);
  ensureBinaries(log);
  build(log);
}
