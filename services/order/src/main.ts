import { tracing } from './instrument'; // keep first
import { createProbeSubscription, runShopService, waitForSidecar } from '@shop/service-kit';
import { openPostgres } from '@shop/postgres';
import { loadOrderConfig } from './config';
import { startWorkflowWorker } from './entry-points/workflow-worker';

void runShopService({
  config: loadOrderConfig(),
  tracing,
  async build({ config, logger }) {
    const store = openPostgres(config.DATABASE_URL, config.SERVICE_NAME);
    await store.ping();
    // The workflow worker streams work items from the sidecar, so the sidecar must be up.
    await waitForSidecar(config.DAPR_HTTP_PORT, 60_000, config.HOST);
    const workflows = await startWorkflowWorker({ daprHost: config.HOST, daprGrpcPort: config.DAPR_GRPC_PORT, logger });
    return {
      // Stopped in reverse: the workflow worker first, then the pool.
      resources: [store, workflows],
      checks: { postgres: () => store.ping() },
      appCallback: { subscriptions: [createProbeSubscription(logger)], dedupe: store.dedupe },
    };
  },
});
