import type { ActionBody, ActionName } from './actions';
import { awaitsApproval, WORKFLOWS } from './catalogue';
import type { InstanceIndex } from './instance-index';
import type { AppTarget, AuditLog, PaymentApprover, WorkflowApi } from './ports';
import { buildTimeline } from './timeline';

export class ActionRefused extends Error {
  constructor(
    message: string,
    readonly status: 404 | 409 | 503,
  ) {
    super(message);
  }
}

export interface ActionDeps {
  readonly workflows: WorkflowApi;
  readonly approver: PaymentApprover;
  readonly audit: AuditLog;
  readonly index: InstanceIndex;
}

/** The payment id the authorisation activity returned (what the provider's webhook names). */
export async function paymentIdOf(
  workflows: WorkflowApi,
  target: AppTarget,
  instanceId: string,
): Promise<string | undefined> {
  const events = await workflows.history(target, instanceId);
  const timeline = buildTimeline(events, { status: 'RUNNING', customStatus: undefined });
  const paymentSteps = new Set(WORKFLOWS['checkoutWorkflow']?.paymentSteps ?? []);
  for (const s of [...timeline.steps].reverse()) {
    if (s.kind !== 'activity' || !paymentSteps.has(s.name) || !s.result) continue;
    try {
      const id = (JSON.parse(s.result) as { paymentId?: unknown }).paymentId;
      if (typeof id === 'string') return id;
    } catch {
      // a result that is not JSON names no payment
    }
  }
  return undefined;
}

const failureText = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 300);

/**
 * Runs one operator action on a workflow instance and writes the audit line whatever the
 * outcome: the reason and who (the remote address) are recorded before the answer goes back.
 */
export async function runAction<A extends ActionName>(
  deps: ActionDeps,
  target: AppTarget,
  instanceId: string,
  action: A,
  body: ActionBody<A>,
  from: string,
): Promise<string> {
  const audit = (outcome: 'ok' | 'failed', detail?: string) =>
    deps.audit.append({
      at: new Date().toISOString(),
      action,
      target: `${target.name}/${instanceId}`,
      reason: body.reason,
      outcome,
      detail,
      from,
    });
  try {
    const instance = await deps.workflows.getInstance(target, instanceId, true);
    if (!instance) throw new ActionRefused(`No workflow instance ${instanceId} on ${target.name}`, 404);
    let detail = '';
    switch (action) {
      case 'raise-event': {
        const b = body as ActionBody<'raise-event'>;
        await deps.workflows.raiseEvent(
          target,
          instanceId,
          b.eventName,
          b.eventData.trim() === '' ? undefined : b.eventData,
        );
        detail = `event ${b.eventName}`;
        break;
      }
      case 'approve-payment':
      case 'decline-payment': {
        if (!awaitsApproval(instance.name, instance.customStatus) || !instance.orderId)
          throw new ActionRefused('This instance is not waiting for a payment confirmation', 409);
        if (!deps.approver.configured)
          throw new ActionRefused('The payment webhook is not configured on this console', 503);
        const paymentId = await paymentIdOf(deps.workflows, target, instanceId);
        if (!paymentId) throw new ActionRefused('No authorised payment found in the history', 409);
        const outcome = action === 'approve-payment' ? 'approved' : 'declined';
        await deps.approver.confirm(instance.orderId, paymentId, outcome);
        detail = `payment ${paymentId} ${outcome}`;
        break;
      }
      case 'suspend':
        await deps.workflows.suspend(target, instanceId, body.reason);
        break;
      case 'resume':
        await deps.workflows.resume(target, instanceId, body.reason);
        break;
      case 'terminate':
        await deps.workflows.terminate(target, instanceId, body.reason);
        break;
      case 'purge': {
        const n = await deps.workflows.purge(target, instanceId);
        if (n === 0) throw new ActionRefused('Nothing was purged (only a finished instance can be purged)', 409);
        detail = `${n} purged`;
        break;
      }
      case 'rerun': {
        const newId = await deps.workflows.rerun(target, instanceId, (body as ActionBody<'rerun'>).fromEventId);
        detail = `new instance ${newId}`;
        break;
      }
    }
    await audit('ok', detail || undefined);
    await deps.index.touch(target.name, instanceId);
    return detail;
  } catch (err) {
    await audit('failed', failureText(err));
    if (err instanceof ActionRefused) throw err;
    // gRPC UNAVAILABLE (14) and DEADLINE_EXCEEDED (4): the sidecar is not there, not a refusal.
    const code = (err as { code?: unknown }).code;
    if (code === 14 || code === 4) throw new ActionRefused(`The sidecar did not answer: ${failureText(err)}`, 503);
    throw new ActionRefused(`The sidecar refused: ${failureText(err)}`, 409);
  }
}
