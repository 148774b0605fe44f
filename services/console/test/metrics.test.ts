import { createMetricsHistory } from '../src/domain/metrics-history';
import { parsePrometheus, totalsOf } from '../src/domain/prometheus';

const DAPRD = (ok: number, failed: number, latencySum: number, latencyCount: number) => `# HELP x
dapr_grpc_io_server_completed_rpcs{app_id="order",grpc_server_method="/TaskHubSidecarService/GetInstance",grpc_server_status="OK"} ${ok}
dapr_grpc_io_server_completed_rpcs{app_id="order",grpc_server_method="/TaskHubSidecarService/RaiseEvent",grpc_server_status="NotFound"} ${failed}
dapr_http_server_request_count{app_id="order",method="GET",path="/v1.0/metadata",status="200"} 3
dapr_runtime_workflow_execution_latency_sum{app_id="order",workflow_name="checkoutWorkflow"} ${latencySum}
dapr_runtime_workflow_execution_latency_count{app_id="order",workflow_name="checkoutWorkflow"} ${latencyCount}
`;

// Generous: the machine is shared, and indexing 1,000 instances over gRPC is real work.
jest.setTimeout(30_000);

describe('metrics from Prometheus endpoints', () => {
  test('When a daprd and an app scrape are parsed, then requests, errors, latencies and checkout outcomes are summed', () => {
    const sidecar = totalsOf(parsePrometheus(DAPRD(10, 2, 500, 5)));
    expect(sidecar).toMatchObject({ requests: 15, errors: 2, workflowSum: 500, workflowCount: 5 });
    const app = totalsOf(
      parsePrometheus(
        'http_server_requests_total{method="GET",route="/x",status="200"} 4\nhttp_server_requests_total{method="GET",route="/x",status="503"} 1\nshop_checkouts_total{outcome="confirmed",reason=""} 2\nshop_checkouts_total{outcome="cancelled",reason="payment_declined"} 1\ngarbage line\n',
      ),
    );
    expect(app).toMatchObject({ requests: 5, errors: 1, checkouts: { confirmed: 2, cancelled: 1 } });
  });

  test('When two scrapes are taken, then the series has rates per second and mean latency; a dead endpoint is marked down', async () => {
    let round = 0;
    const scraper = {
      scrape: async (url: string) => {
        if (url.includes('dead')) throw new Error('connect ECONNREFUSED');
        round += 1;
        return round === 1 ? DAPRD(10, 0, 100, 1) : DAPRD(20, 1, 400, 3);
      },
    };
    const h = createMetricsHistory({
      scraper,
      targets: [
        { process: 'daprd-order', url: 'http://x' },
        { process: 'dead', url: 'http://dead' },
      ],
    });
    await h.sampleOnce();
    await new Promise((r) => setTimeout(r, 50));
    await h.sampleOnce();
    const [order, dead] = h.series();
    expect(order!.requestRate[0]).toBeGreaterThan(0);
    expect(order!.errorRate[0]).toBeGreaterThan(0);
    expect(order!.workflowMs[0]).toBe(150); // (400-100) ms over (3-1) executions
    expect(dead).toMatchObject({ up: false, error: 'connect ECONNREFUSED' });
  });
});
