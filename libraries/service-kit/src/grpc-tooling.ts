import type * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { grpcHealth, grpcReflection, loadedPackageDefinitions } from '@shop/contracts';
import { HealthImplementation, protoPath as healthProtoPath, type ServingStatus } from 'grpc-health-check';
import type { Logger } from './logger';
import { periodic, type PeriodicJob } from './periodic';

/**
 * The standard gRPC tooling on every app's gRPC port: `grpc.health.v1.Health` (what
 * Kubernetes gRPC probes, load balancers and grpc_health_probe ask) following the service's
 * readiness, and server reflection (what grpcurl and other tools use to list and call
 * services without the .proto files).
 */
export interface GrpcTooling {
  /** Starts following readiness: every served name answers SERVING while ready. */
  follow(readiness: () => Promise<{ ready: boolean }>): void;
  /** NOT_SERVING for every name from now on (shutdown). */
  stop(): void;
}

/** `/pkg.Service/Method` paths of a service definition -> `pkg.Service`. */
export function serviceNameOf(definition: grpc.ServiceDefinition): string | undefined {
  const first = Object.values(definition)[0];
  return first?.path.split('/')[1];
}

export function addGrpcTooling(
  server: grpc.Server,
  servedNames: readonly string[],
  logger: Logger,
  followIntervalMs = 5_000,
): GrpcTooling {
  const names = ['', ...servedNames];
  const health = new HealthImplementation(Object.fromEntries(names.map((n) => [n, 'NOT_SERVING' as ServingStatus])));
  health.addToServer(server);
  const described = { ...loadedPackageDefinitions(), ...protoLoader.loadSync(healthProtoPath, { keepCase: true }) };
  new ReflectionService(described, {
    services: [...servedNames, grpcHealth.service, ...grpcReflection.services],
  }).addToServer(server);

  let job: PeriodicJob | undefined;
  let stopped = false;
  let last: ServingStatus | undefined;
  const set = (status: ServingStatus) => {
    if (status === last || (stopped && status === 'SERVING')) return;
    last = status;
    for (const n of names) health.setStatus(n, status);
  };
  return {
    follow(readiness) {
      // Every followIntervalMs while serving; every 250 ms while not, so a start or a store's
      // return shows within a quarter second of /readyz turning green.
      const check = async () => {
        try {
          set((await readiness()).ready ? 'SERVING' : 'NOT_SERVING');
        } catch (err) {
          logger.warn('gRPC health could not read readiness', { err });
          set('NOT_SERVING');
        }
      };
      job = periodic('gRPC health follow', check, {
        logger,
        intervalMs: followIntervalMs,
        firstDelayMs: 0,
        ref: false,
        nextDelayMs: () => (last === 'SERVING' ? followIntervalMs : 250),
      });
      job.start();
    },
    stop() {
      stopped = true;
      void job?.stop(); // a check in flight cannot turn it SERVING again (see set)
      set('NOT_SERVING');
    },
  };
}
