// What the console knows about a workflow instance, independent of how it was fetched.

export const WORKFLOW_STATUSES = [
  'RUNNING',
  'PENDING',
  'SUSPENDED',
  'STALLED',
  'COMPLETED',
  'FAILED',
  'TERMINATED',
  'CANCELED',
  'CONTINUED_AS_NEW',
] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

export const TERMINAL_STATUSES: ReadonlySet<WorkflowStatus> = new Set([
  'COMPLETED',
  'FAILED',
  'TERMINATED',
  'CANCELED',
]);

export interface FailureDetails {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly stackTrace?: string | undefined;
}

export interface InstanceSummary {
  readonly app: string;
  readonly instanceId: string;
  readonly name: string;
  readonly status: WorkflowStatus;
  readonly createdAt?: Date | undefined;
  readonly lastUpdatedAt?: Date | undefined;
  readonly customStatus?: string | undefined;
  /** The shop's instance ids carry the order id (`checkout-<orderId>`, `cancellation-<orderId>`). */
  readonly orderId?: string | undefined;
}

export interface InstanceDetail extends InstanceSummary {
  readonly input?: string | undefined;
  readonly output?: string | undefined;
  readonly completedAt?: Date | undefined;
  readonly failure?: FailureDetails | undefined;
}

export type HistoryKind =
  | 'executionStarted'
  | 'executionCompleted'
  | 'executionTerminated'
  | 'taskScheduled'
  | 'taskCompleted'
  | 'taskFailed'
  | 'childWorkflowInstanceCreated'
  | 'timerCreated'
  | 'timerFired'
  | 'workflowStarted'
  | 'workflowCompleted'
  | 'eventSent'
  | 'eventRaised'
  | 'executionSuspended'
  | 'executionResumed'
  | 'executionStalled'
  | 'other';

/** One history event, flattened: `ref` is the scheduling event a completion or firing answers. */
export interface HistoryEvent {
  readonly eventId: number;
  readonly at?: Date | undefined;
  readonly kind: HistoryKind;
  /** Activity, timer, event or workflow name where the event has one. */
  readonly name?: string | undefined;
  readonly ref?: number | undefined;
  readonly payload?: string | undefined;
  readonly fireAt?: Date | undefined;
  readonly failure?: FailureDetails | undefined;
}

const ORDER_ID = /^(?:checkout|cancellation)-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function orderIdOf(instanceId: string): string | undefined {
  return ORDER_ID.exec(instanceId)?.[1]?.toLowerCase();
}

export interface InstanceFilter {
  readonly status?: WorkflowStatus | undefined;
  readonly name?: string | undefined;
  /** Only instances created at least this long ago / at most this long ago (ms). */
  readonly olderThanMs?: number | undefined;
  readonly newerThanMs?: number | undefined;
  /** Matches the order id or any part of the instance id. */
  readonly search?: string | undefined;
  readonly page: number;
  readonly pageSize: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** Newest first; the filter runs over the in-memory index, so a page costs no sidecar call. */
export function filterInstances(all: Iterable<InstanceSummary>, f: InstanceFilter, now: number): Page<InstanceSummary> {
  const needle = f.search?.trim().toLowerCase();
  const matched: InstanceSummary[] = [];
  for (const i of all) {
    if (f.status && i.status !== f.status) continue;
    if (f.name && i.name !== f.name) continue;
    const age = i.createdAt ? now - i.createdAt.getTime() : undefined;
    if (f.olderThanMs !== undefined && (age === undefined || age < f.olderThanMs)) continue;
    if (f.newerThanMs !== undefined && (age === undefined || age > f.newerThanMs)) continue;
    if (needle && !i.instanceId.toLowerCase().includes(needle) && i.orderId !== needle) continue;
    matched.push(i);
  }
  matched.sort(
    (a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0) || a.instanceId.localeCompare(b.instanceId),
  );
  const start = (f.page - 1) * f.pageSize;
  return { items: matched.slice(start, start + f.pageSize), total: matched.length, page: f.page, pageSize: f.pageSize };
}

export function countByStatus(all: Iterable<InstanceSummary>): Record<WorkflowStatus, number> {
  const counts = Object.fromEntries(WORKFLOW_STATUSES.map((s) => [s, 0])) as Record<WorkflowStatus, number>;
  for (const i of all) counts[i.status] += 1;
  return counts;
}
