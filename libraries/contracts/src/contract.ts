import * as grpc from '@grpc/grpc-js';
import type * as protoLoader from '@grpc/proto-loader';
import { loadProto, serviceClient } from './loader';

export type ClientConstructor<C extends grpc.Client> = new (
  address: string,
  credentials: grpc.ChannelCredentials,
  options?: grpc.ClientOptions,
) => C;

/**
 * The promise-style handlers the kit's gRPC server runs, derived from the generated
 * `<Service>Handlers`: a unary method resolves with its response, a server stream writes with
 * call.write() and resolves when done. A method added to the proto and missing here fails tsc.
 */
export type ServiceImplementation<H> = {
  readonly [M in keyof H as string extends M ? never : M]: H[M] extends grpc.handleServerStreamingCall<
    infer Req,
    infer Res
  >
    ? (call: grpc.ServerWritableStream<Req, Res>) => Promise<void>
    : H[M] extends grpc.handleUnaryCall<infer Req, infer Res>
      ? (call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res>
      : never;
};

/** What a service hosts: the kit's GrpcServiceRegistration, typed by the proto. */
export interface ServiceRegistration<H> {
  readonly definition: grpc.ServiceDefinition;
  readonly implementation: ServiceImplementation<H>;
}

/** One proto service: where it is written, its generated client and its server side. */
export interface ServiceContract<C extends grpc.Client, H> {
  /** The .proto, relative to the repository's proto/ folder (or Dapr's, for the sidecar's). */
  readonly proto: string;
  /** The fully-qualified service name, as gRPC paths, reflection and health name it. */
  readonly service: string;
  /** The generated client's constructor: for the kit's createServiceClient (through the sidecar). */
  client(): ClientConstructor<C>;
  /** A client dialling an address directly (plaintext): tests, tools and the sidecar's own API. */
  dial(address: string, options?: grpc.ClientOptions): C;
  definition(): grpc.ServiceDefinition;
  /** A registration for the kit's gRPC server; every method of the proto must be implemented. */
  implement(implementation: ServiceImplementation<H>): ServiceRegistration<H>;
}

export function defineContract<C extends grpc.Client, H>(
  proto: string,
  service: string,
  loaderOptions?: protoLoader.Options,
): ServiceContract<C, H> {
  const client = () => serviceClient(loadProto(proto, loaderOptions), service) as unknown as ClientConstructor<C>;
  const definition = () => serviceClient(loadProto(proto, loaderOptions), service).service;
  return {
    proto,
    service,
    client,
    dial: (address, options) => new (client())(address, grpc.credentials.createInsecure(), options),
    definition,
    implement: (implementation) => ({ definition: definition(), implementation }),
  };
}

/**
 * Fields of a generated message as a zod schema reads them, coerced to V (int64 strings as
 * numbers, a nested message as its own schema's output): for
 * `schema satisfies z.ZodType<Pick<Message, 'a'> & CoercedFields<Message, 'b', number>>`, so
 * a renamed or removed field fails tsc even where the value's type differs from the wire's.
 */
export type CoercedFields<M, K extends keyof M, V> = { [P in K]: V };
