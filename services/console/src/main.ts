import { tracing } from './instrument'; // keep first
import { createHealthRouter, createLogger, createMetrics, listen, runService } from '@shop/service-kit';
import { periodic } from '@shop/service-kit/periodic';
import { loadConsoleConfigOrExit } from './config';
import { createAuditFile } from './data-access/audit-file';
import { createHttpSidecars, createPidsFile } from './data-access/http';
import { createKubeLogs, createKubeProcesses, inClusterKube } from './data-access/kube';
import { createLogFiles } from './data-access/log-files';
import { createOrderDb } from './data-access/order-db';
import { createPaymentWebhook } from './data-access/payment-webhook';
import { createResourcesDir } from './data-access/resources-dir';
import { createWorkflowGrpc } from './data-access/workflow-grpc';
import { createInstanceIndex } from './domain/instance-index';
import { createMetricsHistory } from './domain/metrics-history';
import { createConsoleApp } from './entry-points/app';

const config = loadConsoleConfigOrExit();
const logger = createLogger(config.SERVICE_NAME, config.LOG_LEVEL);
const metrics = createMetrics(config.SERVICE_NAME);
// Ready means the console can serve its pages; the shop being down is what it shows, so no
// app or sidecar is a readiness check of its own.
const health = createHealthRouter({});

void runService({
  logger,
  health,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  async start() {
    const { apps, controlPlane, workflowApps } = config.CONSOLE_TARGETS;
    const sidecars = createHttpSidecars();
    const workflows = createWorkflowGrpc();
    const index = createInstanceIndex({
      api: workflows,
      targets: apps.filter((a) => workflowApps.includes(a.name)),
      onError: (app, err) => logger.debug('workflow listing failed', { app, err }),
    });
    const history = createMetricsHistory({
      scraper: sidecars,
      targets: [
        ...apps.flatMap((a) => [
          { process: a.name, url: `${a.restUrl}/metrics` },
          { process: `daprd-${a.name}`, url: a.daprMetricsUrl },
        ]),
        ...controlPlane.map((c) => ({ process: c.name, url: c.metricsUrl })),
      ],
    });
    const orders = createOrderDb(config.ORDER_DATABASE_URL);
    // In a pod the logs and restarts come from the Kubernetes API; locally from the runner's files.
    const kube = config.CONSOLE_KUBE_NAMESPACE ? inClusterKube(config.CONSOLE_KUBE_NAMESPACE) : undefined;
    const deps = {
      logger,
      targets: apps,
      controlPlane,
      workflowApps,
      sidecars,
      workflows,
      index,
      orders,
      logs: kube ? createKubeLogs(kube) : createLogFiles(config.CONSOLE_LOG_DIR),
      resources: createResourcesDir(config.CONSOLE_RESOURCES),
      audit: createAuditFile(config.CONSOLE_AUDIT_FILE, (r) => logger.info('audit', { ...r })),
      approver: createPaymentWebhook({ url: config.PAYMENT_WEBHOOK_URL, secret: config.PAYMENT_WEBHOOK_SECRET }),
      pids: kube ? createKubeProcesses(kube) : createPidsFile(config.CONSOLE_PIDS_FILE),
      metrics: history,
      actionsEnabled: config.CONSOLE_ACTIONS.size > 0,
      allowedActions: config.CONSOLE_ACTIONS,
      token: config.token,
      traceUiUrl: config.TRACE_UI_URL,
    };
    if (deps.actionsEnabled && !deps.token)
      logger.warn('actions are on but no token is configured: every action is refused');
    const loops = [
      periodic('workflow instance index', () => index.refresh(), {
        logger,
        metrics,
        intervalMs: config.INDEX_REFRESH_MS,
        firstDelayMs: 0,
      }),
      periodic('metrics history', () => history.sampleOnce(), {
        logger,
        metrics,
        intervalMs: config.METRICS_INTERVAL_MS,
        firstDelayMs: 0,
        ref: false,
      }),
    ];
    for (const loop of loops) loop.start();
    const app = createConsoleApp({
      deps,
      metrics,
      health,
      trustProxyHops: config.TRUST_PROXY_HOPS,
      secureCookies: config.TRUST_PROXY_HOPS > 0,
    });
    const rest = await listen(app, config.HOST, config.REST_PORT);
    logger.info('console up', { apps: apps.map((a) => a.name), actions: [...config.CONSOLE_ACTIONS] });
    return [
      { name: 'tracing', stop: () => tracing.shutdown() },
      { name: 'order database', stop: () => orders.close() },
      { name: 'workflow channels', stop: async () => workflows.close() },
      { name: 'background loops', stop: async () => void (await Promise.all(loops.map((loop) => loop.stop()))) },
      rest,
    ];
  },
});
