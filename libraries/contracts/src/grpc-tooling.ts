// The standard gRPC tooling every app's port serves (health, reflection): their names and
// protos (shipped in their npm packages), written here like every other service's.
export const grpcHealth = {
  proto: 'grpc-health-check/proto/health/v1/health.proto',
  service: 'grpc.health.v1.Health',
} as const;

export const grpcReflection = {
  proto: '@grpc/reflection/build/proto/grpc/reflection/v1/reflection.proto',
  /** Both versions are served: grpcurl asks v1, older tools v1alpha. */
  services: ['grpc.reflection.v1.ServerReflection', 'grpc.reflection.v1alpha.ServerReflection'],
} as const;

/** An npm package's .proto (as above) on disk. */
export const packagedProtoPath = (proto: string): string => require.resolve(proto);
