import type { FailureDetails, HistoryEvent, InstanceDetail } from './workflows';

/** One activity call, timer or external event, with the events that belong to it. */
export interface TimelineStep {
  readonly kind: 'activity' | 'timer' | 'event' | 'child' | 'lifecycle';
  readonly name: string;
  /** The event a rerun can start from (the activity's scheduling event). */
  readonly eventId: number;
  readonly startedAt?: Date | undefined;
  readonly endedAt?: Date | undefined;
  readonly state: 'pending' | 'done' | 'failed';
  /** How many times this activity name was scheduled up to and including this call. */
  readonly attempt: number;
  readonly durationMs?: number | undefined;
  readonly input?: string | undefined;
  readonly result?: string | undefined;
  readonly failure?: FailureDetails | undefined;
  readonly fireAt?: Date | undefined;
}

export interface Waiting {
  readonly what: 'activity' | 'timer' | 'event';
  readonly name: string;
  readonly deadline?: Date | undefined;
}

export interface Timeline {
  readonly steps: readonly TimelineStep[];
  readonly waitingOn: readonly Waiting[];
  readonly eventCount: number;
}

const LIFECYCLE = new Set([
  'executionStarted',
  'executionCompleted',
  'executionTerminated',
  'executionSuspended',
  'executionResumed',
  'executionStalled',
]);

const duration = (a?: Date, b?: Date) => (a && b ? b.getTime() - a.getTime() : undefined);

/**
 * Groups a history into steps in one pass (a 1,000-event history stays cheap): a completion
 * or failure joins its scheduling event by `ref`, a firing joins its timer. What is still
 * open is what the instance waits on; `expectedEvents` names the external events a workflow
 * of this name waits for while it is idle (they leave no history until they arrive).
 */
export function buildTimeline(
  events: readonly HistoryEvent[],
  instance: Pick<InstanceDetail, 'status' | 'customStatus'>,
  expectedEvents: readonly string[] = [],
): Timeline {
  const steps: TimelineStep[] = [];
  const open = new Map<number, number>(); // scheduling event id -> index in steps
  const attempts = new Map<string, number>();
  for (const e of events) {
    if (e.kind === 'taskScheduled' || e.kind === 'childWorkflowInstanceCreated') {
      const name = e.name ?? '?';
      const attempt = (attempts.get(name) ?? 0) + 1;
      attempts.set(name, attempt);
      open.set(e.eventId, steps.length);
      steps.push({
        kind: e.kind === 'taskScheduled' ? 'activity' : 'child',
        name,
        eventId: e.eventId,
        startedAt: e.at,
        state: 'pending',
        attempt,
        input: e.payload,
      });
    } else if (e.kind === 'timerCreated') {
      open.set(e.eventId, steps.length);
      steps.push({
        kind: 'timer',
        name: e.name ?? 'durable timer',
        eventId: e.eventId,
        startedAt: e.at,
        state: 'pending',
        attempt: 1,
        fireAt: e.fireAt,
      });
    } else if (e.kind === 'taskCompleted' || e.kind === 'taskFailed' || e.kind === 'timerFired') {
      const index = e.ref === undefined ? undefined : open.get(e.ref);
      if (index === undefined) continue;
      open.delete(e.ref!);
      const step = steps[index]!;
      steps[index] = {
        ...step,
        endedAt: e.at,
        durationMs: duration(step.startedAt, e.at),
        state: e.kind === 'taskFailed' ? 'failed' : 'done',
        result: e.payload,
        failure: e.failure,
      };
    } else if (e.kind === 'eventRaised') {
      steps.push({
        kind: 'event',
        name: e.name ?? '?',
        eventId: e.eventId,
        startedAt: e.at,
        endedAt: e.at,
        state: 'done',
        attempt: 1,
        input: e.payload,
      });
    } else if (LIFECYCLE.has(e.kind)) {
      steps.push({
        kind: 'lifecycle',
        name: e.kind.replace(/^execution/, '').toLowerCase(),
        eventId: e.eventId,
        startedAt: e.at,
        endedAt: e.at,
        state: e.kind === 'executionStalled' ? 'failed' : 'done',
        attempt: 1,
        input: e.payload,
        failure: e.failure,
      });
    }
  }
  const finished = ['COMPLETED', 'FAILED', 'TERMINATED', 'CANCELED'].includes(instance.status);
  const waitingOn: Waiting[] = [];
  if (!finished) {
    for (const index of open.values()) {
      const s = steps[index]!;
      waitingOn.push(
        s.kind === 'timer' ? { what: 'timer', name: s.name, deadline: s.fireAt } : { what: 'activity', name: s.name },
      );
    }
    const deadline = waitingOn.find((w) => w.what === 'timer')?.deadline;
    for (const name of expectedEvents) waitingOn.push({ what: 'event', name, deadline });
  }
  return { steps, waitingOn, eventCount: events.length };
}
