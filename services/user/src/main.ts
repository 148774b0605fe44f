import { tracing } from './instrument'; // keep first
import { createProbeSubscription, runShopService } from '@shop/service-kit';
import { openPostgres } from '@shop/postgres';
import { loadUserConfig } from './config';

void runShopService({
  config: loadUserConfig(),
  tracing,
  async build({ config, logger }) {
    const store = openPostgres(config.DATABASE_URL, config.SERVICE_NAME);
    await store.ping();
    return {
      resources: [store],
      checks: { postgres: () => store.ping() },
      appCallback: { subscriptions: [createProbeSubscription(logger)], dedupe: store.dedupe },
    };
  },
});
