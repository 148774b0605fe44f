// Builds the console exactly as main.ts does, but against the FAKE Dapr and temp files.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { createHealthRouter, createLogger, createMetrics } from '@shop/service-kit';
import { createAuditFile } from '../../src/data-access/audit-file';
import { createHttpSidecars } from '../../src/data-access/http';
import { createLogFiles } from '../../src/data-access/log-files';
import { createResourcesDir } from '../../src/data-access/resources-dir';
import { createWorkflowGrpc } from '../../src/data-access/workflow-grpc';
import { createInstanceIndex } from '../../src/domain/instance-index';
import { createMetricsHistory } from '../../src/domain/metrics-history';
import type { ActionName } from '../../src/domain/actions';
import type { AppTarget, PaymentApprover } from '../../src/domain/ports';
import { createConsoleApp } from '../../src/entry-points/app';
import type { ConsoleDeps } from '../../src/entry-points/deps';

export const TOKEN = 'test-token-0123456789abcdefghij';

export interface TestConsole {
  readonly app: Express;
  readonly deps: ConsoleDeps;
  readonly dir: string;
  readonly approvals: Array<{ orderId: string; paymentId: string; outcome: string }>;
  close(): void;
}

export async function buildConsole(options: {
  allowedActions?: ReadonlySet<ActionName>;
  targets: AppTarget[];
  workflowApps?: string[];
  actions?: boolean;
  logs?: Record<string, string[]>;
}): Promise<TestConsole> {
  const dir = mkdtempSync(join(tmpdir(), 'console-test-'));
  const logDir = join(dir, 'logs');
  mkdirSync(logDir);
  for (const [p, lines] of Object.entries(options.logs ?? {}))
    writeFileSync(join(logDir, `${p}.log`), lines.map((l) => `${l}\n`).join(''));
  mkdirSync(join(dir, 'resources'));
  writeFileSync(
    join(dir, 'resources', 'workflowstore.yaml'),
    'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: workflowstore\nspec:\n  type: state.postgresql\n  version: v2\n  metadata:\n    - name: connectionString\n      value: "host=127.0.0.1 user=postgres password=hunter2 dbname=shop_dapr"\n    - name: actorStateStore\n      value: "true"\nscopes:\n  - order\n',
  );
  const logger = createLogger('console', 'error');
  const sidecars = createHttpSidecars();
  const workflows = createWorkflowGrpc();
  const workflowApps = options.workflowApps ?? ['order'];
  const index = createInstanceIndex({
    api: workflows,
    targets: options.targets.filter((t) => workflowApps.includes(t.name)),
  });
  await index.refresh();
  const approvals: TestConsole['approvals'] = [];
  const approver: PaymentApprover = {
    configured: true,
    confirm: async (orderId, paymentId, outcome) => void approvals.push({ orderId, paymentId, outcome }),
  };
  const metrics = createMetricsHistory({
    scraper: sidecars,
    targets: options.targets.map((t) => ({ process: t.name, url: `${t.restUrl}/metrics` })),
  });
  await metrics.sampleOnce();
  await metrics.sampleOnce();
  const deps: ConsoleDeps = {
    logger,
    targets: options.targets,
    controlPlane: [
      {
        name: 'placement',
        healthzUrl: 'http://127.0.0.1:1/healthz',
        metricsUrl: 'http://127.0.0.1:1/metrics',
        address: '127.0.0.1:1',
      },
    ],
    workflowApps,
    sidecars,
    workflows,
    index,
    orders: { configured: false, get: async () => undefined, close: async () => undefined },
    logs: createLogFiles(logDir),
    resources: createResourcesDir([join(dir, 'resources')]),
    audit: createAuditFile(join(dir, 'audit.log'), () => undefined),
    approver,
    pids: { processes: async () => ({ order: { id: '4242' }, 'daprd-order': { id: '4243' } }) },
    metrics,
    actionsEnabled: options.actions ?? true,
    allowedActions: options.allowedActions,
    token: TOKEN,
  };
  const app = createConsoleApp({ deps, metrics: createMetrics('console'), health: createHealthRouter({}) });
  return { app, deps, dir, approvals, close: () => workflows.close() };
}
