// The Dapr resources in the cluster: the local components (components/, dapr/) with cluster
// addresses and the same names, types and scopes; Configuration, Resiliency, the secret reader Role.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { C, NAMESPACE, OTLP_GRPC, apps, collector, root, topology } from './context.mjs';
import { DAPR_READ_SECRETS } from './secrets.mjs';

const YAML = createRequire(import.meta.url)('yaml');

function localResource(file) {
  // Fill the {{ }} placeholders only enough to parse; names come from the topology.
  const text = readFileSync(join(root, file), 'utf8')
    .replace(
      /\{\{COMPONENT_([A-Z_]+)\}\}/g,
      (_, k) => ({ PUBSUB: C.pubsub, CART_STATE: C.cartState, WORKFLOW_STATE: C.workflowState, SECRETS: C.secrets })[k],
    )
    .replace(/^\{\{[A-Z_]+\}\}$/gm, '')
    .replace(/\{\{[A-Z_]+\}\}/g, 'x');
  return YAML.parse(text);
}
function withoutInitialInterval(policies) {
  const copy = JSON.parse(JSON.stringify(policies));
  for (const r of Object.values(copy.retries ?? {})) delete r.initialInterval;
  return copy;
}
const meta = (name) => ({
  name,
  labels: { 'app.kubernetes.io/part-of': 'shop', 'app.kubernetes.io/component': 'dapr' },
});
const swap = (items, replacements) =>
  items.map((m) => (m.name in replacements ? { name: m.name, ...replacements[m.name] } : m));

/** The Components (and the payment provider's HTTPEndpoint) with cluster addresses and secret references. */
function components() {
  const pubsub = localResource('components/pubsub.yaml');
  const cart = localResource('components/cartstore.yaml');
  const wf = localResource('components/workflowstore.yaml');
  const secrets = localResource('components/secretstore.yaml');
  const pgRef = { secretKeyRef: { name: 'postgres-dapr', key: 'connectionString' } };
  const docs = [
    {
      apiVersion: 'dapr.io/v1alpha1',
      kind: 'Component',
      metadata: meta(C.pubsub),
      spec: {
        type: pubsub.spec.type,
        version: pubsub.spec.version,
        metadata: [
          ...swap(pubsub.spec.metadata, {
            redisHost: { value: `redis-pubsub.${NAMESPACE}.svc.cluster.local:6379` },
            redisDB: { value: '0' },
          }),
          { name: 'redisPassword', secretKeyRef: { name: 'redis-pubsub', key: 'REDIS_PASSWORD' } },
        ],
      },
      scopes: pubsub.scopes,
    },
    {
      apiVersion: 'dapr.io/v1alpha1',
      kind: 'Component',
      metadata: meta(C.cartState),
      spec: {
        type: cart.spec.type,
        version: cart.spec.version,
        metadata: swap(cart.spec.metadata, { connectionString: pgRef }),
      },
      scopes: cart.scopes,
    },
    {
      apiVersion: 'dapr.io/v1alpha1',
      kind: 'Component',
      metadata: meta(C.workflowState),
      spec: {
        type: wf.spec.type,
        version: wf.spec.version,
        metadata: swap(wf.spec.metadata, { connectionString: pgRef }),
      },
      scopes: wf.scopes,
    },
    {
      apiVersion: 'dapr.io/v1alpha1',
      kind: 'Component',
      metadata: meta(C.secrets),
      // Locally secretstores.local.file; in the cluster the same name reads Kubernetes Secrets.
      spec: {
        type: 'secretstores.kubernetes',
        version: 'v1',
        metadata: [{ name: 'defaultNamespace', value: NAMESPACE }],
      },
      scopes: secrets.scopes,
    },
  ];
  // The real payment provider's endpoint: configured, unused until PAYMENT_PROVIDER=http.
  const payment = localResource('components/payment-provider.yaml');
  docs.push({
    apiVersion: payment.apiVersion,
    kind: 'HTTPEndpoint',
    metadata: meta(topology.httpEndpoints.paymentProvider),
    // A placeholder until a provider is chosen; an overlay patches the real base URL.
    spec: { ...payment.spec, baseUrl: topology.profiles.dev.paymentProviderUrl },
    auth: { secretStore: C.secrets },
    scopes: payment.scopes,
  });
  return docs;
}

function configuration() {
  const localConfig = localResource('dapr/config.yaml');
  return {
    apiVersion: 'dapr.io/v1alpha1',
    kind: 'Configuration',
    metadata: meta(localConfig.metadata.name),
    spec: {
      tracing: {
        samplingRate: '1',
        stdout: false,
        otel: { endpointAddress: OTLP_GRPC, isSecure: false, protocol: 'grpc' },
      },
      metrics: { enabled: true },
      // mTLS between sidecars is control-plane configuration (the `daprsystem` Configuration
      // that Helm installs, global.mtls.enabled=true, see tilt/dapr-values.yaml), not an app's.
      nameResolution: { component: 'kubernetes', version: 'v1', configuration: {} },
      workflow: localConfig.spec.workflow,
      features: localConfig.spec.features,
    },
  };
}

function resiliency() {
  const res = localResource('dapr/resiliency.yaml');
  const appTargets = Object.fromEntries(
    apps.map((a) => [topology.apps[a].appId, { timeout: 'invoke', retry: 'invokeRetry' }]),
  );
  return {
    apiVersion: res.apiVersion,
    kind: res.kind,
    metadata: meta(res.metadata.name),
    // `initialInterval` is dropped: Dapr 1.18's Resiliency has no such field (see k8s/README.md).
    spec: {
      policies: withoutInitialInterval(res.spec.policies),
      targets: { apps: appTargets, components: res.spec.targets.components },
    },
  };
}

/** The kubernetes secret store reads only the secrets the apps read, for the apps in its scope. */
function secretReader() {
  const secrets = localResource('components/secretstore.yaml');
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'dapr-secret-reader', labels: meta('x').labels },
      rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: DAPR_READ_SECRETS, verbs: ['get'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'dapr-secret-reader', labels: meta('x').labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'dapr-secret-reader' },
      subjects: secrets.scopes.map((a) => ({ kind: 'ServiceAccount', name: a, namespace: NAMESPACE })),
    },
  ];
}

export function daprFiles() {
  const { files, emit } = collector();
  emit('dapr/components.yaml', ...components());
  emit('dapr/configuration.yaml', configuration());
  emit('dapr/resiliency.yaml', resiliency());
  emit('dapr/rbac.yaml', ...secretReader());
  return files;
}
