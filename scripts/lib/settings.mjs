// Everything a profile's processes need to know, derived from the topology and the few
// environment variables that point the shop at other stores (see README).
import { homedir } from 'node:os';
import { join } from 'node:path';
import { logDir, root, runDir, topology } from './paths.mjs';

function withDatabase(url, db) {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

function withParam(url, name, value) {
  const u = new URL(url);
  u.searchParams.set(name, value);
  return u.toString();
}

export function profileSettings(profile) {
  const host = topology.host;
  const infra = topology.infrastructurePorts(profile);
  const postgresUrl = process.env.SHOP_POSTGRES_URL ?? `postgres://postgres@${host}:5432/postgres`;
  const redisUrl = process.env.SHOP_REDIS_URL ?? `redis://${host}:6379`;
  const externalMongo = process.env.MONGODB_URL;
  const db = (name) => withDatabase(postgresUrl, topology.databaseName(name, profile));
  return {
    profile,
    host,
    infra,
    runDir: runDir(profile),
    logDir: logDir(profile),
    postgresUrl,
    redisUrl,
    redisPubsubDb: topology.redisDb(profile),
    // FerretDB's pool defaults to 50 PostgreSQL connections; one machine's PostgreSQL (100 by
    // default) is shared by every profile, and product never needs more than its 16
    // concurrent reservations plus a few reads (the catalog is served from its read model).
    ferretdb: externalMongo
      ? null
      : {
          port: infra.ferretdb.port,
          debugPort: infra.ferretdb.debugPort,
          backendUrl: withParam(db('product'), 'pool_max_conns', '20'),
        },
    mongoUrl: externalMongo ?? `mongodb://${host}:${infra.ferretdb.port}/${topology.databaseName('product', profile)}`,
    databases: { dapr: db('dapr'), user: db('user'), order: db('order'), product: db('product') },
    otlpEndpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT,
    daprBinDir: process.env.DAPR_INSTALL_DIR ?? join(homedir(), '.dapr', 'bin'),
    secretsFile: join(root, 'components', 'secrets.dev.json'),
  };
}

/** The environment of one app's process: ports from the topology, stores from settings. */
export function appEnv(settings, app) {
  const p = topology.appPorts(app, settings.profile);
  const env = {
    SERVICE_NAME: app,
    SHOP_PROFILE: settings.profile,
    HOST: settings.host,
    REST_PORT: String(p.restPort),
    DAPR_HTTP_PORT: String(p.daprHttpPort),
    DAPR_GRPC_PORT: String(p.daprGrpcPort),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  if (p.grpcPort) env.GRPC_PORT = String(p.grpcPort);
  if (settings.otlpEndpoint) env.OTEL_EXPORTER_OTLP_ENDPOINT = settings.otlpEndpoint;
  if (p.store === 'postgresql') env.DATABASE_URL = settings.databases[app];
  if (p.store === 'mongodb') env.MONGODB_URL = settings.mongoUrl;
  if (p.store === 'redis') env.REDIS_URL = settings.redisUrl;
  Object.assign(env, topology.appSettings(app, settings.profile));
  if (app === 'gateway') {
    for (const name of topology.appNames.filter((a) => a !== 'gateway')) {
      env[`${name.toUpperCase()}_URL`] =
        `http://${settings.host}:${topology.appPorts(name, settings.profile).restPort}`;
    }
  }
  return env;
}
