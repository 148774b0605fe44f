// A FAKE Dapr for the console's tests: one HTTP server per fake app (the app's /healthz,
// /readyz, /metrics and the sidecar's /v1.0/healthz, /v1.0/metadata, /metrics) and one gRPC
// server with the subset of TaskHubSidecarService the console calls, holding canned
// workflow instances in every status (and one 1,000-event history). No real daprd here:
// the e2e suite drives the console against real sidecars.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { durabletaskContract } from '@shop/contracts';
import type { AppTarget } from '../../src/domain/ports';

type Wire = Record<string, unknown>;
const ts = (d: Date) => ({ seconds: Math.floor(d.getTime() / 1000), nanos: 0 });
const sv = (value: string) => ({ value });

export interface FakeInstance {
  instanceId: string;
  name: string;
  status: string;
  customStatus?: string;
  createdAt: Date;
  input?: string;
  output?: string;
  failure?: { errorType: string; errorMessage: string };
  history: Wire[];
}

export const ORDER_3DS = '11111111-2222-4333-8444-555555555555';

function historyOf(kind: 'short' | '3ds' | 'long', at: Date): Wire[] {
  const e = (eventId: number, body: Wire) => ({
    eventId,
    timestamp: ts(new Date(at.getTime() + eventId * 10)),
    ...body,
  });
  const base = [
    e(-1, { workflowStarted: {} }),
    e(-1, { executionStarted: { name: 'checkoutWorkflow', input: sv('{"orderId":"x"}') } }),
  ];
  if (kind === 'short')
    return [
      ...base,
      e(0, { taskScheduled: { name: 'reserveStock' } }),
      e(-1, { taskCompleted: { taskScheduledId: 0, result: sv('{"ok":true}') } }),
    ];
  if (kind === '3ds')
    return [
      ...base,
      e(0, { taskScheduled: { name: 'reserveStock' } }),
      e(-1, { taskCompleted: { taskScheduledId: 0, result: sv('{"ok":true}') } }),
      e(1, { taskScheduled: { name: 'authorizePayment' } }),
      e(-1, {
        taskCompleted: {
          taskScheduledId: 1,
          result: sv('{"ok":true,"paymentId":"sim_pay_1","status":"requires_confirmation"}'),
        },
      }),
      e(2, { timerCreated: { fireAt: ts(new Date(Date.now() + 600_000)) } }),
    ];
  const events: Wire[] = [...base];
  for (let i = 0; events.length < 1000; i += 1) {
    events.push(e(i, { taskScheduled: { name: `step${i % 7}`, input: sv(`{"i":${i}}`) } }));
    events.push(
      e(
        -1,
        i % 11 === 0
          ? { taskFailed: { taskScheduledId: i, failureDetails: { errorType: 'Error', errorMessage: `boom ${i}` } } }
          : { taskCompleted: { taskScheduledId: i, result: sv('{"ok":true}') } },
      ),
    );
  }
  return events.slice(0, 1000);
}

/** Canned instances: one per status, a 3-D Secure checkout waiting, a 1,000-event one, and `extra` fillers. */
export function cannedInstances(extra = 0): FakeInstance[] {
  const now = Date.now();
  const list: FakeInstance[] = [];
  const statuses = [
    'RUNNING',
    'PENDING',
    'SUSPENDED',
    'STALLED',
    'COMPLETED',
    'FAILED',
    'TERMINATED',
    'CANCELED',
    'CONTINUED_AS_NEW',
  ];
  statuses.forEach((status, i) => {
    const orderId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const createdAt = new Date(now - (i + 1) * 3_600_000);
    list.push({
      instanceId: `checkout-${orderId}`,
      name: 'checkoutWorkflow',
      status,
      createdAt,
      customStatus: 'stock-reserved',
      input: JSON.stringify({ orderId, paymentToken: 'tok_visa' }),
      ...(status === 'COMPLETED' ? { output: '{"status":"CONFIRMED"}' } : {}),
      ...(status === 'FAILED'
        ? { failure: { errorType: 'ActivityFailed', errorMessage: 'capture kept failing' } }
        : {}),
      history: historyOf('short', createdAt),
    });
  });
  const waiting = new Date(now - 60_000);
  list.push({
    instanceId: `checkout-${ORDER_3DS}`,
    name: 'checkoutWorkflow',
    status: 'RUNNING',
    customStatus: 'awaiting-payment-confirmation',
    createdAt: waiting,
    input: JSON.stringify({ orderId: ORDER_3DS, paymentToken: 'tok_3ds' }),
    history: historyOf('3ds', waiting),
  });
  list.push({
    instanceId: 'long-history-1',
    name: 'cancellationWorkflow',
    status: 'RUNNING',
    createdAt: new Date(now - 120_000),
    history: historyOf('long', new Date(now - 120_000)),
  });
  for (let i = 0; i < extra; i += 1) {
    const orderId = `99999999-0000-4000-8000-${String(i).padStart(12, '0')}`;
    list.push({
      instanceId: `checkout-${orderId}`,
      name: 'checkoutWorkflow',
      status: i % 3 === 0 ? 'RUNNING' : 'COMPLETED',
      createdAt: new Date(now - i * 1000),
      history: historyOf('short', new Date(now - i * 1000)),
    });
  }
  return list;
}

export interface FakeDapr {
  readonly target: AppTarget;
  readonly instances: Map<string, FakeInstance>;
  readonly calls: Array<{ method: string; request: Wire }>;
  close(): Promise<void>;
}

const state = (i: FakeInstance): Wire => ({
  instanceId: i.instanceId,
  name: i.name,
  workflowStatus: `ORCHESTRATION_STATUS_${i.status}`,
  createdTimestamp: ts(i.createdAt),
  lastUpdatedTimestamp: ts(i.createdAt),
  ...(i.customStatus ? { customStatus: sv(i.customStatus) } : {}),
  ...(i.input ? { input: sv(i.input) } : {}),
  ...(i.output ? { output: sv(i.output) } : {}),
  ...(i.failure ? { failureDetails: i.failure } : {}),
});

function grpcHandlers(f: {
  instances: Map<string, FakeInstance>;
  calls: FakeDapr['calls'];
}): grpc.UntypedServiceImplementation {
  const unary =
    (method: string, answer: (req: Wire) => Wire | grpc.ServiceError) =>
    (call: grpc.ServerUnaryCall<Wire, Wire>, cb: grpc.sendUnaryData<Wire>) => {
      f.calls.push({ method, request: call.request });
      const out = answer(call.request);
      if (out instanceof Error) cb(out);
      else cb(null, out);
    };
  const notFound = (id: unknown) =>
    Object.assign(new Error(`no such instance: ${String(id)}`), { code: grpc.status.NOT_FOUND }) as grpc.ServiceError;
  const get = (id: unknown) => f.instances.get(String(id));
  const set = (id: unknown, status: string) => {
    const i = get(id);
    if (!i) return notFound(id);
    i.status = status;
    return {};
  };
  return {
    ListInstanceIDs: unary('ListInstanceIDs', (req) => {
      const ids = [...f.instances.keys()];
      const from = Number(req['continuationToken'] ?? 0);
      const size = Number(req['pageSize'] ?? 100);
      const next = from + size < ids.length ? String(from + size) : undefined;
      return { instanceIds: ids.slice(from, from + size), ...(next ? { continuationToken: next } : {}) };
    }),
    GetInstance: unary('GetInstance', (req) => {
      const i = get(req['instanceId']);
      return i ? { exists: true, workflowState: state(i) } : { exists: false };
    }),
    GetInstanceHistory: unary('GetInstanceHistory', (req) =>
      get(req['instanceId'])?.history ? { events: get(req['instanceId'])!.history } : notFound(req['instanceId']),
    ),
    RaiseEvent: unary('RaiseEvent', (req) => (get(req['instanceId']) ? {} : notFound(req['instanceId']))),
    SuspendInstance: unary('SuspendInstance', (req) => set(req['instanceId'], 'SUSPENDED')),
    ResumeInstance: unary('ResumeInstance', (req) => set(req['instanceId'], 'RUNNING')),
    TerminateInstance: unary('TerminateInstance', (req) => set(req['instanceId'], 'TERMINATED')),
    PurgeInstances: unary('PurgeInstances', (req) => {
      const i = get(req['instanceId']);
      if (!i || !['COMPLETED', 'FAILED', 'TERMINATED'].includes(i.status)) return { deletedInstanceCount: 0 };
      f.instances.delete(i.instanceId);
      return { deletedInstanceCount: 1 };
    }),
    RerunWorkflowFromEvent: unary('RerunWorkflowFromEvent', (req) =>
      get(req['sourceInstanceID']) ? { newInstanceID: 'rerun-1' } : notFound(req['sourceInstanceID']),
    ),
  };
}

export const FAKE_METADATA = {
  id: 'order',
  runtimeVersion: '1.18.2-fake',
  enabledFeatures: ['SchedulerReminders'],
  components: [
    { name: 'workflowstore', type: 'state.postgresql', version: 'v2', capabilities: ['ETAG', 'ACTOR'] },
    { name: 'pubsub', type: 'pubsub.redis', version: 'v1' },
  ],
  subscriptions: [
    {
      pubsubname: 'pubsub',
      topic: 'product.price-changed',
      deadLetterTopic: 'deadletters',
      rules: [{ path: '/events' }],
      type: 'PROGRAMMATIC',
    },
  ],
  httpEndpoints: [{ name: 'payment-provider' }],
  actorRuntime: {
    runtimeStatus: 'RUNNING',
    activeActors: [{ type: 'dapr.internal.default.order.workflow', count: 3 }],
    hostReady: true,
    placement: 'placement: connected',
  },
  workflows: { connectedWorkers: 1 },
  scheduler: { connected_addresses: ['127.0.0.1:6060'] },
  resiliencies: [{ name: 'shop-resiliency' }],
  appConnectionProperties: { port: 6003, protocol: 'grpc', channelAddress: '127.0.0.1' },
};

const METRICS = `# TYPE http_server_requests_total counter
http_server_requests_total{method="GET",route="/v1/orders",status="200"} 10
http_server_requests_total{method="GET",route="/v1/orders",status="503"} 1
http_server_request_duration_seconds_sum 0.5
http_server_request_duration_seconds_count 11
shop_checkouts_total{outcome="confirmed",reason=""} 4
`;

/** Starts a fake app + sidecar (HTTP) and its workflow API (gRPC) on loopback. */
export async function startFakeDapr(options: { name?: string; instances?: FakeInstance[] } = {}): Promise<FakeDapr> {
  const name = options.name ?? 'order';
  const instances = new Map((options.instances ?? cannedInstances()).map((i) => [i.instanceId, i]));
  const calls: FakeDapr['calls'] = [];
  const http: Server = createServer((req, res) => {
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/healthz' || req.url === '/v1.0/healthz' || req.url === '/v1.0/healthz/outbound')
      return res.writeHead(204).end();
    if (req.url === '/readyz')
      return json(200, { status: 'ready', checks: { 'dapr-sidecar': 'up', postgresql: 'up' } });
    if (req.url === '/v1.0/metadata') return json(200, { ...FAKE_METADATA, id: name });
    if (req.url === '/metrics' || req.url === '/sidecar-metrics')
      return res.writeHead(200, { 'content-type': 'text/plain' }).end(METRICS);
    json(404, { error: 'not found' });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const httpPort = (http.address() as AddressInfo).port;
  const server = new grpc.Server();
  server.addService(durabletaskContract.definition(), grpcHandlers({ instances, calls }));
  const grpcPort = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) =>
      err ? reject(err) : resolve(port),
    ),
  );
  const base = `http://127.0.0.1:${httpPort}`;
  return {
    target: {
      name,
      appId: name,
      restUrl: base,
      daprHttpUrl: base,
      daprGrpcAddress: `127.0.0.1:${grpcPort}`,
      daprMetricsUrl: `${base}/sidecar-metrics`,
      ports: { restPort: httpPort, daprGrpcPort: grpcPort },
    },
    instances,
    calls,
    async close() {
      await new Promise<void>((r) => server.tryShutdown(() => r()));
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}

/** A target whose every port refuses connections: what a dead sidecar looks like. */
export function deadTarget(name = 'product'): AppTarget {
  return {
    name,
    appId: name,
    restUrl: 'http://127.0.0.1:1',
    daprHttpUrl: 'http://127.0.0.1:1',
    daprGrpcAddress: '127.0.0.1:1',
    daprMetricsUrl: 'http://127.0.0.1:1/metrics',
  };
}
