import { randomUUID } from 'node:crypto';
import { DaprWorkflowClient, LogLevel, WorkflowRuntimeStatus } from '@dapr/dapr';
import { host } from '@shop/topology';
import { eventually, logLines, ports, PROFILE } from '../support/shop';

const WORKFLOW = 'platformProbeWorkflow';

describe('Dapr workflows in the order service', () => {
  const client = new DaprWorkflowClient({
    daprHost: host,
    daprPort: String(ports('order').daprGrpcPort),
    logger: { level: LogLevel.Warn },
  });
  afterAll(() => client.stop());

  test('When the probe workflow runs, then both activities run and it completes with their results', async () => {
    const probeId = randomUUID();
    const id = await client.scheduleNewWorkflow(WORKFLOW, { probeId, pauseSeconds: 0 }, `probe-${probeId}`);
    const state = await client.waitForWorkflowCompletion(id, true, 60);
    expect(state?.runtimeStatus).toBe(WorkflowRuntimeStatus.COMPLETED);
    expect(JSON.parse(state!.serializedOutput!)).toEqual({ first: `one:${probeId}`, second: `two:one:${probeId}` });
  });

  test('When the order service restarts mid-run, then the workflow resumes and completes', async () => {
    const { restartApp } = await import('../../scripts/lib/stack.mjs');
    const probeId = randomUUID();
    const id = await client.scheduleNewWorkflow(WORKFLOW, { probeId, pauseSeconds: 6 }, `probe-${probeId}`);
    // Wait until step one is done and the durable timer is pending, then kill the app hard.
    await eventually(
      async () => (await client.getWorkflowState(id, true))?.customStatus?.includes('step-one-done'),
      30_000,
    );
    await restartApp(PROFILE, 'order', { signal: 'SIGKILL' });
    const state = await client.waitForWorkflowCompletion(id, true, 90);
    expect(state?.runtimeStatus).toBe(WorkflowRuntimeStatus.COMPLETED);
    expect(JSON.parse(state!.serializedOutput!)).toEqual({ first: `one:${probeId}`, second: `two:one:${probeId}` });
    expect(
      logLines('order').some((l) => l.message === 'probe workflow step two' && l.previous === `one:${probeId}`),
    ).toBe(true);
  });
});
