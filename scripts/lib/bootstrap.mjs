// "Installs what is missing": npm packages, the Dapr runtime and CLI, FerretDB, then builds
// the TypeScript. Each step is skipped when its output is already up to date. The Go builds
// and `npm ci` run at once (the builds need no npm package), and the TypeScript compiles as
// soon as the packages are in, while Go is still building: on a fresh machine this is what
// keeps the first start within minutes.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './paths.mjs';
import { daprInstallSteps, installLog } from '../install-dapr.mjs';
import { ferretdbInstallSteps } from '../install-ferretdb.mjs';
import { toxiproxyInstallSteps } from '../install-toxiproxy.mjs';
import { requireGo } from './go-build.mjs';
import { createProgress, runLogged } from './progress.mjs';

function npmStep() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (!existsSync(marker)) return { name: 'npm packages (npm ci)', args: ['ci', '--no-audit', '--no-fund'] };
  if (statSync(lock).mtimeMs > statSync(marker).mtimeMs) {
    return {
      name: 'npm packages (package-lock.json changed: npm install)',
      args: ['install', '--no-audit', '--no-fund'],
    };
  }
  return null;
}

function tsc(progress) {
  const compiler = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  return progress.step('compiling TypeScript (tsc -b)', () =>
    runLogged(process.execPath, [compiler, '-b', 'tsconfig.build.json'], { cwd: root, logFile: progress.logFile }),
  );
}

const CHROMIUM = '/usr/bin/chromium';

/**
 * The console's browser tests drive Debian's Chromium (no browser can be downloaded here):
 * installed from the distribution's packages when missing, silent when it is there.
 */
export function ensureChromium(log = console.log) {
  if (existsSync(CHROMIUM) || process.platform !== 'linux') return;
  log('bootstrap: installing Chromium for the browser tests (apt-get install chromium)...');
  const asRoot = process.getuid?.() === 0;
  const apt = (args) =>
    spawnSync(asRoot ? 'apt-get' : 'sudo', asRoot ? args : ['-n', 'apt-get', ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  if (apt(['install', '-y', '-q', 'chromium']).status !== 0) {
    apt(['update', '-q']);
    if (apt(['install', '-y', '-q', 'chromium']).status !== 0)
      log('bootstrap: Chromium could not be installed; the browser tests will fail');
  }
}

/**
 * Installs and builds what is missing. With `defer`, steps marked deferrable (the dapr CLI)
 * start only after the rest is done and are returned as `later` for the caller to await
 * once the shop is up; without it every step is done when this resolves. `faultProxy`: also
 * toxiproxy, which only the fault suite (and `npm test`'s part of it) runs.
 */
export async function bootstrap(
  log = console.log,
  { defer = false, faultProxy = process.env.SHOP_FAULT_PROXY === 'on' } = {},
) {
  const progress = createProgress({ log, logFile: installLog });
  const goSteps = [...daprInstallSteps({ logFile: installLog })];
  if (!process.env.MONGODB_URL) goSteps.push(...ferretdbInstallSteps({ logFile: installLog }));
  if (faultProxy) goSteps.push(...toxiproxyInstallSteps({ logFile: installLog }));
  if (goSteps.length) requireGo();
  const deferred = defer ? goSteps.filter((s) => s.deferrable) : [];
  const now = goSteps.filter((s) => !deferred.includes(s));

  const npm = npmStep();
  const typescript = (
    npm
      ? progress.step(npm.name, () => runLogged('npm', npm.args, { cwd: root, logFile: installLog }))
      : Promise.resolve()
  ).then(() => tsc(progress));
  const binaries = now.map((s) => progress.step(s.name, s.run, { heartbeat: s.heartbeat }));

  // allSettled, so a failing step never leaves another one building in the background.
  const results = await Promise.allSettled([typescript, ...binaries]);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  if (npm || now.length) progress.line(`set-up: ${deferred.length ? 'the shop' : 'everything'} is installed and built`);
  const later = Promise.all(deferred.map((s) => progress.step(s.name, s.run, { heartbeat: s.heartbeat })));
  return { later, pending: deferred.map((s) => s.name) };
}
