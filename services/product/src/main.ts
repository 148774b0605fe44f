import { tracing } from './instrument'; // keep first
import { createProbeSubscription, runShopService } from '@shop/service-kit';
import { loadProductConfig } from './config';
import { openProductStore } from './data-access/mongo';

void runShopService({
  config: loadProductConfig(),
  tracing,
  async build({ config, logger }) {
    const store = await openProductStore(config.MONGODB_URL);
    return {
      resources: [store],
      checks: { mongodb: () => store.ping() },
      appCallback: { subscriptions: [createProbeSubscription(logger)], dedupe: store.dedupe },
    };
  },
});
