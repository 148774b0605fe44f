// The Prometheus text format, just enough for small charts: samples with labels, summed.

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parsePrometheus(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m) continue;
    const value = Number(m[3]);
    if (!Number.isFinite(value)) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL)) labels[l[1]!] = l[2]!.replace(/\\(.)/g, '$1');
    out.push({ name: m[1]!, labels, value });
  }
  return out;
}

export function sum(
  samples: readonly Sample[],
  name: string,
  where: (labels: Readonly<Record<string, string>>) => boolean = () => true,
): number {
  let total = 0;
  for (const s of samples) if (s.name === name && where(s.labels)) total += s.value;
  return total;
}

/** Sum of every metric whose name matches, for the families whose names differ by version. */
export function sumMatching(
  samples: readonly Sample[],
  pattern: RegExp,
  where: (labels: Readonly<Record<string, string>>) => boolean = () => true,
): number {
  let total = 0;
  for (const s of samples) if (pattern.test(s.name) && where(s.labels)) total += s.value;
  return total;
}

/** The values the console charts for one scrape of one process. */
export interface Totals {
  readonly requests: number;
  readonly errors: number;
  readonly durationSum: number;
  readonly durationCount: number;
  readonly checkouts: Readonly<Record<string, number>>;
  readonly workflowSum: number;
  readonly workflowCount: number;
  readonly activitySum: number;
  readonly activityCount: number;
}

const isError = (l: Readonly<Record<string, string>>) =>
  /^5/.test(l['status'] ?? '') || (l['grpc_code'] !== undefined && l['grpc_code'] !== 'OK');

/**
 * Apps expose the kit's `http_server_*` and `grpc_server_*` families and the order service
 * `shop_checkouts_total{outcome}`; daprd exposes `dapr_http_server_*`, `dapr_grpc_io_server_*` and
 * `dapr_runtime_workflow_*`. Each process gets one set of totals; rates come from two scrapes.
 */
export function totalsOf(samples: readonly Sample[]): Totals {
  const checkouts: Record<string, number> = {};
  for (const s of samples) {
    if (s.name === 'shop_checkouts_total') {
      const outcome = s.labels['outcome'] ?? 'unknown';
      checkouts[outcome] = (checkouts[outcome] ?? 0) + s.value;
    }
  }
  // daprd's own: HTTP API requests by status, gRPC API calls by status (the console's own
  // workflow calls included, so a sidecar is never silent in the charts).
  const daprGrpcError = (l: Readonly<Record<string, string>>) => (l['grpc_server_status'] ?? 'OK') !== 'OK';
  return {
    requests:
      sum(samples, 'http_server_requests_total') +
      sum(samples, 'grpc_server_handled_total') +
      sum(samples, 'dapr_http_server_request_count') +
      sum(samples, 'dapr_grpc_io_server_completed_rpcs'),
    errors:
      sum(samples, 'http_server_requests_total', isError) +
      sum(samples, 'grpc_server_handled_total', isError) +
      sum(samples, 'dapr_http_server_request_count', (l) => /^5/.test(l['status'] ?? '')) +
      sum(samples, 'dapr_grpc_io_server_completed_rpcs', daprGrpcError),
    durationSum: sumMatching(samples, /^(http_server_request_duration_seconds|grpc_server_handling_seconds)_sum$/),
    durationCount: sumMatching(samples, /^(http_server_request_duration_seconds|grpc_server_handling_seconds)_count$/),
    checkouts,
    workflowSum: sumMatching(samples, /^dapr_runtime_workflow_execution_latency_sum$/),
    workflowCount: sumMatching(samples, /^dapr_runtime_workflow_execution_latency_count$/),
    activitySum: sumMatching(samples, /^dapr_runtime_workflow_activity_execution_latency_sum$/),
    activityCount: sumMatching(samples, /^dapr_runtime_workflow_activity_execution_latency_count$/),
  };
}
