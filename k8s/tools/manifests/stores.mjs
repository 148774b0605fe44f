// The stores in the cluster (the local stack uses the machine's PostgreSQL and Redis and a
// FerretDB): one StatefulSet, headless Service and NetworkPolicy each.
import { apps, collector, labels, restrictedContainer, selector, topology } from './context.mjs';

export const STORES = {
  'postgres-user': { kind: 'postgres', db: topology.databases.user, clients: ['user'] },
  'postgres-order': { kind: 'postgres', db: topology.databases.order, clients: ['order'] },
  'postgres-dapr': { kind: 'postgres', db: topology.databases.dapr, clients: ['order'] },
  mongodb: { kind: 'mongodb', db: topology.databases.product, clients: ['product'] },
  'redis-auth': { kind: 'redis', clients: ['auth'] },
  'redis-pubsub': { kind: 'redis', clients: apps.filter((a) => a !== 'gateway') },
};
export const STORE_PORT = { postgres: 5432, mongodb: 27017, redis: 6379 };
export const IMAGES = { postgres: 'postgres:16.6-bookworm', mongodb: 'mongo:7.0.16', redis: 'redis:7.4.1-bookworm' };
// Which store each app's own env var points at (Dapr components are separate, below).
export const APP_STORE = { user: 'postgres-user', order: 'postgres-order', product: 'mongodb', auth: 'redis-auth' };
export const STORE_ENV = { postgresql: 'DATABASE_URL', mongodb: 'MONGODB_URL', redis: 'REDIS_URL' };

/** The store's image, environment, data path and probe, and the writable folders it needs. */
function storeContainer(name, s) {
  const secret = name;
  let container;
  const emptyDirs = [{ name: 'tmp', mountPath: '/tmp' }];
  if (s.kind === 'postgres') {
    emptyDirs.push({ name: 'run', mountPath: '/var/run/postgresql' });
    container = {
      image: IMAGES.postgres,
      env: [
        { name: 'POSTGRES_USER', value: 'shop' },
        { name: 'POSTGRES_DB', value: s.db },
        { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
        { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: secret, key: 'POSTGRES_PASSWORD' } } },
      ],
      dataPath: '/var/lib/postgresql/data',
      probe: { exec: { command: ['pg_isready', '-U', 'shop', '-d', s.db, '-h', '127.0.0.1'] } },
    };
  } else if (s.kind === 'mongodb') {
    emptyDirs.push({ name: 'configdb', mountPath: '/data/configdb' });
    container = {
      image: IMAGES.mongodb,
      env: [
        { name: 'MONGO_INITDB_ROOT_USERNAME', value: 'shop' },
        {
          name: 'MONGO_INITDB_ROOT_PASSWORD',
          valueFrom: { secretKeyRef: { name: secret, key: 'MONGO_INITDB_ROOT_PASSWORD' } },
        },
        { name: 'MONGO_INITDB_DATABASE', value: s.db },
      ],
      dataPath: '/data/db',
      probe: { exec: { command: ['mongosh', '--quiet', '--eval', 'db.adminCommand("ping").ok'] } },
    };
  } else {
    container = {
      image: IMAGES.redis,
      env: [{ name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: secret, key: 'REDIS_PASSWORD' } } }],
      args: ['sh', '-c', 'exec redis-server --appendonly yes --dir /data --requirepass "$REDIS_PASSWORD"'],
      dataPath: '/data',
      probe: { exec: { command: ['sh', '-c', 'REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli ping | grep -q PONG'] } },
    };
  }
  return { container, emptyDirs };
}

export function storeFiles(name, s) {
  const { files, emit } = collector();
  const port = STORE_PORT[s.kind];
  const { container, emptyDirs } = storeContainer(name, s);
  const sts = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, labels: labels(name, 'store') },
    spec: {
      serviceName: name,
      replicas: 1,
      selector: { matchLabels: selector(name) },
      template: {
        metadata: { labels: { ...labels(name, 'store'), 'shop.example/store-kind': s.kind } },
        spec: {
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 999,
            runAsGroup: 999,
            fsGroup: 999,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          automountServiceAccountToken: false,
          containers: [
            {
              name: s.kind,
              image: container.image,
              ...(container.args ? { command: container.args } : {}),
              ports: [{ name: s.kind, containerPort: port }],
              env: container.env,
              readinessProbe: { ...container.probe, periodSeconds: 10, timeoutSeconds: 5 },
              livenessProbe: { ...container.probe, initialDelaySeconds: 30, periodSeconds: 20, timeoutSeconds: 5 },
              resources: {
                requests: { cpu: '100m', memory: s.kind === 'mongodb' ? '512Mi' : '128Mi' },
                limits: { cpu: '1', memory: s.kind === 'mongodb' ? '1Gi' : '512Mi' },
              },
              securityContext: restrictedContainer(true),
              volumeMounts: [{ name: 'data', mountPath: container.dataPath }, ...emptyDirs],
            },
          ],
          volumes: emptyDirs.map((d) => ({ name: d.name, emptyDir: {} })),
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data', labels: labels(name, 'store') },
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: s.kind === 'redis' ? '1Gi' : '5Gi' } },
          },
        },
      ],
    },
  };
  const svc = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels: labels(name, 'store') },
    spec: { clusterIP: 'None', selector: selector(name), ports: [{ name: s.kind, port, targetPort: s.kind }] },
  };
  const np = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `${name}-ingress`, labels: labels(name, 'store') },
    spec: {
      podSelector: { matchLabels: selector(name) },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: s.clients.map((a) => ({ podSelector: { matchLabels: selector(a) } })),
          ports: [{ protocol: 'TCP', port }],
        },
      ],
    },
  };
  emit(`stores/${name}.yaml`, svc, sts, np);
  return files;
}
