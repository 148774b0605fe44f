import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import {
  appCallbackAlphaService,
  appCallbackHealthCheckService,
  appCallbackService,
  type SidecarService,
} from '@shop/contracts';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import { runWithContext } from './context';
import { isAppError, summariseIssues } from './errors';
import type { Logger } from './logger';
import type { Metrics, PubsubOutcome } from './metrics';
import { type AppCallbackOptions, type EventDedupe, type EventMeta, validateSubscriptions } from './events';

type Status = 'SUCCESS' | 'RETRY' | 'DROP';

interface StructValue {
  stringValue?: string;
  numberValue?: number;
  boolValue?: boolean;
  structValue?: { fields?: Record<string, StructValue> };
}

/**
 * google.protobuf.Struct to a plain object. protobufjs defines the well-known types itself
 * with camelCase fields, so `keepCase` does not apply to them.
 */
function structToObject(struct: { fields?: Record<string, StructValue> } | null | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(struct?.fields ?? {})) {
    out[key] = v.stringValue ?? v.numberValue ?? v.boolValue ?? (v.structValue ? structToObject(v.structValue) : null);
  }
  return out;
}

// AppCallbackAlpha exists in the protos of current Dapr releases; tolerate its removal.
function optionalService(sidecarService: SidecarService): grpc.ServiceClientConstructor | undefined {
  try {
    return sidecarService.client();
  } catch {
    return undefined;
  }
}

function parseData(data: Buffer | undefined, contentType: string): { ok: true; value: unknown } | { ok: false } {
  const isJson = contentType === '' || /^(application|text)\/([\w.+-]*\+)?json\b/i.test(contentType);
  if (!isJson || !data || data.length === 0) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(data.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

interface Deps extends AppCallbackOptions {
  readonly logger: Logger;
  readonly metrics: Metrics;
}

export function createAppCallbackServices(deps: Deps): Array<{
  definition: grpc.ServiceDefinition;
  implementation: grpc.UntypedServiceImplementation;
}> {
  const { logger, metrics, subscriptions, dedupe } = deps;
  validateSubscriptions(subscriptions);
  if (subscriptions.length > 0 && !dedupe)
    throw new Error('appCallback.dedupe is required when there are subscriptions');
  // Without subscriptions no event is ever handled, so the pass-through is never consulted.
  const store: EventDedupe = dedupe ?? { claim: async () => true };
  const byTopic = new Map(subscriptions.map((s) => [`${s.pubsubName}/${s.topic}`, s]));
  const tracer = trace.getTracer('@shop/service-kit');

  async function handleEvent(req: Record<string, unknown>): Promise<Status> {
    const topic = String(req['topic'] ?? '');
    const eventId = String(req['id'] ?? '');
    const outcome = (o: PubsubOutcome, status: Status, level = 'info', extra: object = {}): Status => {
      metrics.pubsubEvents.inc({ topic, outcome: o });
      logger.log(level, 'pubsub event', { topic, eventId, outcome: o, ...extra });
      return status;
    };
    const sub = byTopic.get(`${String(req['pubsub_name'] ?? '')}/${topic}`);
    if (!sub) return outcome('failed', 'DROP', 'warn', { reason: 'no subscription for this topic' });

    const parsed = parseData(req['data'] as Buffer | undefined, String(req['data_content_type'] ?? ''));
    if (!parsed.ok) return outcome('invalid', 'DROP', 'warn', { reason: 'data is not JSON' });
    const result = sub.schema.safeParse(parsed.value);
    if (!result.success) return outcome('invalid', 'DROP', 'warn', { errors: summariseIssues(result.error.issues) });

    // An idempotent handler runs for every delivery: nothing to claim, complete or release.
    const claims: EventDedupe = sub.idempotent ? { claim: async () => true } : store;
    let first: boolean;
    try {
      first = await claims.claim(eventId, topic);
    } catch (err) {
      return outcome('retry', 'RETRY', 'error', { reason: 'dedupe store failed', err });
    }
    if (!first) return outcome('duplicate', 'SUCCESS');

    const extensions = structToObject(req['extensions'] as never);
    const meta: EventMeta = {
      id: eventId,
      type: String(req['type'] ?? ''),
      source: String(req['source'] ?? ''),
      topic,
      pubsubName: sub.pubsubName,
      traceparent: typeof extensions['traceparent'] === 'string' ? extensions['traceparent'] : undefined,
    };
    try {
      await sub.handler(result.data, meta);
    } catch (err) {
      if (isAppError(err) && err.code === 'VALIDATION_FAILED') {
        await claims
          .complete?.(eventId, topic)
          .catch((e: unknown) => logger.error('dedupe complete failed', { err: e }));
        return outcome('failed', 'DROP', 'warn', { reason: err.detail });
      }
      await claims.release?.(eventId, topic).catch((e: unknown) => logger.error('dedupe release failed', { err: e }));
      return outcome('retry', 'RETRY', 'error', { err });
    }
    await claims.complete?.(eventId, topic).catch((e: unknown) => logger.error('dedupe complete failed', { err: e }));
    return outcome('processed', 'SUCCESS');
  }

  const onTopicEvent: grpc.handleUnaryCall<Record<string, unknown>, { status: Status }> = (call, callback) => {
    const req = call.request;
    const ext = structToObject(req['extensions'] as never);
    const carrier: Record<string, string> = {};
    if (typeof ext['traceparent'] === 'string') carrier['traceparent'] = ext['traceparent'];
    if (typeof ext['tracestate'] === 'string') carrier['tracestate'] = ext['tracestate'];
    // The event's own trace context wins over the sidecar's delivery call.
    const parent = carrier['traceparent'] ? propagation.extract(ROOT_CONTEXT, carrier) : context.active();
    const spanName = `pubsub receive ${String(req['topic'] ?? '')}`;
    tracer.startActiveSpan(spanName, { kind: SpanKind.CONSUMER }, parent, (span) => {
      const requestId = typeof req['id'] === 'string' && req['id'] !== '' ? req['id'] : randomUUID();
      // The delivery is answered through the callback; handleEvent's failures become RETRY.
      void runWithContext({ requestId }, () => handleEvent(req))
        .catch((err: unknown) => {
          logger.error('pubsub event handling failed', { err });
          return 'RETRY' as const;
        })
        .then((status) => {
          if (status !== 'SUCCESS') span.setStatus({ code: SpanStatusCode.ERROR, message: status });
          span.end();
          callback(null, { status });
        });
    });
  };

  const unimplemented =
    (method: string): grpc.handleUnaryCall<unknown, unknown> =>
    (_call, callback) =>
      callback({ code: grpc.status.UNIMPLEMENTED, details: `${method} is not used by this app` });

  const services = [
    {
      definition: appCallbackService.definition(),
      implementation: {
        OnInvoke: unimplemented('OnInvoke (service invocation uses gRPC proxying)'),
        ListTopicSubscriptions: (_call: unknown, callback: grpc.sendUnaryData<unknown>) =>
          callback(null, {
            subscriptions: subscriptions.map((s) => ({
              pubsub_name: s.pubsubName,
              topic: s.topic,
              metadata: { ...s.metadata },
              dead_letter_topic: s.deadLetterTopic ?? '',
            })),
          }),
        OnTopicEvent: onTopicEvent,
        ListInputBindings: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => callback(null, { bindings: [] }),
        OnBindingEvent: unimplemented('OnBindingEvent'),
        OnBulkTopicEvent: unimplemented('OnBulkTopicEvent'),
      } as grpc.UntypedServiceImplementation,
    },
    {
      definition: appCallbackHealthCheckService.definition(),
      implementation: {
        HealthCheck: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => callback(null, {}),
      } as grpc.UntypedServiceImplementation,
    },
  ];
  const alpha = optionalService(appCallbackAlphaService);
  if (alpha) {
    services.push({
      definition: alpha.service,
      implementation: {
        OnBulkTopicEventAlpha1: unimplemented('OnBulkTopicEventAlpha1'),
        OnJobEventAlpha1: unimplemented('OnJobEventAlpha1'),
      } as grpc.UntypedServiceImplementation,
    });
  }
  return services;
}
