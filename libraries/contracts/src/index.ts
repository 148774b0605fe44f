// The shop's gRPC contracts. Domain code imports only the transport-free subpaths
// (@shop/contracts/statuses, @shop/contracts/reservation); this barrel loads grpc-js.
export {
  defineContract,
  type ClientConstructor,
  type CoercedFields,
  type ServiceContract,
  type ServiceImplementation,
  type ServiceRegistration,
} from './contract';
export { loadedPackageDefinitions, shopProtoDir } from './loader';
export * from './auth';
export * from './diagnostics';
export * from './durabletask';
export * from './grpc-tooling';
export * from './product';
export * from './reservation';
export * from './sidecar';
export * from './statuses';
export * from './user';
