// What the console's pages need from the outside world. data-access/ implements these; tests
// and the fake Dapr stand in for them without touching domain code.
import type { HistoryEvent, InstanceDetail, InstanceSummary } from './workflows';

/** Where one app and its sidecar answer (loopback ports locally, Service names in Kubernetes). */
export interface AppTarget {
  readonly name: string;
  readonly appId: string;
  readonly restUrl: string;
  readonly daprHttpUrl: string;
  readonly daprGrpcAddress: string;
  readonly daprMetricsUrl: string;
  readonly ports?: Readonly<Record<string, number>> | undefined;
}

export interface ControlPlaneTarget {
  readonly name: 'placement' | 'scheduler';
  readonly healthzUrl: string;
  readonly metricsUrl: string;
  readonly address: string;
}

export type Probe = { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly error: string };

/** The sidecar's GET /v1.0/metadata, loosely typed: a newer daprd may add fields. */
export type SidecarMetadata = Readonly<Record<string, unknown>> & {
  readonly id?: string;
  readonly runtimeVersion?: string;
  readonly components?: ReadonlyArray<Readonly<Record<string, unknown>>>;
  readonly subscriptions?: ReadonlyArray<Readonly<Record<string, unknown>>>;
  readonly httpEndpoints?: ReadonlyArray<Readonly<Record<string, unknown>>>;
  readonly actorRuntime?: Readonly<Record<string, unknown>>;
  readonly workflows?: Readonly<Record<string, unknown>>;
  readonly scheduler?: Readonly<Record<string, unknown>>;
  readonly extended?: Readonly<Record<string, unknown>>;
  readonly enabledFeatures?: readonly string[];
};

export interface Sidecars {
  probe(url: string): Promise<Probe>;
  metadata(target: AppTarget): Promise<SidecarMetadata>;
  /** The app's /readyz report (its own dependency checks). */
  readiness(target: AppTarget): Promise<{ readonly ready: boolean; readonly checks: Record<string, string> }>;
}

export interface WorkflowApi {
  listInstanceIds(target: AppTarget): Promise<string[]>;
  getInstance(target: AppTarget, instanceId: string, withPayloads: boolean): Promise<InstanceDetail | undefined>;
  history(target: AppTarget, instanceId: string): Promise<HistoryEvent[]>;
  raiseEvent(target: AppTarget, instanceId: string, name: string, input: string | undefined): Promise<void>;
  suspend(target: AppTarget, instanceId: string, reason: string): Promise<void>;
  resume(target: AppTarget, instanceId: string, reason: string): Promise<void>;
  terminate(target: AppTarget, instanceId: string, reason: string): Promise<void>;
  purge(target: AppTarget, instanceId: string): Promise<number>;
  rerun(target: AppTarget, instanceId: string, fromEventId: number): Promise<string>;
  close(): void;
}

export interface OrderRecord {
  readonly id: string;
  readonly status: string;
  readonly total: number;
  readonly currency: string;
  readonly cancellationReason?: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly payment?: unknown;
  readonly items: ReadonlyArray<{ productId: string; name: string; quantity: number; unitPrice: number }>;
  readonly history: ReadonlyArray<{ seq: number; type: string; at: Date; data: unknown }>;
}

export interface Orders {
  readonly configured: boolean;
  get(orderId: string): Promise<OrderRecord | undefined>;
  close(): Promise<void>;
}

export interface LogLine {
  readonly process: string;
  readonly at?: string | undefined;
  readonly level: string;
  readonly message: string;
  readonly traceId?: string | undefined;
  readonly raw: string;
}

export interface LogSource {
  readonly configured: boolean;
  processes(): Promise<string[]>;
  /** The last `limit` lines of a process that pass `keep`, oldest first; `after` is a byte offset. */
  tail(process: string, options: { limit: number; after?: number }): Promise<{ lines: LogLine[]; offset: number }>;
  /** Lines of every process containing any of `needles` (one bounded scan from the end of each file). */
  search(needles: string | readonly string[], limit: number): Promise<LogLine[]>;
}

export interface ResourceFile {
  readonly file: string;
  readonly kind: string;
  readonly name: string;
  readonly yaml: string;
  readonly scopes: readonly string[];
}

export interface Resources {
  readonly configured: boolean;
  list(): Promise<ResourceFile[]>;
}

export interface AuditRecord {
  readonly at: string;
  readonly action: string;
  readonly target: string;
  readonly reason: string;
  readonly outcome: 'ok' | 'failed';
  readonly detail?: string | undefined;
  readonly from: string;
}

export interface AuditLog {
  append(record: AuditRecord): Promise<void>;
  recent(limit: number): Promise<AuditRecord[]>;
}

export interface PaymentApprover {
  readonly configured: boolean;
  /** Sends the provider's signed confirmation to the order service (what a provider's webhook does). */
  confirm(orderId: string, paymentId: string, outcome: 'approved' | 'declined'): Promise<void>;
}

export interface Scraper {
  scrape(url: string): Promise<string>;
}

/** A process of the stack: its pid locally, its pod name(s) in the cluster. */
export interface ProcessInfo {
  readonly id: string;
  readonly restarts?: number | undefined;
}

export interface ProcessTable {
  /** Process name (`order`, `daprd-order`, `placement`...) -> where it runs. */
  processes(): Promise<Record<string, ProcessInfo>>;
}

export type { InstanceSummary };
