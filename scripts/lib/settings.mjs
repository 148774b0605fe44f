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

function withPort(url, host, port) {
  const u = new URL(url);
  u.hostname = host;
  u.port = String(port);
  return u.toString();
}

/**
 * With SHOP_FAULT_PROXY=on (the fault suite, or `SHOP_FAULT_PROXY=on npm start` to try faults
 * by hand) every app and sidecar reaches PostgreSQL, FerretDB and Redis through toxiproxy, and
 * Redis is a server of the profile's own (the suite restarts it; the machine's is shared).
 * FerretDB itself still talks to PostgreSQL directly: a PostgreSQL fault is not a FerretDB one.
 */
function faultProxy(host, infra, postgresUrl) {
  if (process.env.SHOP_FAULT_PROXY !== 'on') return null;
  const p = infra.faultProxy;
  const pg = new URL(postgresUrl);
  const listen = (port) => `${host}:${port}`;
  return {
    apiUrl: `http://${host}:${p.apiPort}`,
    apiPort: p.apiPort,
    brokerRedisPort: p.brokerRedisPort,
    proxies: [
      { name: 'postgres', listen: listen(p.postgresPort), upstream: `${pg.hostname}:${pg.port || 5432}` },
      { name: 'ferretdb', listen: listen(p.ferretdbPort), upstream: listen(infra.ferretdb.port) },
      { name: 'redis', listen: listen(p.redisPort), upstream: listen(p.brokerRedisPort) },
    ],
  };
}

export function profileSettings(profile) {
  const host = topology.host;
  const infra = topology.infrastructurePorts(profile);
  const postgresUrl = process.env.SHOP_POSTGRES_URL ?? `postgres://postgres@${host}:5432/postgres`;
  const faults = faultProxy(host, infra, postgresUrl);
  const redisUrl = faults
    ? `redis://${host}:${infra.faultProxy.redisPort}`
    : (process.env.SHOP_REDIS_URL ?? `redis://${host}:6379`);
  const appPostgresUrl = faults ? withPort(postgresUrl, host, infra.faultProxy.postgresPort) : postgresUrl;
  const externalMongo = process.env.MONGODB_URL;
  const db = (name) => withDatabase(appPostgresUrl, topology.databaseName(name, profile));
  const mongoPort = faults ? infra.faultProxy.ferretdbPort : infra.ferretdb.port;
  return {
    profile,
    host,
    infra,
    runDir: runDir(profile),
    logDir: logDir(profile),
    postgresUrl,
    redisUrl,
    faultProxy: faults,
    redisPubsubDb: topology.redisDb(profile),
    // FerretDB's pool defaults to 50 PostgreSQL connections; one machine's PostgreSQL (100 by
    // default) is shared by every profile, and product never needs more than its 16
    // concurrent reservations plus a few reads (the catalog is served from its read model).
    ferretdb: externalMongo
      ? null
      : {
          port: infra.ferretdb.port,
          debugPort: infra.ferretdb.debugPort,
          backendUrl: withParam(
            withDatabase(postgresUrl, topology.databaseName('product', profile)),
            'pool_max_conns',
            '20',
          ),
        },
    mongoUrl: externalMongo ?? `mongodb://${host}:${mongoPort}/${topology.databaseName('product', profile)}`,
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
