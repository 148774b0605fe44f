import { tracing } from './instrument'; // keep first
import { createProbeSubscription, runShopService } from '@shop/service-kit';
import { loadAuthConfig } from './config';
import { openAuthStore } from './data-access/redis';

void runShopService({
  config: loadAuthConfig(),
  tracing,
  async build({ config, logger }) {
    const store = await openAuthStore(config.REDIS_URL);
    return {
      resources: [store],
      checks: { redis: () => store.ping() },
      appCallback: { subscriptions: [createProbeSubscription(logger)], dedupe: store.dedupe },
    };
  },
});
