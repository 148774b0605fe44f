import * as grpc from '@grpc/grpc-js';
import { durabletaskContract } from '@shop/contracts';
import type { AppTarget, WorkflowApi } from '../domain/ports';
import {
  orderIdOf,
  WORKFLOW_STATUSES,
  type FailureDetails,
  type HistoryEvent,
  type HistoryKind,
  type InstanceDetail,
  type WorkflowStatus,
} from '../domain/workflows';

type Wire = Record<string, unknown>;
type Unary = (
  req: Wire,
  meta: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (err: grpc.ServiceError | null, res: Wire) => void,
) => void;
type Client = grpc.Client & Record<string, Unary>;

const str = (v: unknown): string | undefined =>
  v && typeof v === 'object' && 'value' in v ? String((v as { value: unknown }).value) : undefined;
const time = (v: unknown): Date | undefined => {
  if (!v || typeof v !== 'object') return undefined;
  const t = v as { seconds?: number | string; nanos?: number };
  const ms = Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6);
  return ms > 0 ? new Date(ms) : undefined;
};
const failure = (v: unknown): FailureDetails | undefined => {
  if (!v || typeof v !== 'object') return undefined;
  const f = v as Wire;
  return {
    errorType: String(f['errorType'] ?? ''),
    errorMessage: String(f['errorMessage'] ?? ''),
    stackTrace: str(f['stackTrace']),
  };
};
const status = (v: unknown): WorkflowStatus => {
  const name = String(v ?? '').replace(/^ORCHESTRATION_STATUS_/, '') as WorkflowStatus;
  return WORKFLOW_STATUSES.includes(name) ? name : 'RUNNING';
};

export function toInstance(app: string, state: Wire): InstanceDetail {
  const instanceId = String(state['instanceId'] ?? '');
  return {
    app,
    instanceId,
    name: String(state['name'] ?? ''),
    status: status(state['workflowStatus']),
    createdAt: time(state['createdTimestamp']),
    lastUpdatedAt: time(state['lastUpdatedTimestamp']),
    completedAt: time(state['completedTimestamp']),
    customStatus: str(state['customStatus']),
    input: str(state['input']),
    output: str(state['output']),
    failure: failure(state['failureDetails']),
    orderId: orderIdOf(instanceId),
  };
}

export function toHistoryEvent(e: Wire): HistoryEvent {
  const kind = (typeof e['eventType'] === 'string' ? e['eventType'] : 'other') as HistoryKind;
  const body = (e[kind] ?? {}) as Wire;
  const common = { eventId: Number(e['eventId'] ?? 0), at: time(e['timestamp']), kind };
  switch (kind) {
    case 'executionStarted':
      return { ...common, name: String(body['name'] ?? ''), payload: str(body['input']) };
    case 'executionCompleted':
      return {
        ...common,
        name: status(body['workflowStatus']),
        payload: str(body['result']),
        failure: failure(body['failureDetails']),
      };
    case 'executionTerminated':
    case 'executionSuspended':
    case 'executionResumed':
      return { ...common, payload: str(body['input']) };
    case 'executionStalled':
      return { ...common, name: String(body['reason'] ?? ''), payload: body['description'] as string | undefined };
    case 'taskScheduled':
      return { ...common, name: String(body['name'] ?? ''), payload: str(body['input']) };
    case 'taskCompleted':
      return { ...common, ref: Number(body['taskScheduledId'] ?? 0), payload: str(body['result']) };
    case 'taskFailed':
      return { ...common, ref: Number(body['taskScheduledId'] ?? 0), failure: failure(body['failureDetails']) };
    case 'childWorkflowInstanceCreated':
      return { ...common, name: String(body['name'] ?? '') };
    case 'timerCreated': {
      const origin = (body['externalEvent'] as Wire | undefined)?.['name'];
      return {
        ...common,
        name: origin ? `wait for ${String(origin)}` : (body['name'] as string | undefined),
        fireAt: time(body['fireAt']),
      };
    }
    case 'timerFired':
      return { ...common, ref: Number(body['timerId'] ?? 0), fireAt: time(body['fireAt']) };
    case 'eventRaised':
    case 'eventSent':
      return { ...common, name: String(body['name'] ?? ''), payload: str(body['input']) };
    default:
      return common;
  }
}

/**
 * The sidecar's workflow API over gRPC (TaskHubSidecarService on the daprd gRPC port), one
 * channel per sidecar, every call with a deadline so a dead sidecar answers fast.
 */
export function createWorkflowGrpc(options: { deadlineMs?: number } = {}): WorkflowApi {
  const Ctor = durabletaskContract.client();
  const clients = new Map<string, Client>();
  const deadlineMs = options.deadlineMs ?? 3_000;

  const call = (target: AppTarget, method: string, req: Wire, ms = deadlineMs): Promise<Wire> => {
    let client = clients.get(target.daprGrpcAddress);
    if (!client) {
      client = new Ctor(target.daprGrpcAddress, grpc.credentials.createInsecure(), {
        'grpc.max_receive_message_length': 64 * 1024 * 1024,
      }) as unknown as Client;
      clients.set(target.daprGrpcAddress, client);
    }
    const c = client;
    return new Promise((resolve, reject) => {
      c[method]!.call(c, req, new grpc.Metadata(), { deadline: Date.now() + ms }, (err, res) =>
        err ? reject(err) : resolve(res),
      );
    });
  };

  return {
    async listInstanceIds(target) {
      const ids: string[] = [];
      let token: string | undefined;
      for (let page = 0; page < 1000; page += 1) {
        const res = await call(target, 'ListInstanceIDs', {
          pageSize: 500,
          ...(token ? { continuationToken: token } : {}),
        });
        ids.push(...((res['instanceIds'] as string[] | undefined) ?? []));
        token = res['continuationToken'] as string | undefined;
        if (!token) break;
      }
      return ids;
    },
    async getInstance(target, instanceId, withPayloads) {
      const res = await call(target, 'GetInstance', { instanceId, getInputsAndOutputs: withPayloads });
      if (!res['exists'] || !res['workflowState']) return undefined;
      return toInstance(target.name, res['workflowState'] as Wire);
    },
    async history(target, instanceId) {
      const res = await call(target, 'GetInstanceHistory', { instanceId }, deadlineMs * 2);
      return ((res['events'] as Wire[] | undefined) ?? []).map(toHistoryEvent);
    },
    async raiseEvent(target, instanceId, name, input) {
      await call(target, 'RaiseEvent', {
        instanceId,
        name,
        ...(input !== undefined ? { input: { value: input } } : {}),
      });
    },
    async suspend(target, instanceId, reason) {
      await call(target, 'SuspendInstance', { instanceId, reason: { value: reason } });
    },
    async resume(target, instanceId, reason) {
      await call(target, 'ResumeInstance', { instanceId, reason: { value: reason } });
    },
    async terminate(target, instanceId, reason) {
      await call(target, 'TerminateInstance', {
        instanceId,
        output: { value: JSON.stringify({ terminatedBy: 'console', reason }) },
        recursive: true,
      });
    },
    async purge(target, instanceId) {
      const res = await call(target, 'PurgeInstances', { instanceId, recursive: true });
      return Number(res['deletedInstanceCount'] ?? 0);
    },
    async rerun(target, instanceId, fromEventId) {
      const res = await call(target, 'RerunWorkflowFromEvent', { sourceInstanceID: instanceId, eventID: fromEventId });
      return String(res['newInstanceID'] ?? '');
    },
    close() {
      for (const c of clients.values()) c.close();
      clients.clear();
    },
  };
}
