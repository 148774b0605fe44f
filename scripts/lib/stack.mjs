// The whole shop for one profile: placement, scheduler, FerretDB, and every app beside its
// daprd. Used by `npm start`, `npm run stop` and the end-to-end tests alike.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, topology } from './paths.mjs';
import { appEnv, profileSettings } from './settings.mjs';
import { renderResources } from './render.mjs';
import { ensureStores, waitReachable } from './stores.mjs';
import { ferretdbBinary } from '../install-ferretdb.mjs';
import { isAlive, readPids, spawnManaged, stopManaged } from './supervisor.mjs';
import { goEnv, nodeArgs, nodeEnv, schedulerArgs } from './tuning.mjs';
import { spawnSync } from 'node:child_process';
import { startConsole } from './console.mjs';
import { faultInfrastructure, resetFaultData } from './fault-proxy.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sidecarName = (app) => `daprd-${app}`;

async function httpOk(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return res.status >= 200 && res.status < 300;
  } catch {
    return false;
  }
}

/** A metadata attribute that does not land only costs `dapr list` a column: never fatal. */
async function httpPut(url, body) {
  try {
    await fetch(url, { method: 'PUT', body, signal: AbortSignal.timeout(2000) });
  } catch {
    /* the sidecar answers readiness, so this is a race with its shutdown */
  }
}

async function waitFor(what, check, timeoutMs, onTimeout) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(250);
  }
  throw new Error(`${what} did not become ready within ${timeoutMs / 1000}s${onTimeout ? `\n${onTimeout()}` : ''}`);
}

export function logTail(settings, name, lines = 30) {
  const file = join(settings.logDir, `${name}.log`);
  if (!existsSync(file)) return `(no log at ${file})`;
  return `--- last lines of ${file} ---\n${readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n')}`;
}

function bin(settings, name) {
  return join(settings.daprBinDir, name);
}

/** placement, scheduler and (unless MONGODB_URL points elsewhere) FerretDB, each with its readiness probe. */
function infrastructure(settings) {
  const { placement, scheduler, ferretdb } = settings.infra;
  const h = settings.host;
  const etcdDir = join(settings.runDir, 'scheduler-data');
  const procs = [
    {
      name: 'placement',
      command: bin(settings, 'placement'),
      timeoutMs: 30_000,
      ready: () => httpOk(`http://${h}:${placement.healthzPort}/healthz`),
      args: [
        '--port',
        String(placement.port),
        '--listen-address',
        h,
        '--healthz-port',
        String(placement.healthzPort),
        '--healthz-listen-address',
        h,
        '--metrics-port',
        String(placement.metricsPort),
        '--metrics-listen-address',
        h,
        '--initial-cluster',
        `dapr-placement-0=${h}:${placement.raftPort}`,
        '--log-as-json',
        // The placement tables on its healthz port (loopback only), for the console's overview.
        '--metadata-enabled',
      ],
    },
    {
      name: 'scheduler',
      command: bin(settings, 'scheduler'),
      timeoutMs: 60_000,
      ready: () => httpOk(`http://${h}:${scheduler.healthzPort}/healthz`),
      args: [
        '--port',
        String(scheduler.port),
        '--listen-address',
        h,
        '--healthz-port',
        String(scheduler.healthzPort),
        '--healthz-listen-address',
        h,
        '--metrics-port',
        String(scheduler.metricsPort),
        '--metrics-listen-address',
        h,
        '--etcd-data-dir',
        etcdDir,
        '--etcd-client-port',
        String(scheduler.etcdClientPort),
        '--etcd-client-listen-address',
        h,
        '--etcd-initial-cluster',
        `dapr-scheduler-server-0=http://${h}:${scheduler.etcdPeerPort}`,
        '--log-as-json',
        ...schedulerArgs(),
      ],
    },
  ];
  if (settings.ferretdb) {
    procs.push({
      name: 'ferretdb',
      command: ferretdbBinary,
      timeoutMs: 30_000,
      ready: () => waitReachable(h, ferretdb.port, 500),
      args: [
        `--listen-addr=${h}:${ferretdb.port}`,
        '--handler=postgresql',
        `--postgresql-url=${settings.ferretdb.backendUrl}`,
        `--debug-addr=${h}:${ferretdb.debugPort}`,
        '--telemetry=disable',
        `--state-dir=${join(settings.runDir, 'ferretdb')}`,
        '--log-level=warn',
      ],
    });
  }
  return procs;
}

async function spawnInfrastructure(settings, proc) {
  mkdirSync(proc.dataDir ?? join(settings.runDir, proc.name === 'ferretdb' ? 'ferretdb' : 'scheduler-data'), {
    recursive: true,
  });
  proc.prepare?.();
  spawnManaged({
    runDir: settings.runDir,
    logDir: settings.logDir,
    cwd: settings.runDir,
    name: proc.name,
    command: proc.command,
    args: proc.args,
    env: goEnv(proc.name),
  });
  await waitFor(proc.name, proc.ready, proc.timeoutMs, () => logTail(settings, proc.name));
}

async function startInfrastructure(settings) {
  await Promise.all(infrastructure(settings).map((proc) => spawnInfrastructure(settings, proc)));
}

/** Starts one infrastructure process again (tests stop FerretDB to see readiness follow). */
export async function startInfrastructureProcess(profile, name) {
  const settings = profileSettings(profile);
  const proc = [...faultInfrastructure(settings), ...infrastructure(settings)].find((p) => p.name === name);
  if (!proc) throw new Error(`no infrastructure process named ${name}`);
  await spawnInfrastructure(settings, proc);
}

export async function stopInfrastructure(profile, name, { signal = 'SIGTERM' } = {}) {
  await stopManaged(profileSettings(profile).runDir, name, { signal });
}

function daprdArgs(settings, app, resources) {
  const p = topology.appPorts(app, settings.profile);
  const h = settings.host;
  const args = [
    '--app-id',
    p.appId,
    '--app-protocol',
    p.appProtocol,
    '--app-channel-address',
    h,
    '--app-port',
    String(p.appProtocol === 'grpc' ? p.grpcPort : p.restPort),
    '--dapr-listen-addresses',
    h,
    '--dapr-http-port',
    String(p.daprHttpPort),
    '--dapr-grpc-port',
    String(p.daprGrpcPort),
    '--dapr-internal-grpc-port',
    String(p.daprInternalGrpcPort),
    '--metrics-port',
    String(p.daprMetricsPort),
    '--placement-host-address',
    `${h}:${settings.infra.placement.port}`,
    '--scheduler-host-address',
    `${h}:${settings.infra.scheduler.port}`,
    '--resources-path',
    resources.resourcesDir,
    '--config',
    resources.configFile,
    '--enable-app-health-check',
    '--app-health-probe-interval',
    '3',
    '--app-health-threshold',
    '3',
    '--log-as-json',
    '--log-level',
    process.env.DAPR_LOG_LEVEL ?? 'info',
  ];
  if (p.appProtocol === 'http') args.push('--app-health-check-path', '/healthz');
  return args;
}

function spawnApp(settings, app) {
  spawnManaged({
    runDir: settings.runDir,
    logDir: settings.logDir,
    cwd: root,
    name: app,
    command: process.execPath,
    args: [...nodeArgs(), join(root, 'services', app, 'dist', 'main.js')],
    env: { ...nodeEnv(), ...appEnv(settings, app) },
  });
}

export function startApp(settings, app, resources) {
  spawnApp(settings, app);
  spawnManaged({
    runDir: settings.runDir,
    logDir: settings.logDir,
    cwd: root,
    name: sidecarName(app),
    command: bin(settings, 'daprd'),
    args: daprdArgs(settings, app, resources),
    env: goEnv('daprd'),
  });
}

export async function waitAppReady(settings, app, timeoutMs = 90_000) {
  const p = topology.appPorts(app, settings.profile);
  await waitFor(
    `${app} /readyz`,
    () => httpOk(`http://${settings.host}:${p.restPort}/readyz`),
    timeoutMs,
    () => `${logTail(settings, app)}\n${logTail(settings, sidecarName(app))}`,
  );
  await publishSidecarMetadata(settings, app);
}

/**
 * What `dapr run` tells its sidecar, so `dapr list` shows the app's command, pid and log
 * files for our sidecars too (the CLI reads these extended metadata attributes).
 */
async function publishSidecarMetadata(settings, app) {
  const p = topology.appPorts(app, settings.profile);
  const pids = readPids(settings.runDir);
  const attributes = {
    appCommand: `node services/${app}/dist/main.js`,
    appPID: String(pids[app] ?? ''),
    appLogPath: join(settings.logDir, `${app}.log`),
    daprdLogPath: join(settings.logDir, `${sidecarName(app)}.log`),
  };
  await Promise.all(
    Object.entries(attributes).map(([key, value]) =>
      httpPut(`http://${settings.host}:${p.daprHttpPort}/v1.0/metadata/${key}`, value),
    ),
  );
}

/** Loads the demo catalog when the catalog is empty (the product service's own seed command). */
export function seedCatalog(settings, { ifEmpty = true } = {}) {
  const script = join(root, 'services', 'product', 'dist', 'entry-points', 'cli', 'seed.js');
  if (!existsSync(script)) return;
  const r = spawnSync(process.execPath, [script, ...(ifEmpty ? ['--if-empty'] : [])], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', MONGODB_URL: settings.mongoUrl },
  });
  if (r.status !== 0) throw new Error(`seeding the catalog failed (exit ${r.status})`);
}

function runMigrations(settings) {
  for (const app of topology.appNames) {
    const script = join(root, 'services', app, 'dist', 'migrate.js');
    if (!existsSync(script)) continue;
    const r = spawnSync(process.execPath, [script], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...appEnv(settings, app) },
    });
    if (r.status !== 0) throw new Error(`migrations of ${app} failed (exit ${r.status})`);
  }
}

export async function startStack(profile, { log = console.log, apps = topology.appNames } = {}) {
  const settings = profileSettings(profile);
  await stopStack(profile); // a previous run killed hard leaves its processes behind
  mkdirSync(settings.logDir, { recursive: true });
  if (settings.faultProxy) {
    log(`stack[${profile}]: starting the fault proxy (toxiproxy) and the profile's own Redis...`);
    resetFaultData(settings);
    await Promise.all(faultInfrastructure(settings).map((proc) => spawnInfrastructure(settings, proc)));
  }
  await ensureStores(settings, log);
  runMigrations(settings);
  const resources = renderResources(settings);
  log(`stack[${profile}]: starting placement, scheduler${settings.ferretdb ? ', FerretDB' : ''}...`);
  await startInfrastructure(settings);
  seedCatalog(settings);
  log(`stack[${profile}]: starting ${apps.join(', ')} with their sidecars...`);
  for (const app of apps) startApp(settings, app, resources);
  await Promise.all(apps.map((app) => waitAppReady(settings, app)));
  const consoleUrl = await startConsole(settings, {
    waitFor: (url) =>
      waitFor(
        'console /readyz',
        () => httpOk(`${url}/readyz`),
        30_000,
        () => logTail(settings, 'console'),
      ),
  });
  return { settings, resources, consoleUrl };
}

const isApp = (n) => topology.appNames.includes(n) || n === 'console';
const tiers = (names) => [
  names.filter(isApp),
  names.filter((n) => n.startsWith('daprd-')),
  names.filter((n) => !isApp(n) && !n.startsWith('daprd-')),
];

/** Apps first (they drain), then their sidecars, then the control plane and FerretDB. */
export async function stopStack(profile) {
  const settings = profileSettings(profile);
  const names = Object.keys(readPids(settings.runDir));
  for (const tier of tiers(names)) await Promise.all(tier.map((n) => stopManaged(settings.runDir, n)));
  return names;
}

export async function restartApp(profile, app, { signal = 'SIGTERM' } = {}) {
  const settings = profileSettings(profile);
  await stopManaged(settings.runDir, app, { signal });
  spawnApp(settings, app);
  await waitAppReady(settings, app);
}

/** Kills an app's sidecar (daprd) and starts a new one; resolves when the app is ready again. */
export async function restartSidecar(profile, app, { signal = 'SIGTERM' } = {}) {
  const settings = profileSettings(profile);
  await stopManaged(settings.runDir, sidecarName(app), { signal });
  // The resources the stack rendered at start, NOT rendered again: every running sidecar
  // hot-reloads that directory, and a rewrite restarts them all (two crashed doing so).
  const resources = {
    resourcesDir: join(settings.runDir, 'resources'),
    configFile: join(settings.runDir, 'config.yaml'),
  };
  spawnManaged({
    runDir: settings.runDir,
    logDir: settings.logDir,
    cwd: root,
    name: sidecarName(app),
    command: bin(settings, 'daprd'),
    args: daprdArgs(settings, app, resources),
    env: goEnv('daprd'),
  });
  await waitAppReady(settings, app);
}

export function runningProcesses(profile) {
  const settings = profileSettings(profile);
  return Object.entries(readPids(settings.runDir)).map(([name, pid]) => ({ name, pid, alive: isAlive(pid) }));
}

export { profileSettings };
