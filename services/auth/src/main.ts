import { tracing } from './instrument'; // keep first
import { createDaprClient, createProbeSubscription, runShopService, waitForSidecar } from '@shop/service-kit';
import { keyPrefixOf, loadAuthConfig } from './config';
import { createTokenKit } from './data-access/token-signer';
import { createEventSink } from './data-access/session-event-publisher';
import { createLoginLimiter } from './data-access/login-attempt-repository';
import { openAuthStore } from './data-access/redis';
import { createSessionStore } from './data-access/session-repository';
import { loadSigningKeys } from './data-access/signing-key-client';
import { createUserDirectory } from './data-access/user-client';
import { createActivityFeed } from './domain/activity';
import type { SessionDeps } from './domain/use-cases/sessions';
import { authGrpcService } from './entry-points/grpc/auth-grpc-service';
import { authRoutes } from './entry-points/rest/auth-routes';

void runShopService({
  config: loadAuthConfig(),
  tracing,
  async build({ config, logger }) {
    const store = await openAuthStore(config.REDIS_URL, keyPrefixOf(config));
    const dapr = createDaprClient({ daprHost: config.HOST, daprGrpcPort: config.DAPR_GRPC_PORT, logger });
    await waitForSidecar(config.DAPR_HTTP_PORT, 30_000, config.HOST);
    // Fail fast: without its keys auth cannot do anything useful.
    const keys = await loadSigningKeys(dapr, config.SECRET_STORE, config.SIGNING_KEYS_SECRET);
    const tokens = await createTokenKit(keys, logger, config.DAPR_GRPC_PORT);
    const users = createUserDirectory({
      appId: config.USER_APP_ID,
      daprGrpcPort: config.DAPR_GRPC_PORT,
      host: config.HOST,
    });
    const activity = createActivityFeed();
    const sessions: SessionDeps = {
      users,
      store: createSessionStore(store.redis),
      limiter: createLoginLimiter(store.redis, {
        windowSeconds: config.LOGIN_WINDOW_SECONDS,
        maxPerAccountIp: config.LOGIN_MAX_FAILURES_PER_ACCOUNT_IP,
        maxPerIp: config.LOGIN_MAX_FAILURES_PER_IP,
      }),
      tokens,
      events: createEventSink(dapr, config.PUBSUB_NAME, logger),
      activity,
      logger,
      refreshTtlSeconds: config.REFRESH_TTL_SECONDS,
      loginQueueMs: config.LOGIN_QUEUE_MS,
    };
    logger.info('signing keys loaded', { kids: tokens.jwks.keys.length });
    return {
      resources: [store, { name: 'dapr-client', stop: () => dapr.stop() }, users, tokens.authenticator],
      checks: { redis: () => store.ping() },
      grpcServices: [authGrpcService({ sessions, activity, authenticator: tokens.authenticator, jwks: tokens.jwks })],
      // Auth's own checks read Redis, the source of truth; it needs no revocation feed itself.
      appCallback: { subscriptions: [createProbeSubscription(logger)], dedupe: store.dedupe },
      routes: authRoutes({
        sessions,
        authenticator: tokens.authenticator,
        jwks: tokens.jwks,
        trustProxy: config.TRUST_PROXY,
      }),
      bodyLimit: '16kb',
    };
  },
});
