import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  type Context,
  type TextMapGetter,
  context,
  isSpanContextValid,
  propagation,
  trace,
} from '@opentelemetry/api';
import { createAppCallbackServices } from './app-callback';
import { isSafeRequestId, runWithContext } from './context';
import type { AppCallbackOptions } from './events';
import { toGrpcError } from './grpc-errors';
import { addGrpcTooling, serviceNameOf } from './grpc-tooling';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import { fromGrpcTraceBin } from './trace-bin';

/* eslint-disable @typescript-eslint/no-explicit-any -- handlers are as loosely typed as proto-loader's objects */
export type UnaryHandler<Req = any, Res = any> = (call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res>;
/** Write messages with call.write(); the kit ends the stream when the promise resolves. */
export type ServerStreamHandler<Req = any, Res = any> = (call: grpc.ServerWritableStream<Req, Res>) => Promise<void>;
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface GrpcServiceRegistration {
  readonly definition: grpc.ServiceDefinition;
  /** Keyed by method name as in the .proto (`Echo`); client/bidi streaming is not supported. */
  readonly implementation: Readonly<Record<string, UnaryHandler | ServerStreamHandler>>;
}

export interface GrpcServerOptions {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly services: readonly GrpcServiceRegistration[];
  readonly appCallback?: AppCallbackOptions;
  /** What grpc.health.v1.Health answers follows this (the same readiness as /readyz). */
  readonly readiness?: () => Promise<{ ready: boolean }>;
  /** How often readiness is read for gRPC health (5 s). */
  readonly readinessIntervalMs?: number;
}

export interface GrpcServer {
  readonly server: grpc.Server;
  /** Binds (port 0 picks a free one) and resolves with the bound port. */
  start(host: string, port: number): Promise<number>;
  /** Lets calls finish for up to graceMs, then cancels the rest (e.g. open server streams). */
  stop(graceMs: number): Promise<void>;
}

const metadataGetter: TextMapGetter<grpc.Metadata> = {
  get: (carrier, key) => carrier.get(key).map(String),
  keys: (carrier) => Object.keys(carrier.getMap()),
};

interface CallScope {
  finish(code: grpc.status, err?: unknown): void;
}

function splitPath(path: string): { service: string; method: string } {
  const [, service = 'unknown', method = 'unknown'] = path.split('/');
  return { service, method };
}

/**
 * Runs a call inside a request context and a server span. The grpc instrumentation creates
 * the span when it patched grpc-js; otherwise one is started from the incoming traceparent,
 * so logs carry the caller's trace id either way.
 */
function withCallScope(
  deps: GrpcServerOptions,
  path: string,
  type: 'unary' | 'server_stream',
  metadata: grpc.Metadata,
  run: (scope: CallScope) => void,
): void {
  const { service, method } = splitPath(path);
  const incomingId = metadata.get('x-request-id')[0];
  const requestId = isSafeRequestId(incomingId) ? incomingId : randomUUID();
  const active = trace.getSpan(context.active());
  const ownSpan = active && isSpanContextValid(active.spanContext()) ? undefined : startServerSpan(path, metadata);
  const spanContext: Context = ownSpan ? trace.setSpan(context.active(), ownSpan) : context.active();
  const endTimer = deps.metrics.grpcDuration.startTimer({
    grpc_service: service,
    grpc_method: method,
    grpc_type: type,
  });
  const started = Date.now();

  context.with(spanContext, () =>
    runWithContext({ requestId }, () =>
      run({
        finish(code, err) {
          const codeName = grpc.status[code] ?? String(code);
          endTimer();
          deps.metrics.grpcHandled.inc({
            grpc_service: service,
            grpc_method: method,
            grpc_type: type,
            grpc_code: codeName,
          });
          const unexpected = code === grpc.status.INTERNAL || code === grpc.status.UNKNOWN;
          deps.logger.log(unexpected ? 'error' : 'info', 'grpc call', {
            method: path,
            code: codeName,
            durationMs: Date.now() - started,
            ...(unexpected && err !== undefined ? { err } : {}),
          });
          if (ownSpan) {
            if (code !== grpc.status.OK) ownSpan.setStatus({ code: SpanStatusCode.ERROR, message: codeName });
            ownSpan.end();
          }
        },
      }),
    ),
  );
}

/** W3C traceparent first (what a sidecar sends to its app); grpc-trace-bin from direct callers. */
function parentContext(metadata: grpc.Metadata) {
  if (metadata.get('traceparent').length > 0) return propagation.extract(ROOT_CONTEXT, metadata, metadataGetter);
  const [bin] = metadata.get('grpc-trace-bin');
  const span = Buffer.isBuffer(bin) ? fromGrpcTraceBin(bin) : undefined;
  return span ? trace.setSpanContext(ROOT_CONTEXT, span) : ROOT_CONTEXT;
}

function startServerSpan(path: string, metadata: grpc.Metadata) {
  const parent = parentContext(metadata);
  return trace.getTracer('@shop/service-kit').startSpan(path.replace(/^\//, ''), { kind: SpanKind.SERVER }, parent);
}

function wrapUnary(
  deps: GrpcServerOptions,
  path: string,
  handler: UnaryHandler,
): grpc.handleUnaryCall<unknown, unknown> {
  return (call, callback) =>
    withCallScope(deps, path, 'unary', call.metadata, (scope) => {
      handler(call).then(
        (response) => {
          scope.finish(grpc.status.OK);
          callback(null, response);
        },
        (err: unknown) => {
          const grpcError = toGrpcError(err);
          scope.finish(grpcError.code, err);
          callback(grpcError);
        },
      );
    });
}

function wrapServerStream(
  deps: GrpcServerOptions,
  path: string,
  handler: ServerStreamHandler,
): grpc.handleServerStreamingCall<unknown, unknown> {
  return (call) =>
    withCallScope(deps, path, 'server_stream', call.metadata, (scope) => {
      handler(call).then(
        () => {
          if (call.cancelled) scope.finish(grpc.status.CANCELLED);
          else {
            scope.finish(grpc.status.OK);
            if (!call.writableEnded) call.end();
          }
        },
        (err: unknown) => {
          const grpcError = toGrpcError(err);
          scope.finish(call.cancelled ? grpc.status.CANCELLED : grpcError.code, err);
          if (!call.cancelled && !call.writableEnded) call.emit('error', grpcError);
        },
      );
    });
}

function wrapService(
  deps: GrpcServerOptions,
  registration: GrpcServiceRegistration,
): grpc.UntypedServiceImplementation {
  const wrapped: grpc.UntypedServiceImplementation = {};
  for (const [name, method] of Object.entries(registration.definition)) {
    const handler = registration.implementation[name] ?? registration.implementation[method.originalName ?? ''];
    if (!handler) throw new Error(`No handler for ${method.path}`);
    if (method.requestStream) throw new Error(`${method.path}: client and bidi streaming are not supported`);
    wrapped[name] = method.responseStream
      ? wrapServerStream(deps, method.path, handler as ServerStreamHandler)
      : wrapUnary(deps, method.path, handler as UnaryHandler);
  }
  return wrapped;
}

export function createGrpcServer(options: GrpcServerOptions): GrpcServer {
  const server = new grpc.Server();
  for (const registration of options.services) {
    server.addService(registration.definition, wrapService(options, registration));
  }
  const appCallback = createAppCallbackServices({
    logger: options.logger,
    metrics: options.metrics,
    subscriptions: options.appCallback?.subscriptions ?? [],
    ...(options.appCallback?.dedupe ? { dedupe: options.appCallback.dedupe } : {}),
  });
  for (const { definition, implementation } of appCallback) server.addService(definition, implementation);
  const served = [...options.services.map((s) => s.definition), ...appCallback.map((s) => s.definition)]
    .map(serviceNameOf)
    .filter((n): n is string => n !== undefined);
  const tooling = addGrpcTooling(server, served, options.logger, options.readinessIntervalMs);

  return {
    server,
    async start(host, port) {
      // Insecure on purpose: only the sidecar on loopback (or in the pod) dials this port.
      const bound = await new Promise<number>((resolve, reject) =>
        server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (err, p) =>
          err ? reject(err) : resolve(p),
        ),
      );
      if (options.readiness) tooling.follow(options.readiness);
      return bound;
    },
    stop(graceMs) {
      tooling.stop();
      return new Promise((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
    },
  };
}
