#!/usr/bin/env node
// Prints the Secrets a dev cluster needs (namespace `shop`), as YAML for `kubectl apply -f -`.
// Values are dev-only: the Dapr-read secrets come from components/secrets.dev.json (the same
// committed dev values the local runner uses), the store passwords are fixed dev strings.
// Production never uses this: it creates the Secrets of k8s/secrets/*.template.yaml itself.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const topology = JSON.parse(readFileSync(join(root, 'libraries/topology/topology.json'), 'utf8'));
const devSecrets = JSON.parse(readFileSync(join(root, 'components/secrets.dev.json'), 'utf8'));
const ns = 'shop';
const pw = (name) => `dev-${name}-password`;
const pg = (secret, db) => `postgres://shop:${pw(secret)}@${secret}.${ns}.svc.cluster.local:5432/${db}`;
const dapr = `host=postgres-dapr.${ns}.svc.cluster.local port=5432 user=shop password=${pw('postgres-dapr')} dbname=${topology.databases.dapr} sslmode=disable`;

export const devSecretValues = {
  'postgres-user': {
    POSTGRES_PASSWORD: pw('postgres-user'),
    DATABASE_URL: pg('postgres-user', topology.databases.user),
  },
  'postgres-order': {
    POSTGRES_PASSWORD: pw('postgres-order'),
    DATABASE_URL: pg('postgres-order', topology.databases.order),
  },
  'postgres-dapr': { POSTGRES_PASSWORD: pw('postgres-dapr'), connectionString: dapr },
  mongodb: {
    MONGO_INITDB_ROOT_PASSWORD: pw('mongodb'),
    MONGODB_URL: `mongodb://shop:${pw('mongodb')}@mongodb.${ns}.svc.cluster.local:27017/${topology.databases.product}?authSource=admin`,
  },
  'redis-auth': {
    REDIS_PASSWORD: pw('redis-auth'),
    REDIS_URL: `redis://:${pw('redis-auth')}@redis-auth.${ns}.svc.cluster.local:6379/0`,
  },
  'redis-pubsub': { REDIS_PASSWORD: pw('redis-pubsub') },
  // The console's action token, and the Ingress' basic auth in front of it (operator / dev-console-password).
  console: { CONSOLE_TOKEN: 'dev-console-token-not-for-production' },
  'console-basic-auth': { auth: `operator:{SHA}${createHash('sha1').update(pw('console')).digest('base64')}\n` },
  ...Object.fromEntries(Object.entries(devSecrets).map(([k, v]) => [k, { [k]: v }])),
};

const docs = Object.entries(devSecretValues).map(([name, data]) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: ns, labels: { 'app.kubernetes.io/part-of': 'shop', 'shop.example/dev-only': 'true' } },
    type: 'Opaque',
    stringData: data,
  }),
);
// JSON is YAML: one document per Secret.
if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(docs.join('\n---\n') + '\n');
