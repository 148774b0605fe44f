import type { Logger } from '@shop/service-kit';
import type { InstanceIndex } from '../domain/instance-index';
import type { ActionName } from '../domain/actions';
import type { MetricsHistory } from '../domain/metrics-history';
import type {
  AppTarget,
  AuditLog,
  ControlPlaneTarget,
  LogSource,
  Orders,
  PaymentApprover,
  ProcessTable,
  Resources,
  Sidecars,
  WorkflowApi,
} from '../domain/ports';

/** Everything the pages and actions use; main.ts wires the real parts, tests the fakes. */
export interface ConsoleDeps {
  readonly logger: Logger;
  readonly targets: readonly AppTarget[];
  readonly controlPlane: readonly ControlPlaneTarget[];
  readonly workflowApps: readonly string[];
  readonly sidecars: Sidecars;
  readonly workflows: WorkflowApi;
  readonly index: InstanceIndex;
  readonly orders: Orders;
  readonly logs: LogSource;
  readonly resources: Resources;
  readonly audit: AuditLog;
  readonly approver: PaymentApprover;
  readonly pids: ProcessTable;
  readonly metrics: MetricsHistory;
  readonly actionsEnabled: boolean;
  /** The actions this console may run (all of them unless configured otherwise). */
  readonly allowedActions?: ReadonlySet<ActionName> | undefined;
  /** The action token; actions are refused when there is none. */
  readonly token: string | undefined;
  readonly traceUiUrl?: string | undefined;
}
