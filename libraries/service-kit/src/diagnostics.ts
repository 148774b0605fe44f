import type * as grpc from '@grpc/grpc-js';
import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import {
  diagnosticsContract,
  type CountdownRequest__Output,
  type DiagnosticsClient,
  type EchoRequest__Output,
  type RelayCountdownRequest__Output,
  type RelayRequest__Output,
  type Tick,
} from '@shop/contracts';
import { appNames, appPorts } from '@shop/topology';
import { z } from 'zod';
import { validate } from './errors';
import { fromGrpcError } from './grpc-errors';
import type { GrpcServiceRegistration } from './grpc-server';
import { callUnary, createServiceClient } from './invoke';
import type { Logger } from './logger';

export interface DiagnosticsOptions {
  readonly service: string;
  readonly logger: Logger;
  readonly daprGrpcPort: number;
  readonly daprHost?: string;
  /** Apps Relay may call; defaults to every app that serves gRPC in the topology. */
  readonly allowedTargets?: readonly string[];
}

function grpcApps(): string[] {
  return appNames.filter((name) => appPorts(name).grpcPort !== undefined).map((name) => appPorts(name).appId);
}

function currentTraceId(): string {
  const spanContext = trace.getSpan(context.active())?.spanContext();
  return spanContext && isSpanContextValid(spanContext) ? spanContext.traceId : '';
}

/** Waits between ticks, but wakes at once when the caller hangs up or the server shuts down. */
function pause(call: grpc.ServerWritableStream<unknown, Tick>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      call.off('cancelled', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    call.once('cancelled', done);
  });
}

export function createDiagnosticsService(options: DiagnosticsOptions): GrpcServiceRegistration {
  const { service, logger } = options;
  const targets = options.allowedTargets ?? grpcApps();
  const message = z.string().max(1_000);
  const countdown = { from: z.number().int().min(1).max(100), interval_ms: z.number().int().min(0).max(5_000) };
  const target = z.string().refine((id) => targets.includes(id), 'must be a known app id');
  // Typed against the generated messages: a field the proto gains or renames fails tsc here.
  const echoSchema = z.object({ message }) satisfies z.ZodType<EchoRequest__Output>;
  const countdownSchema = z.object(countdown) satisfies z.ZodType<CountdownRequest__Output>;
  const relaySchema = z.object({ target_app_id: target, message }) satisfies z.ZodType<RelayRequest__Output>;
  const relayCountdownSchema = z.object({
    target_app_id: target,
    ...countdown,
  }) satisfies z.ZodType<RelayCountdownRequest__Output>;

  const clients = new Map<string, DiagnosticsClient>();
  function clientFor(appId: string): DiagnosticsClient {
    let client = clients.get(appId);
    if (!client) {
      client = createServiceClient(diagnosticsContract.client(), {
        appId,
        daprGrpcPort: options.daprGrpcPort,
        ...(options.daprHost ? { host: options.daprHost } : {}),
      });
      clients.set(appId, client);
    }
    return client;
  }

  async function runCountdown(call: grpc.ServerWritableStream<unknown, Tick>, from: number, intervalMs: number) {
    for (let remaining = from - 1; remaining >= 0 && !call.cancelled; remaining -= 1) {
      call.write({ remaining, service });
      if (remaining > 0) await pause(call, intervalMs);
    }
  }

  return diagnosticsContract.implement({
    async Echo(call) {
      const req = validate(echoSchema, call.request, 'request');
      const traceId = currentTraceId();
      logger.info('diagnostics echo', { length: req.message.length });
      return { message: req.message, service, trace_id: traceId };
    },
    async Countdown(call) {
      const req = validate(countdownSchema, call.request, 'request');
      logger.info('diagnostics countdown', { from: req.from, intervalMs: req.interval_ms });
      await runCountdown(call, req.from, req.interval_ms);
    },
    async Relay(call) {
      const req = validate(relaySchema, call.request, 'request');
      logger.info('diagnostics relay', { target: req.target_app_id });
      return callUnary(clientFor(req.target_app_id), 'Echo', { message: req.message }, { deadlineMs: 5_000 });
    },
    async RelayCountdown(call) {
      const req = validate(relayCountdownSchema, call.request, 'request');
      logger.info('diagnostics relay countdown', { target: req.target_app_id, from: req.from });
      const deadline = Date.now() + req.from * req.interval_ms + 10_000;
      const upstream = clientFor(req.target_app_id).Countdown(
        { from: req.from, interval_ms: req.interval_ms },
        { deadline },
      );
      // Our caller hanging up must also stop the upstream stream.
      call.once('cancelled', () => upstream.cancel());
      await new Promise<void>((resolve, reject) => {
        upstream.on('data', (tick: Tick) => call.write(tick));
        upstream.once('error', (err) => reject(fromGrpcError(err)));
        upstream.once('end', () => resolve());
      });
    },
  });
}
