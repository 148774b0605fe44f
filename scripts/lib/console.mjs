// The operators' console (services/console) in a local run: no sidecar of its own; it reads
// every app's sidecar, placement, scheduler, the log files and the rendered resources of
// the profile. Actions need a token generated per run (.run/<profile>/console-token).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, topology } from './paths.mjs';
import { spawnManaged } from './supervisor.mjs';
import { nodeArgs, nodeEnv } from './tuning.mjs';

export const CONSOLE = 'console';
export const consoleTokenFile = (settings) => join(settings.runDir, 'console-token');
export const consoleAuditFile = (settings) => join(settings.runDir, 'console-audit.log');
export const consoleUrl = (settings) => `http://${settings.host}:${topology.consolePorts(settings.profile).restPort}`;

function webhookSecret(settings) {
  try {
    return JSON.parse(readFileSync(settings.secretsFile, 'utf8'))['payment-webhook-secret'];
  } catch {
    return undefined;
  }
}

export function consoleTargets(settings) {
  const h = settings.host;
  const { placement, scheduler } = settings.infra;
  return {
    apps: topology.appNames.map((app) => {
      const p = topology.appPorts(app, settings.profile);
      return {
        name: app,
        appId: p.appId,
        restUrl: `http://${h}:${p.restPort}`,
        daprHttpUrl: `http://${h}:${p.daprHttpPort}`,
        daprGrpcAddress: `${h}:${p.daprGrpcPort}`,
        daprMetricsUrl: `http://${h}:${p.daprMetricsPort}/metrics`,
        ports: Object.fromEntries(Object.entries(p).filter(([k, v]) => typeof v === 'number' && /port$/i.test(k))),
      };
    }),
    controlPlane: [
      {
        name: 'placement',
        healthzUrl: `http://${h}:${placement.healthzPort}/healthz`,
        metricsUrl: `http://${h}:${placement.metricsPort}/metrics`,
        address: `${h}:${placement.port}`,
      },
      {
        name: 'scheduler',
        healthzUrl: `http://${h}:${scheduler.healthzPort}/healthz`,
        metricsUrl: `http://${h}:${scheduler.metricsPort}/metrics`,
        address: `${h}:${scheduler.port}`,
      },
    ],
    workflowApps: ['order'],
  };
}

export function consoleEnv(settings, { actions = process.env.SHOP_CONSOLE_ACTIONS ?? 'on' } = {}) {
  const order = topology.appPorts('order', settings.profile);
  const secret = webhookSecret(settings);
  return {
    SERVICE_NAME: CONSOLE,
    SHOP_PROFILE: settings.profile,
    HOST: settings.host,
    REST_PORT: String(topology.consolePorts(settings.profile).restPort),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    CONSOLE_TARGETS: JSON.stringify(consoleTargets(settings)),
    CONSOLE_ACTIONS: actions,
    CONSOLE_TOKEN_FILE: consoleTokenFile(settings),
    CONSOLE_AUDIT_FILE: consoleAuditFile(settings),
    CONSOLE_LOG_DIR: settings.logDir,
    CONSOLE_PIDS_FILE: join(settings.runDir, 'pids.json'),
    CONSOLE_RESOURCES: `${join(settings.runDir, 'resources')},${join(settings.runDir, 'config.yaml')}`,
    ORDER_DATABASE_URL: settings.databases.order,
    PAYMENT_WEBHOOK_URL: `http://${settings.host}:${order.restPort}/v1/payments/webhook`,
    ...(secret ? { PAYMENT_WEBHOOK_SECRET: secret } : {}),
    ...(settings.otlpEndpoint ? { OTEL_EXPORTER_OTLP_ENDPOINT: settings.otlpEndpoint } : {}),
  };
}

/** Starts the console with a fresh token; resolves to its URL once /readyz answers. */
export async function startConsole(settings, { actions, waitFor } = {}) {
  const main = join(root, 'services', CONSOLE, 'dist', 'main.js');
  // SHOP_CONSOLE=off leaves it out (a leaner stack, or a measurement without it).
  if (!existsSync(main) || process.env.SHOP_CONSOLE === 'off') return undefined;
  writeFileSync(consoleTokenFile(settings), `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  spawnManaged({
    runDir: settings.runDir,
    logDir: settings.logDir,
    cwd: root,
    name: CONSOLE,
    command: process.execPath,
    args: [...nodeArgs(), main],
    env: { ...nodeEnv(), ...consoleEnv(settings, actions ? { actions } : {}) },
  });
  const url = consoleUrl(settings);
  await waitFor?.(url);
  return url;
}

export function consoleToken(settings) {
  try {
    return readFileSync(consoleTokenFile(settings), 'utf8').trim();
  } catch {
    return undefined;
  }
}
