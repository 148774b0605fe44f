import * as grpc from '@grpc/grpc-js';
import { context, propagation } from '@opentelemetry/api';
import { z } from 'zod';
import { currentRequestId } from './context';
import { fromGrpcError } from './grpc-errors';
import { parseTraceparent, toGrpcTraceBin } from './trace-bin';

export interface ServiceClientOptions {
  /** The Dapr app id of the callee. */
  readonly appId: string;
  /** The LOCAL sidecar's gRPC port: the sidecar forwards by the dapr-app-id metadata. */
  readonly daprGrpcPort: number;
  readonly host?: string;
  readonly channelOptions?: grpc.ChannelOptions;
}

export const appIdSchema = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a Dapr app id');

const optionsSchema = z.object({
  appId: appIdSchema,
  daprGrpcPort: z.number().int().min(1).max(65535),
  host: z.string().min(1).default('127.0.0.1'),
});

const metadataSetter = {
  set: (carrier: grpc.Metadata, key: string, value: string) => carrier.set(key, value),
};

/**
 * Moves the W3C trace context into `grpc-trace-bin`. Dapr 1.17/1.18's gRPC proxy copies an
 * incoming `traceparent` and then appends its own, so the next sidecar gets two values and
 * starts a new trace (dapr/dapr#10462, fix pending in #10464). Sent as `grpc-trace-bin` alone,
 * the context survives both sidecars (measured by the e2e trace test).
 */
function traceparentToBinary(metadata: grpc.Metadata): void {
  const [traceparent] = metadata.get('traceparent');
  const span = typeof traceparent === 'string' ? parseTraceparent(traceparent) : undefined;
  metadata.remove('traceparent');
  metadata.remove('tracestate');
  const bin = span && toGrpcTraceBin(span);
  if (bin) metadata.set('grpc-trace-bin', bin);
}

/**
 * Adds routing, request id and trace context to every call (unary and streaming). The grpc
 * instrumentation, when it patched grpc-js, has already injected traceparent for its client
 * span before interceptors run; otherwise the caller's active context is injected here.
 */
export function daprRoutingInterceptor(appId: string): grpc.Interceptor {
  return (options, nextCall) => {
    // Read the caller's context now: the interceptor's start() may run later.
    const active = context.active();
    const requestId = currentRequestId();
    return new grpc.InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        metadata.set('dapr-app-id', appId);
        if (requestId !== undefined && metadata.get('x-request-id').length === 0) {
          metadata.set('x-request-id', requestId);
        }
        if (metadata.get('traceparent').length === 0) {
          propagation.inject(active, metadata, metadataSetter);
        }
        traceparentToBinary(metadata);
        next(metadata, listener);
      },
    });
  };
}

type ClientConstructor<C extends grpc.Client> = new (
  address: string,
  credentials: grpc.ChannelCredentials,
  options?: grpc.ClientOptions,
) => C;

/** A client for another app's gRPC service, dialling the local sidecar (plaintext on loopback). */
export function createServiceClient<C extends grpc.Client>(
  Ctor: ClientConstructor<C>,
  options: ServiceClientOptions,
): C {
  const { appId, daprGrpcPort, host } = optionsSchema.parse(options);
  return new Ctor(`${host}:${daprGrpcPort}`, grpc.credentials.createInsecure(), {
    ...options.channelOptions,
    interceptors: [daprRoutingInterceptor(appId)],
  });
}

export interface CallOptions {
  /** Every call through the sidecars needs a deadline, or a lost peer holds the caller forever. */
  readonly deadlineMs?: number;
  readonly metadata?: grpc.Metadata;
}

type UnaryMethod = (
  request: unknown,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, response?: unknown) => void,
) => grpc.ClientUnaryCall;

/* eslint-disable @typescript-eslint/no-explicit-any -- matching the generated clients' overloads */
// A generated client's unary method; its last overload is `(argument, callback)`.
type Unary<Req, Res> = (argument: Req, callback: grpc.requestCallback<Res>) => grpc.ClientUnaryCall;
/** The unary methods of a generated client (@shop/contracts), e.g. `'ReserveStock'`. */
export type UnaryMethodName<C> = { [K in keyof C]: C[K] extends Unary<any, any> ? K : never }[keyof C] & string;
export type RequestOf<C, M extends keyof C> = C[M] extends Unary<infer Req, any> ? Req : never;
export type ResponseOf<C, M extends keyof C> = C[M] extends Unary<any, infer Res> ? Res : never;
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * Calls a unary method and maps failures to AppError (codes survive the hop via x-error-code).
 * Method, request and response are typed by the generated client; the response is still
 * what a peer sent: validate it before use.
 */
export function callUnary<C extends grpc.Client, M extends UnaryMethodName<C>>(
  client: C,
  method: M,
  request: RequestOf<C, M>,
  options: CallOptions = {},
): Promise<ResponseOf<C, M>> {
  type Res = ResponseOf<C, M>;
  const fn = (client as unknown as Record<string, unknown>)[method];
  if (typeof fn !== 'function') return Promise.reject(new Error(`The client has no method ${method}`));
  const deadline = Date.now() + (options.deadlineMs ?? 5_000);
  return new Promise<Res>((resolve, reject) => {
    (fn as UnaryMethod).call(client, request, options.metadata ?? new grpc.Metadata(), { deadline }, (err, response) =>
      err ? reject(fromGrpcError(err)) : resolve(response as Res),
    );
  });
}
