// The operators' console in the cluster (used by generate.mjs): the same image as locally, one
// replica without a Dapr sidecar of its own, a read-only ServiceAccount, writes off unless the
// ConfigMap switches them on, reachable only through the Ingress behind basic authentication.
export const CONSOLE = 'console';

export function consoleManifests({
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
}) {
  const port = topology.console.restPort;
  const apps = Object.keys(topology.apps);
  const svc = (name, ns = NAMESPACE) => `${name}.${ns}.svc.cluster.local`;
  // Dapr's injector gives each app a `<app-id>-dapr` Service: http 80, grpc 50001, metrics 9090.
  const targets = {
    apps: apps.map((app) => {
      const a = topology.apps[app];
      return {
        name: app,
        appId: a.appId,
        restUrl: `http://${svc(app)}:${a.restPort}`,
        daprHttpUrl: `http://${svc(`${a.appId}-dapr`)}:80`,
        daprGrpcAddress: `${svc(`${a.appId}-dapr`)}:${SIDECAR.grpc}`,
        daprMetricsUrl: `http://${svc(`${a.appId}-dapr`)}:${SIDECAR.metrics}/metrics`,
      };
    }),
    controlPlane: [
      {
        name: 'placement',
        healthzUrl: `http://${svc('dapr-placement-server', DAPR_NAMESPACE)}:8080/healthz`,
        metricsUrl: `http://${svc('dapr-placement-server', DAPR_NAMESPACE)}:9090/metrics`,
        address: `${svc('dapr-placement-server', DAPR_NAMESPACE)}:50005`,
      },
      {
        name: 'scheduler',
        healthzUrl: `http://${svc('dapr-scheduler-server', DAPR_NAMESPACE)}:8080/healthz`,
        metricsUrl: `http://${svc('dapr-scheduler-server', DAPR_NAMESPACE)}:9090/metrics`,
        address: `${svc('dapr-scheduler-server', DAPR_NAMESPACE)}:50006`,
      },
    ],
    workflowApps: ['order'],
  };
  const l = labels(CONSOLE, 'operations');
  const env = {
    SERVICE_NAME: CONSOLE,
    HOST: '0.0.0.0',
    REST_PORT: String(port),
    LOG_LEVEL: 'info',
    OTEL_EXPORTER_OTLP_ENDPOINT: OTLP_HTTP,
    // Read-only unless an overlay sets "on" (and the Secret `console` holds the token).
    CONSOLE_ACTIONS: 'off',
    CONSOLE_TARGETS: JSON.stringify(targets),
    CONSOLE_AUDIT_FILE: '/tmp/console-audit.log',
    PAYMENT_WEBHOOK_URL: `http://${svc('order')}:${topology.apps.order.restPort}/v1/payments/webhook`,
    TRUST_PROXY_HOPS: '1',
    // Pod logs and restarts through the API (the read-only Role below).
    CONSOLE_KUBE_NAMESPACE: NAMESPACE,
  };
  const secretEnv = [
    ['CONSOLE_TOKEN', 'console', 'CONSOLE_TOKEN'],
    ['ORDER_DATABASE_URL', 'postgres-order', 'DATABASE_URL'],
    ['PAYMENT_WEBHOOK_SECRET', 'payment-webhook-secret', 'payment-webhook-secret'],
  ].map(([name, secret, key]) => ({ name, valueFrom: { secretKeyRef: { name: secret, key, optional: true } } }));
  const image = `shop/${CONSOLE}:dev`;
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: CONSOLE, labels: l },
    spec: {
      // One replica: the workflow index and the metrics history are in memory.
      replicas: 1,
      revisionHistoryLimit: 5,
      selector: { matchLabels: selector(CONSOLE) },
      template: {
        metadata: {
          labels: l,
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(port),
            'prometheus.io/path': '/metrics',
          },
        },
        spec: {
          serviceAccountName: CONSOLE,
          terminationGracePeriodSeconds: 15,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: APP_UID,
            runAsGroup: APP_UID,
            fsGroup: APP_UID,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: CONSOLE,
              image,
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
              envFrom: [{ configMapRef: { name: `${CONSOLE}-config` } }],
              env: secretEnv,
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
              resources: { requests: { cpu: '50m', memory: '96Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
              securityContext: restrictedContainer(true),
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
        },
      },
    },
  };
  const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: CONSOLE, labels: l } };
  // Read-only: pods and their logs, services, and the Dapr resources; never Secrets.
  const role = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: `${CONSOLE}-read`, labels: l },
    rules: [
      { apiGroups: [''], resources: ['pods', 'pods/log', 'services', 'endpoints'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['apps'], resources: ['deployments', 'replicasets'], verbs: ['get', 'list', 'watch'] },
      {
        apiGroups: ['dapr.io'],
        resources: ['components', 'configurations', 'resiliencies', 'subscriptions', 'httpendpoints'],
        verbs: ['get', 'list', 'watch'],
      },
    ],
  };
  const binding = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: `${CONSOLE}-read`, labels: l },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${CONSOLE}-read` },
    subjects: [{ kind: 'ServiceAccount', name: CONSOLE, namespace: NAMESPACE }],
  };
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: CONSOLE, labels: l },
    spec: { selector: selector(CONSOLE), ports: [{ name: 'http', port, targetPort: 'http', protocol: 'TCP' }] },
  };
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${CONSOLE}-config`, labels: l },
    data: env,
  };
  const shopApps = {
    podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'shop', 'app.kubernetes.io/component': 'app' } },
  };
  const np = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: CONSOLE, labels: l },
    spec: {
      podSelector: { matchLabels: selector(CONSOLE) },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
          ports: [{ protocol: 'TCP', port }],
        },
        {
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': OBSERVABILITY_NAMESPACE } } }],
          ports: [{ protocol: 'TCP', port }],
        },
      ],
      egress: [
        {
          to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
        // Every app's REST port and its sidecar's HTTP, gRPC and metrics ports.
        {
          to: [shopApps],
          ports: [
            ...new Set([...apps.map((a) => topology.apps[a].restPort), SIDECAR.http, SIDECAR.grpc, SIDECAR.metrics]),
          ].map((p) => ({ protocol: 'TCP', port: p })),
        },
        {
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': DAPR_NAMESPACE } } }],
          ports: [8080, 9090].map((p) => ({ protocol: 'TCP', port: p })),
        },
        {
          to: [{ podSelector: { matchLabels: selector('postgres-order') } }],
          ports: [{ protocol: 'TCP', port: 5432 }],
        },
        {
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': OBSERVABILITY_NAMESPACE } } }],
          ports: [{ protocol: 'TCP', port: 4318 }],
        },
        {
          ports: [
            { protocol: 'TCP', port: 443 },
            { protocol: 'TCP', port: 6443 },
          ],
        },
      ],
    },
  };
  const ingress = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: CONSOLE,
      labels: l,
      annotations: {
        // Authentication in front of the console: the Secret `console-basic-auth` (htpasswd `auth`).
        'nginx.ingress.kubernetes.io/auth-type': 'basic',
        'nginx.ingress.kubernetes.io/auth-secret': 'console-basic-auth',
        'nginx.ingress.kubernetes.io/auth-realm': 'shop console',
        'nginx.ingress.kubernetes.io/proxy-body-size': '64k',
      },
    },
    spec: {
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'console.localtest.me',
          http: {
            paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: CONSOLE, port: { name: 'http' } } } }],
          },
        },
      ],
    },
  };
  return { sa, role, binding, configMap, deployment, service, np, ingress };
}

/** The ingress rule every app's NetworkPolicy gets: the console reads its REST and sidecar ports. */
export function fromConsole({ selector, SIDECAR, restPort }) {
  return {
    from: [{ podSelector: { matchLabels: selector(CONSOLE) } }],
    ports: [restPort, SIDECAR.http, SIDECAR.grpc, SIDECAR.metrics].map((port) => ({ protocol: 'TCP', port })),
  };
}
