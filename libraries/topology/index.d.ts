export type AppName = 'gateway' | 'product' | 'user' | 'order' | 'auth';
export type ProfileName = 'dev' | 'test' | 'test2' | 'test3' | 'test4' | 'test5' | 'test6' | 'test7';
export type StoreKind = 'mongodb' | 'postgresql' | 'redis' | null;

export interface AppPorts {
  readonly appId: string;
  readonly restPort: number;
  readonly grpcPort?: number;
  readonly appProtocol: 'grpc' | 'http';
  readonly daprHttpPort: number;
  readonly daprGrpcPort: number;
  readonly daprInternalGrpcPort: number;
  readonly daprMetricsPort: number;
  readonly store: StoreKind;
}

export declare const host: string;
export declare const components: {
  readonly pubsub: string;
  readonly workflowState: string;
  readonly cartState: string;
  readonly secrets: string;
};
/** Dapr HTTPEndpoint resources (external HTTP APIs reached through the sidecar). */
export declare const httpEndpoints: { readonly paymentProvider: string };
export declare const routes: ReadonlyArray<{ readonly prefix: string; readonly app: AppName }>;
export declare const appNames: readonly AppName[];
export declare const profiles: readonly ProfileName[];
export declare function appPorts(app: AppName, profile?: ProfileName): AppPorts;
export declare function infrastructurePorts(profile?: ProfileName): {
  placement: { port: number; raftPort: number; healthzPort: number; metricsPort: number };
  scheduler: { port: number; healthzPort: number; metricsPort: number; etcdClientPort: number; etcdPeerPort: number };
  ferretdb: { port: number; debugPort: number };
  faultProxy: {
    apiPort: number;
    postgresPort: number;
    ferretdbPort: number;
    redisPort: number;
    brokerRedisPort: number;
  };
};
export declare function databaseName(db: 'dapr' | 'user' | 'order' | 'product', profile?: ProfileName): string;
export declare function redisDb(profile?: ProfileName): number;
/** Environment settings a profile gives one app (tests shorten timeouts); {} when none. */
export declare function appSettings(app: AppName, profile?: ProfileName): Readonly<Record<string, string>>;
/** The base URL the payment provider's HTTPEndpoint points at in a profile. */
export declare function paymentProviderUrl(profile?: ProfileName): string;
/** The operators' console: its REST port (pages, /healthz, /readyz, /metrics); it has no sidecar. */
export declare function consolePorts(profile?: ProfileName): { readonly appId: string; readonly restPort: number };
