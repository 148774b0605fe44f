import { tracing } from './instrument'; // keep first
import { randomUUID } from 'node:crypto';
import { createAuthenticator, createDaprClient, createProbeSubscription, runShopService } from '@shop/service-kit';
import { createOutboxRelay, openPostgres, publishThroughDapr } from '@shop/postgres';
import { components } from '@shop/topology';
import { loadUserConfig } from './config';
import { createArgon2Passwords } from './data-access/password-hasher';
import { readFirstAdminSecrets } from './data-access/first-admin-secret-client';
import { createUserStore } from './data-access/postgres';
import type { UserDeps } from './domain/ports';
import { startFirstAdminBootstrap } from './entry-points/jobs/first-admin-bootstrap';
import { userGrpcService } from './entry-points/grpc/user-grpc-service';
import { mountUserRoutes } from './entry-points/rest/routes';

// The composition root: stores and clients in, handlers out. Resources stop in reverse order
// (bootstrap, relay, authenticator, Dapr client, pool) after the servers.
void runShopService({
  config: loadUserConfig(),
  tracing,
  async build({ config, logger, metrics }) {
    const postgres = openPostgres(config.DATABASE_URL, config.SERVICE_NAME);
    await postgres.ping();
    const dapr = createDaprClient({ daprHost: config.HOST, daprGrpcPort: config.DAPR_GRPC_PORT, logger });
    const relay = createOutboxRelay({
      pool: postgres.pool,
      publish: publishThroughDapr(dapr),
      logger,
      registry: metrics.registry,
    });
    const deps: UserDeps = {
      store: createUserStore(postgres.pool, { pubsubName: components.pubsub, onEventsCommitted: () => relay.wake() }),
      passwords: createArgon2Passwords(),
      logger,
      newId: randomUUID,
    };
    const auth = createAuthenticator({ logger, daprGrpcPort: config.DAPR_GRPC_PORT, daprHost: config.HOST });
    const firstAdmin = startFirstAdminBootstrap({
      deps,
      logger,
      readSecrets: () => readFirstAdminSecrets(dapr, components.secrets),
    });
    relay.start();

    return {
      resources: [postgres, { name: 'dapr client', stop: () => dapr.stop() }, auth, relay, firstAdmin],
      checks: { postgres: () => postgres.ping(), firstAdmin: firstAdmin.check },
      grpcServices: [userGrpcService(deps)],
      appCallback: { subscriptions: [createProbeSubscription(logger), auth.revocations], dedupe: postgres.dedupe },
      routes: (app) => mountUserRoutes(app, deps, auth),
      // Every user body is a few hundred bytes; anything near this is abuse.
      bodyLimit: '16kb',
    };
  },
});
