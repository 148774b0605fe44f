// The Dapr sidecar's own protos (shipped inside @dapr/dapr), which the kit speaks: its
// AppCallback server and its client of the Dapr API. No generated types: they would be
// thousands of lines for the handful of messages the kit reads (it validates those itself).
import type * as grpc from '@grpc/grpc-js';
import { loadProto, serviceClient } from './loader';

export interface SidecarService {
  readonly proto: string;
  readonly service: string;
  client(): grpc.ServiceClientConstructor;
  definition(): grpc.ServiceDefinition;
}

const sidecarService = (proto: string, service: string): SidecarService => ({
  proto,
  service,
  client: () => serviceClient(loadProto(proto), service),
  definition: () => serviceClient(loadProto(proto), service).service,
});

const APP_CALLBACK_PROTO = 'dapr/proto/runtime/v1/appcallback.proto';

/** What the sidecar calls on the app: topic events, subscriptions, bindings. */
export const appCallbackService = sidecarService(APP_CALLBACK_PROTO, 'dapr.proto.runtime.v1.AppCallback');
export const appCallbackHealthCheckService = sidecarService(
  APP_CALLBACK_PROTO,
  'dapr.proto.runtime.v1.AppCallbackHealthCheck',
);
/** In the protos of current Dapr releases (bulk subscriptions); the kit tolerates its removal. */
export const appCallbackAlphaService = sidecarService(APP_CALLBACK_PROTO, 'dapr.proto.runtime.v1.AppCallbackAlpha');
/** The Dapr API on the sidecar's gRPC port: publish, state, secrets, metadata. */
export const daprApiService = sidecarService('dapr/proto/runtime/v1/dapr.proto', 'dapr.proto.runtime.v1.Dapr');
