// Each app's manifests (Deployment with its sidecar annotations, Service, ConfigMap,
// ServiceAccount, PodDisruptionBudget, HorizontalPodAutoscaler, NetworkPolicy), and the console's.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE, consoleManifests, fromConsole } from '../console-manifests.mjs';
import {
  APP_UID,
  C,
  DAPRD_IMAGE,
  DAPR_NAMESPACE,
  NAMESPACE,
  OBSERVABILITY_NAMESPACE,
  OTLP_HTTP,
  SIDECAR,
  apps,
  collector,
  labels,
  restrictedContainer,
  root,
  selector,
  topology,
} from './context.mjs';
import { APP_STORE, STORES, STORE_ENV, STORE_PORT } from './stores.mjs';

const DAPR_STORE_CLIENT_NAMES = (app) =>
  Object.entries(STORES)
    .filter(([, s]) => s.clients.includes(app))
    .map(([n]) => n);

export function appConfig(app) {
  const a = topology.apps[app];
  const env = {
    SERVICE_NAME: app,
    SHOP_PROFILE: 'dev',
    HOST: '0.0.0.0',
    REST_PORT: String(a.restPort),
    DAPR_HTTP_PORT: String(SIDECAR.http),
    DAPR_GRPC_PORT: String(SIDECAR.grpc),
    LOG_LEVEL: 'info',
    OTEL_EXPORTER_OTLP_ENDPOINT: OTLP_HTTP,
  };
  if (a.grpcPort) env.GRPC_PORT = String(a.grpcPort);
  if (app === 'gateway') {
    for (const other of apps.filter((x) => x !== 'gateway')) {
      env[`${other.toUpperCase()}_URL`] =
        `http://${other}.${NAMESPACE}.svc.cluster.local:${topology.apps[other].restPort}`;
    }
    env.TRUST_PROXY_HOPS = '1'; // the Ingress controller
    env.CORS_ORIGINS = 'http://localhost:*,http://127.0.0.1:*,http://shop.localtest.me';
  }
  if (app === 'auth') {
    env.TRUST_PROXY = 'uniquelocal'; // the gateway is another pod on the cluster network
    env.PUBSUB_NAME = C.pubsub;
    env.SECRET_STORE = C.secrets;
  }
  if (app === 'product') env.PUBSUB_NAME = C.pubsub;
  const secretEnv = a.store ? { [STORE_ENV[a.store]]: { name: APP_STORE[app], key: STORE_ENV[a.store] } } : {};
  return { env, secretEnv };
}

/** The app's Deployment: its container (probes, limits, restricted), a `migrate` init container when it has migrations, the Dapr annotations. */
function appDeployment(app) {
  const a = topology.apps[app];
  const { secretEnv } = appConfig(app);
  const name = app;
  const appPort = app === 'gateway' ? a.restPort : a.grpcPort;
  const ports = [{ name: 'http', containerPort: a.restPort, protocol: 'TCP' }];
  if (a.grpcPort) ports.push({ name: 'grpc', containerPort: a.grpcPort, protocol: 'TCP' });
  const envFromSecrets = Object.entries(secretEnv).map(([k, ref]) => ({ name: k, valueFrom: { secretKeyRef: ref } }));
  const image = `shop/${app}:dev`;
  const container = {
    name: app,
    image,
    imagePullPolicy: 'IfNotPresent',
    ports,
    envFrom: [{ configMapRef: { name: `${app}-config` } }],
    ...(envFromSecrets.length ? { env: envFromSecrets } : {}),
    startupProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 2, failureThreshold: 30 },
    livenessProbe: {
      httpGet: { path: '/healthz', port: 'http' },
      periodSeconds: 10,
      timeoutSeconds: 3,
      failureThreshold: 3,
    },
    readinessProbe: {
      httpGet: { path: '/readyz', port: 'http' },
      periodSeconds: 5,
      timeoutSeconds: 3,
      failureThreshold: 2,
    },
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    securityContext: restrictedContainer(true),
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
  };
  const initContainers = existsSync(join(root, 'services', app, 'migrations'))
    ? [
        {
          name: 'migrate',
          image,
          imagePullPolicy: 'IfNotPresent',
          command: ['node', `services/${app}/dist/migrate.js`],
          envFrom: container.envFrom,
          env: envFromSecrets,
          resources: { requests: { cpu: '50m', memory: '96Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
          securityContext: restrictedContainer(true),
          volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
        },
      ]
    : undefined;
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: labels(name, 'app') },
    spec: {
      replicas: 2,
      revisionHistoryLimit: 5,
      selector: { matchLabels: selector(name) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: {
          labels: labels(name, 'app'),
          annotations: {
            'dapr.io/enabled': 'true',
            'dapr.io/sidecar-image': DAPRD_IMAGE,
            'dapr.io/app-id': a.appId,
            'dapr.io/app-port': String(appPort),
            'dapr.io/app-protocol': a.appProtocol,
            'dapr.io/config': 'shop',
            'dapr.io/log-as-json': 'true',
            'dapr.io/log-level': 'info',
            'dapr.io/enable-metrics': 'true',
            'dapr.io/metrics-port': String(SIDECAR.metrics),
            'dapr.io/sidecar-cpu-request': '50m',
            'dapr.io/sidecar-cpu-limit': '500m',
            'dapr.io/sidecar-memory-request': '64Mi',
            'dapr.io/sidecar-memory-limit': '256Mi',
            'dapr.io/sidecar-seccomp-profile-type': 'RuntimeDefault',
            'dapr.io/graceful-shutdown-seconds': '15',
            // The app's own /metrics (RED metrics), on its REST port.
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(a.restPort),
            'prometheus.io/path': '/metrics',
          },
        },
        spec: {
          serviceAccountName: name,
          terminationGracePeriodSeconds: 30,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: APP_UID,
            runAsGroup: APP_UID,
            fsGroup: APP_UID,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          ...(initContainers ? { initContainers } : {}),
          containers: [container],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'kubernetes.io/hostname',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: selector(name) },
            },
          ],
        },
      },
    },
  };
  return deployment;
}

/** Who may reach this app's pods, and where they may go. */
function appNetworkPolicy(app) {
  const a = topology.apps[app];
  const name = app;
  const fromMonitoring = {
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': OBSERVABILITY_NAMESPACE } },
  };
  const ingress = [
    // Sidecar <-> sidecar (service invocation, mTLS) from the other shop apps' sidecars.
    {
      from: [
        { podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'shop', 'app.kubernetes.io/component': 'app' } } },
      ],
      ports: [{ protocol: 'TCP', port: SIDECAR.internalGrpc }],
    },
    // Prometheus scrapes the app's /metrics and the sidecar's metrics.
    {
      from: [fromMonitoring],
      ports: [
        { protocol: 'TCP', port: a.restPort },
        { protocol: 'TCP', port: SIDECAR.metrics },
      ],
    },
  ];
  if (app === 'gateway') {
    ingress.push({
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
      ports: [{ protocol: 'TCP', port: a.restPort }],
    });
  } else {
    // The gateway proxies REST to the owning service (topology routes).
    ingress.push({
      from: [{ podSelector: { matchLabels: selector('gateway') } }],
      ports: [{ protocol: 'TCP', port: a.restPort }],
    });
  }
  // The operators' console reads the app's probes and metrics and its sidecar's APIs.
  ingress.push(fromConsole({ selector, SIDECAR, restPort: a.restPort }));
  const egress = [
    {
      to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      ports: [
        { protocol: 'UDP', port: 53 },
        { protocol: 'TCP', port: 53 },
      ],
    },
    // Dapr control plane: operator 6500, placement 50005, scheduler 50006, sentry 50001 (in dapr-system).
    { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': DAPR_NAMESPACE } } }] },
    // Other sidecars (service invocation).
    {
      to: [
        { podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'shop', 'app.kubernetes.io/component': 'app' } } },
      ],
      ports: [{ protocol: 'TCP', port: SIDECAR.internalGrpc }],
    },
    // Traces to the OpenTelemetry Collector (app: OTLP/HTTP, sidecar: OTLP/gRPC).
    {
      to: [fromMonitoring],
      ports: [
        { protocol: 'TCP', port: 4317 },
        { protocol: 'TCP', port: 4318 },
      ],
    },
    // The Kubernetes API (the kubernetes secret store reads Secrets through it).
    {
      ports: [
        { protocol: 'TCP', port: 443 },
        { protocol: 'TCP', port: 6443 },
      ],
    },
  ];
  for (const s of DAPR_STORE_CLIENT_NAMES(app)) {
    egress.push({
      to: [{ podSelector: { matchLabels: selector(s) } }],
      ports: [{ protocol: 'TCP', port: STORE_PORT[STORES[s].kind] }],
    });
  }
  if (app === 'gateway') {
    egress.push({
      to: [
        { podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'shop', 'app.kubernetes.io/component': 'app' } } },
      ],
      ports: apps.filter((x) => x !== 'gateway').map((x) => ({ protocol: 'TCP', port: topology.apps[x].restPort })),
    });
  }
  const np = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `${app}`, labels: labels(name, 'app') },
    spec: { podSelector: { matchLabels: selector(name) }, policyTypes: ['Ingress', 'Egress'], ingress, egress },
  };
  return np;
}

export function appFiles(app) {
  const { files, emit } = collector();
  const a = topology.apps[app];
  const { env } = appConfig(app);
  const name = app;
  const deployment = appDeployment(app);
  const svcPorts = [{ name: 'http', port: a.restPort, targetPort: 'http', protocol: 'TCP' }];
  if (a.grpcPort) svcPorts.push({ name: 'grpc', port: a.grpcPort, targetPort: 'grpc', protocol: 'TCP' });
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels: labels(name, 'app') },
    spec: { selector: selector(name), ports: svcPorts },
  };
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${app}-config`, labels: labels(name, 'app') },
    data: env,
  };
  const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, labels: labels(name, 'app') } };
  const pdb = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, labels: labels(name, 'app') },
    spec: { minAvailable: 1, selector: { matchLabels: selector(name) } },
  };
  const hpa = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name, labels: labels(name, 'app') },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      minReplicas: 2,
      maxReplicas: 6,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
      ],
    },
  };
  const np = appNetworkPolicy(app);
  emit(`apps/${app}/serviceaccount.yaml`, sa);
  emit(`apps/${app}/configmap.yaml`, configMap);
  emit(`apps/${app}/deployment.yaml`, deployment);
  emit(`apps/${app}/service.yaml`, service);
  emit(`apps/${app}/pdb.yaml`, pdb);
  emit(`apps/${app}/hpa.yaml`, hpa);
  emit(`apps/${app}/networkpolicy.yaml`, np);
  emit(`apps/${app}/kustomization.yaml`, {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [
      'serviceaccount.yaml',
      'configmap.yaml',
      'deployment.yaml',
      'service.yaml',
      'pdb.yaml',
      'hpa.yaml',
      'networkpolicy.yaml',
    ],
  });
  return files;
}

export function consoleFiles() {
  const { files, emit } = collector();
  const m = consoleManifests({
    topology,
    NAMESPACE,
    DAPR_NAMESPACE,
    OBSERVABILITY_NAMESPACE,
    SIDECAR,
    labels,
    selector,
    restrictedContainer,
    APP_UID,
    OTLP_HTTP,
  });
  emit(`apps/${CONSOLE}/serviceaccount.yaml`, m.sa, m.role, m.binding);
  emit(`apps/${CONSOLE}/configmap.yaml`, m.configMap);
  emit(`apps/${CONSOLE}/deployment.yaml`, m.deployment);
  emit(`apps/${CONSOLE}/service.yaml`, m.service);
  emit(`apps/${CONSOLE}/networkpolicy.yaml`, m.np);
  emit(`apps/${CONSOLE}/ingress.yaml`, m.ingress);
  emit(`apps/${CONSOLE}/kustomization.yaml`, {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [
      'serviceaccount.yaml',
      'configmap.yaml',
      'deployment.yaml',
      'service.yaml',
      'networkpolicy.yaml',
      'ingress.yaml',
    ],
  });
  return files;
}
