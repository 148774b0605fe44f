// Renders components/, dapr/config.yaml and dapr/resiliency.yaml into .run/<profile>/ with
// the profile's ports, stores and component names. Dapr does not expand variables in
// standalone resource files, so the runner does.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, topology } from './paths.mjs';

function fill(template, values, file) {
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (_, key) => {
    if (!(key in values)) throw new Error(`${file}: no value for {{${key}}}`);
    return values[key];
  });
}

function appTargets() {
  return topology.appNames
    .map((app) => `      ${topology.appPorts(app).appId}:\n        timeout: invoke\n        retry: invokeRetry`)
    .join('\n');
}

function nameResolution(settings) {
  // sqlite by default: it works for any number of sidecars on one host without multicast
  // (see docs/architecture.md for the mDNS measurement). SHOP_NAME_RESOLUTION=mdns tries mDNS.
  if (process.env.SHOP_NAME_RESOLUTION === 'mdns') return '    component: "mdns"';
  // A sidecar renews its row every updateInterval - timeout - 1 s and is found while the row
  // is younger than updateInterval (whole seconds). With the defaults (5 s, 1 s) one renewal
  // slower than 1 s on a busy machine made a live app unknown for a moment ("no host found
  // with the given ID": a 503 in the 30-minute soak). 3 s for a renewal, found for 10 s; a
  // killed sidecar stays listed up to 10 s (its callers' retries cover that).
  return [
    '    component: "sqlite"',
    '    configuration:',
    `      connectionString: "${join(settings.runDir, 'nameresolution.db')}"`,
    '      updateInterval: "10s"',
    '      timeout: "3s"',
  ].join('\n');
}

function otelTracing(settings) {
  if (!settings.otlpEndpoint) return '';
  const u = new URL(settings.otlpEndpoint);
  return ['    otel:', `      endpointAddress: "${u.host}"`, '      isSecure: false', '      protocol: "http"'].join(
    '\n',
  );
}

export function renderResources(settings) {
  const values = {
    COMPONENT_PUBSUB: topology.components.pubsub,
    COMPONENT_WORKFLOW_STATE: topology.components.workflowState,
    COMPONENT_CART_STATE: topology.components.cartState,
    COMPONENT_SECRETS: topology.components.secrets,
    HTTP_ENDPOINT_PAYMENT: topology.httpEndpoints.paymentProvider,
    PAYMENT_PROVIDER_URL: topology.paymentProviderUrl(settings.profile),
    REDIS_HOST: new URL(settings.redisUrl).host,
    REDIS_PUBSUB_DB: String(settings.redisPubsubDb),
    DAPR_PG_URL: settings.databases.dapr,
    SECRETS_FILE: settings.secretsFile,
    APP_TARGETS: appTargets(),
    NAME_RESOLUTION: nameResolution(settings),
    OTEL_TRACING: otelTracing(settings),
  };
  const resourcesDir = join(settings.runDir, 'resources');
  rmSync(resourcesDir, { recursive: true, force: true });
  mkdirSync(resourcesDir, { recursive: true });
  for (const file of readdirSync(join(root, 'components')).filter((f) => f.endsWith('.yaml'))) {
    const src = join(root, 'components', file);
    writeFileSync(join(resourcesDir, file), fill(readFileSync(src, 'utf8'), values, src));
  }
  const resiliency = join(root, 'dapr', 'resiliency.yaml');
  writeFileSync(join(resourcesDir, 'resiliency.yaml'), fill(readFileSync(resiliency, 'utf8'), values, resiliency));
  const configFile = join(settings.runDir, 'config.yaml');
  const config = join(root, 'dapr', 'config.yaml');
  writeFileSync(configFile, fill(readFileSync(config, 'utf8'), values, config));
  return { resourcesDir, configFile };
}
