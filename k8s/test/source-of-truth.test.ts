/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are untyped YAML, walked generically */
// One source of truth: app ids, ports, component names, env var names and secrets in the
// manifests agree with libraries/topology/topology.json, the local runner's appEnv
// (scripts/lib/settings.mjs), the services' config schemas and the local Dapr resources.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT, type Sourced, appNames, find, loadYaml, podSpecOf, render, topology } from './support/manifests';

const base = render(path.join(ROOT, 'k8s/base'));
const read = (p: string) => readFileSync(path.join(ROOT, p), 'utf8');
const COMPONENT_PLACEHOLDERS: Record<string, string> = {
  PUBSUB: topology.components.pubsub,
  CART_STATE: topology.components.cartState,
  WORKFLOW_STATE: topology.components.workflowState,
  SECRETS: topology.components.secrets,
};
const localYaml = (p: string) =>
  parse(
    read(p)
      .replace(/\{\{COMPONENT_([A-Z_]+)\}\}/g, (_, k: string) => COMPONENT_PLACEHOLDERS[k]!)
      .replace(/^\{\{[A-Z_]+\}\}$/gm, '')
      .replace(/\{\{[A-Z_]+\}\}/g, 'x'),
  );

/** Env var names the local runner gives every app (the literal keys of appEnv). */
function appEnvNames(app: string): Set<string> {
  const src = read('scripts/lib/settings.mjs');
  const body = src.slice(src.indexOf('export function appEnv'));
  const literal = body.slice(body.indexOf('const env = {'), body.indexOf('};'));
  const names = new Set([...literal.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!));
  expect([...body.matchAll(/env\.([A-Z][A-Z0-9_]+) =/g)].map((m) => m[1]).sort()).toEqual(
    ['DATABASE_URL', 'GRPC_PORT', 'MONGODB_URL', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'REDIS_URL'].sort(),
  );
  const a = topology.apps[app];
  if (a.grpcPort) names.add('GRPC_PORT');
  names.add('OTEL_EXPORTER_OTLP_ENDPOINT'); // set locally when a collector is configured; always in the cluster
  if (a.store === 'postgresql') names.add('DATABASE_URL');
  if (a.store === 'mongodb') names.add('MONGODB_URL');
  if (a.store === 'redis') names.add('REDIS_URL');
  if (app === 'gateway') for (const o of appNames.filter((x) => x !== 'gateway')) names.add(`${o.toUpperCase()}_URL`);
  return names;
}

/** Env var names a service's config schema accepts (the kit's base shape plus its own). */
function schemaNames(app: string): Set<string> {
  const keys = (text: string) => [...text.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
  const kit = read('libraries/service-kit/src/config.ts');
  const shape = kit.slice(
    kit.indexOf('export const baseConfigShape'),
    kit.indexOf('};', kit.indexOf('export const baseConfigShape')),
  );
  return new Set([...keys(shape), ...keys(read(`services/${app}/src/config.ts`))]);
}

function manifestEnv(app: string): Map<string, string | null> {
  const cm = find(base, 'ConfigMap', `${app}-config`)!;
  const dep = find(base, 'Deployment', app)!;
  const env = new Map<string, string | null>(Object.entries<string>(cm.data));
  for (const e of podSpecOf(dep).containers[0].env ?? []) env.set(e.name, null);
  return env;
}

describe('one source of truth', () => {
  it.each(appNames)('%s: app id, app port, protocol and container/Service ports follow the topology', (app) => {
    const a = topology.apps[app];
    const dep = find(base, 'Deployment', app)!;
    const ann = dep.spec.template.metadata.annotations;
    expect(ann['dapr.io/app-id']).toBe(a.appId);
    expect(ann['dapr.io/app-protocol']).toBe(a.appProtocol);
    expect(ann['dapr.io/app-port']).toBe(String(app === 'gateway' ? a.restPort : a.grpcPort));
    expect(ann['dapr.io/config']).toBe(localYaml('dapr/config.yaml').metadata.name);
    const c = podSpecOf(dep).containers[0];
    const ports = Object.fromEntries(c.ports.map((p: any) => [p.name, p.containerPort]));
    expect(ports).toEqual(a.grpcPort ? { http: a.restPort, grpc: a.grpcPort } : { http: a.restPort });
    const svc = find(base, 'Service', app)!;
    expect(Object.fromEntries(svc.spec.ports.map((p: any) => [p.name, p.port]))).toEqual(ports);
    const cm = find(base, 'ConfigMap', `${app}-config`)!;
    expect(cm.data.SERVICE_NAME).toBe(app);
    expect(cm.data.REST_PORT).toBe(String(a.restPort));
    if (a.grpcPort) expect(cm.data.GRPC_PORT).toBe(String(a.grpcPort));
    expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
  });

  it.each(appNames)("%s: env var names are the local runner's, plus only names its config schema reads", (app) => {
    const env = manifestEnv(app);
    const expected = appEnvNames(app);
    const accepted = schemaNames(app);
    for (const name of expected) expect({ app, name, present: env.has(name) }).toEqual({ app, name, present: true });
    for (const name of env.keys()) {
      expect({ app, name, accepted: accepted.has(name) || expected.has(name) }).toEqual({ app, name, accepted: true });
    }
    // SHOP_PROFILE is the runner's convention for every app; only auth's schema reads it.
    for (const name of [...expected].filter((n) => n !== 'SHOP_PROFILE')) {
      expect({ app, name, accepted: accepted.has(name) }).toEqual({ app, name, accepted: true });
    }
  });

  it("the gateway's upstream URLs name the Services and REST ports of the owning apps", () => {
    const cm = find(base, 'ConfigMap', 'gateway-config')!;
    for (const o of appNames.filter((x) => x !== 'gateway')) {
      const url = new URL(cm.data[`${o.toUpperCase()}_URL`]);
      expect(url.hostname.split('.')[0]).toBe(o);
      expect(Number(url.port)).toBe(topology.apps[o].restPort);
      expect(find(base, 'Service', o)).toBeDefined();
    }
    for (const r of topology.routes) expect(appNames).toContain(r.app);
  });

  it('Dapr components have the local names, types (secret store: kubernetes) and scopes', () => {
    const local: Record<string, string> = {
      pubsub: 'components/pubsub.yaml',
      cartState: 'components/cartstore.yaml',
      workflowState: 'components/workflowstore.yaml',
      secrets: 'components/secretstore.yaml',
    };
    const comps = base.filter((s) => s.obj.kind === 'Component').map((s) => s.obj);
    expect(comps.map((c) => c.metadata.name).sort()).toEqual(Object.values<string>(topology.components).sort());
    for (const [key, file] of Object.entries(local)) {
      const l = localYaml(file);
      const c = comps.find((x) => x.metadata.name === topology.components[key])!;
      expect(c.spec.type).toBe(key === 'secrets' ? 'secretstores.kubernetes' : l.spec.type);
      expect(c.spec.version).toBe(l.spec.version);
      expect(c.scopes).toEqual(l.scopes);
      for (const s of c.scopes) expect(appNames.map((a) => topology.apps[a].appId)).toContain(s);
      // Same metadata names as locally (values differ: cluster addresses, secrets by reference).
      const localNames = key === 'secrets' ? [] : l.spec.metadata.map((m: any) => m.name);
      for (const n of localNames) expect(c.spec.metadata.map((m: any) => m.name)).toContain(n);
    }
  });

  it("the auth service reads the secret store under the topology's component name", () => {
    expect(find(base, 'ConfigMap', 'auth-config')!.data.SECRET_STORE).toBe(topology.components.secrets);
    expect(find(base, 'ConfigMap', 'auth-config')!.data.PUBSUB_NAME).toBe(topology.components.pubsub);
  });

  it('Resiliency copies dapr/resiliency.yaml: same policies, every app targeted, no breaker on invocation', () => {
    const local = localYaml('dapr/resiliency.yaml');
    const res = base.find((s) => s.obj.kind === 'Resiliency')!.obj;
    expect(res.metadata.name).toBe(local.metadata.name);
    // dapr/resiliency.yaml's `initialInterval` is not a field of Dapr 1.18's Resiliency (the
    // CRD has none, daprd ignores it: exponential retries start at 500ms); the cluster copy drops it.
    const policies = JSON.parse(JSON.stringify(local.spec.policies));
    for (const r of Object.values<any>(policies.retries)) delete r.initialInterval;
    expect(res.spec.policies).toEqual(policies);
    expect(Object.keys(res.spec.targets.apps).sort()).toEqual(appNames.map((a) => topology.apps[a].appId).sort());
    for (const t of Object.values<any>(res.spec.targets.apps)) expect(t.circuitBreaker).toBeUndefined();
    expect(Object.keys(res.spec.targets.components).sort()).toEqual(
      [topology.components.pubsub, topology.components.cartState, topology.components.workflowState].sort(),
    );
  });

  it('Configuration: tracing to the collector, metrics, kubernetes name resolution, the local features', () => {
    const local = localYaml('dapr/config.yaml');
    const cfg = base.find((s) => s.obj.kind === 'Configuration')!.obj;
    expect(cfg.spec.tracing.otel.endpointAddress).toMatch(/^otel-collector\.observability\.svc\.cluster\.local:4317$/);
    expect(cfg.spec.metrics.enabled).toBe(true);
    expect(cfg.spec.nameResolution.component).toBe('kubernetes');
    expect(cfg.spec.features).toEqual(local.spec.features);
    const collector = render(path.join(ROOT, 'k8s/observability')).find(
      (s) => s.obj.kind === 'Service' && s.obj.metadata.name === 'otel-collector',
    )!.obj;
    expect(collector.spec.ports.map((p: any) => p.port)).toEqual(expect.arrayContaining([4317, 4318]));
  });

  it('every secret reference names a key of the Secret templates, and dev secrets cover them all', () => {
    const templates = new Map<string, Set<string>>(
      loadYaml(path.join(ROOT, 'k8s/secrets/secrets.template.yaml')).map((s: any) => [
        s.metadata.name,
        new Set(Object.keys(s.stringData)),
      ]),
    );
    const refs: { name: string; key: string }[] = [];
    const visit = (v: any): void => {
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object') {
        if (v.secretKeyRef) refs.push(v.secretKeyRef);
        Object.values(v).forEach(visit);
      }
    };
    base.forEach((s: Sourced) => visit(s.obj));
    expect(refs.length).toBeGreaterThan(5);
    for (const r of refs)
      expect({ ...r, known: templates.get(r.name)?.has(r.key) ?? false }).toEqual({ ...r, known: true });
    // The Dapr-read secrets are those of the local secret file.
    const devFile = Object.keys(JSON.parse(read('components/secrets.dev.json')));
    for (const k of devFile) expect(templates.get(k)).toEqual(new Set([k]));
    const dev = spawnSync(process.execPath, ['tilt/dev-secrets.mjs'], { cwd: ROOT, encoding: 'utf8' });
    expect(dev.status).toBe(0);
    const devSecrets = new Map<string, Set<string>>(
      dev.stdout
        .split('\n---\n')
        .map((d) => JSON.parse(d))
        .map((s: any) => [s.metadata.name, new Set(Object.keys(s.stringData))]),
    );
    expect(devSecrets).toEqual(templates);
  });

  it('stores: one per design need, each reachable only from the apps that use it', () => {
    const np = (name: string) => find(base, 'NetworkPolicy', `${name}-ingress`)!;
    const clients = (name: string) =>
      np(name)
        .spec.ingress[0].from.map((f: any) => f.podSelector.matchLabels['app.kubernetes.io/name'])
        .sort();
    expect(clients('postgres-user')).toEqual(['user']);
    expect(clients('postgres-order')).toEqual(['order']);
    expect(clients('postgres-dapr')).toEqual(['order']);
    expect(clients('mongodb')).toEqual(['product']);
    expect(clients('redis-auth')).toEqual(['auth']);
    expect(clients('redis-pubsub')).toEqual([...localYaml('components/pubsub.yaml').scopes].sort());
    for (const app of appNames) {
      const store = topology.apps[app].store;
      if (!store) continue;
      const cm = manifestEnv(app);
      expect(cm.has({ postgresql: 'DATABASE_URL', mongodb: 'MONGODB_URL', redis: 'REDIS_URL' }[store as string]!)).toBe(
        true,
      );
    }
  });

  it('the Grafana dashboard shows every service and the RED metrics', () => {
    const dash = JSON.parse(read('k8s/observability/grafana/shop-dashboard.json'));
    const svcVar = dash.templating.list.find((v: any) => v.name === 'service');
    expect(svcVar.query.split(',').sort()).toEqual([...appNames].sort());
    const exprs = JSON.stringify(dash.panels);
    for (const m of [
      'http_server_requests_total',
      'http_server_request_duration_seconds_bucket',
      'grpc_server_handled_total',
      'grpc_code',
      'grpc_server_handling_seconds_bucket',
      'pubsub_events_total',
      'outcome',
      'dapr_http_server_request_count',
      'dapr_grpc_io_server_completed_rpcs',
      'dapr_runtime_service_invocation_req_sent_total',
      'dapr_component_pubsub_ingress_count',
      'shop_checkouts_total',
      'shop_checkout_duration_seconds_bucket',
    ]) {
      expect(exprs).toContain(m);
    }
  });

  it('k8s/base is what k8s/tools/generate.mjs writes from the topology', () => {
    const r = spawnSync(process.execPath, ['k8s/tools/generate.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
