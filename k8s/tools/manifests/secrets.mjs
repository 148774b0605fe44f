import { NAMESPACE, collector } from './context.mjs';

// Secrets: names and keys (templates in k8s/secrets, dev values from tilt/dev-secrets.mjs)
export const SECRETS = {
  'postgres-user': ['POSTGRES_PASSWORD', 'DATABASE_URL'],
  'postgres-order': ['POSTGRES_PASSWORD', 'DATABASE_URL'],
  'postgres-dapr': ['POSTGRES_PASSWORD', 'connectionString'],
  mongodb: ['MONGO_INITDB_ROOT_PASSWORD', 'MONGODB_URL'],
  'redis-auth': ['REDIS_PASSWORD', 'REDIS_URL'],
  'redis-pubsub': ['REDIS_PASSWORD'],
  // Read by the services through the Dapr secret store (same names as components/secrets.dev.json).
  'auth-signing-keys': ['auth-signing-keys'],
  'admin-email': ['admin-email'],
  'admin-password': ['admin-password'],
  'probe-secret': ['probe-secret'],
  'payment-webhook-secret': ['payment-webhook-secret'],
  'payment-provider-api-key': ['payment-provider-api-key'],
  // The operators' console: its action token, and the htpasswd the Ingress checks in front of it.
  console: ['CONSOLE_TOKEN'],
  'console-basic-auth': ['auth'],
};
export const DAPR_READ_SECRETS = [
  'auth-signing-keys',
  'admin-email',
  'admin-password',
  'probe-secret',
  'payment-webhook-secret',
  'payment-provider-api-key',
];

export function secretTemplateFiles() {
  const { files, emit } = collector();
  // Templates only: no value is committed. Production creates these Secrets (sealed-secrets,
  // external-secrets or kubectl) before applying the prod overlay; dev uses tilt/dev-secrets.mjs.
  const docs = Object.entries(SECRETS).map(([name, keys]) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: NAMESPACE, labels: { 'app.kubernetes.io/part-of': 'shop' } },
    type: 'Opaque',
    stringData: Object.fromEntries(keys.map((k) => [k, ''])),
  }));
  emit('secrets/secrets.template.yaml', ...docs);
  return files;
}
