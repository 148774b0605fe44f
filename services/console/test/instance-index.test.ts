import { createInstanceIndex } from '../src/domain/instance-index';
import type { AppTarget, WorkflowApi } from '../src/domain/ports';
import type { InstanceDetail, WorkflowStatus } from '../src/domain/workflows';

const target: AppTarget = {
  name: 'order',
  appId: 'order',
  restUrl: 'http://x',
  daprHttpUrl: 'http://x',
  daprGrpcAddress: 'x:1',
  daprMetricsUrl: 'http://x',
};

/** An in-memory stand-in for the sidecar's workflow API that counts what it was asked. */
function fakeApi(states: Map<string, WorkflowStatus>) {
  const reads: string[] = [];
  let listFails = false;
  const api = {
    listInstanceIds: async () => {
      if (listFails) throw new Error('connect ECONNREFUSED');
      return [...states.keys()];
    },
    getInstance: async (_t: AppTarget, id: string): Promise<InstanceDetail | undefined> => {
      reads.push(id);
      const status = states.get(id);
      return status ? { app: 'order', instanceId: id, name: 'checkoutWorkflow', status } : undefined;
    },
  } as unknown as WorkflowApi;
  return { api, reads, failListing: (v: boolean) => (listFails = v) };
}

describe('the workflow instance index', () => {
  test('When the index refreshes, then finished instances are read once and running ones only after the running interval', async () => {
    const states = new Map<string, WorkflowStatus>([
      ['checkout-a', 'COMPLETED'],
      ['checkout-b', 'RUNNING'],
    ]);
    const f = fakeApi(states);
    const index = createInstanceIndex({ api: f.api, targets: [target], runningRefreshMs: 60_000 });
    await index.refresh();
    await index.refresh();
    expect(f.reads.sort()).toEqual(['checkout-a', 'checkout-b']);
    const soon = createInstanceIndex({ api: f.api, targets: [target], runningRefreshMs: 0 });
    f.reads.length = 0;
    await soon.refresh();
    await soon.refresh();
    expect(f.reads.sort()).toEqual(['checkout-a', 'checkout-b', 'checkout-b']);
  });

  test('When an instance is purged or the listing fails, then it leaves the index, and a failure keeps what was known with the error', async () => {
    const states = new Map<string, WorkflowStatus>([
      ['checkout-a', 'COMPLETED'],
      ['checkout-b', 'TERMINATED'],
    ]);
    const f = fakeApi(states);
    const index = createInstanceIndex({ api: f.api, targets: [target] });
    await index.refresh();
    states.delete('checkout-b');
    await index.refresh();
    expect([...index.all()].map((i) => i.instanceId)).toEqual(['checkout-a']);
    f.failListing(true);
    await index.refresh();
    expect([...index.all()]).toHaveLength(1);
    expect(index.state().errors).toEqual({ order: 'connect ECONNREFUSED' });
    f.failListing(false);
    await index.refresh();
    expect(index.state().errors).toEqual({});
  });
});
