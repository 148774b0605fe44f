import type { Express } from 'express';
import type { BaseConfig } from './config';
import { createDiagnosticsService } from './diagnostics';
import { type FastAnswerTools, type FastLane, withFastLane } from './fast-lane';
import type { AppCallbackOptions } from './events';
import { createGrpcServer, type GrpcServiceRegistration } from './grpc-server';
import { createHealthRouter, type Health, type HealthCheck } from './health';
import { listen, runService, type RunningService, type Stoppable } from './lifecycle';
import { createLogger, type Logger } from './logger';
import { createMetrics, httpRequestRecorder, type Metrics } from './metrics';
import { createRestApp } from './rest';

/** What a service's own wiring hands back once its stores are open. */
export interface ServiceParts {
  /** Opened stores and clients; closed after the servers, in reverse order. */
  readonly resources: readonly Stoppable[];
  /** Readiness checks of the service's own dependencies (the sidecar is always checked). */
  readonly checks: Readonly<Record<string, HealthCheck>>;
  /** The service's own proto services; Diagnostics is added to every app. */
  readonly grpcServices?: readonly GrpcServiceRegistration[];
  readonly appCallback?: AppCallbackOptions;
  /** Mounts the service's REST routes. */
  readonly routes?: (app: Express) => void;
  /** Answers some hot reads before Express (see fast-lane.ts); everything else takes the routes. */
  readonly fastLane?: (tools: FastAnswerTools) => FastLane;
  readonly bodyLimit?: string;
}

export interface ShopServiceOptions<C extends BaseConfig> {
  readonly config: C;
  /** The handle from startTracing, flushed last on shutdown. */
  readonly tracing: { shutdown(): Promise<void> };
  /** Opens stores and builds the service's handlers (a service's composition root). */
  readonly build: (kit: { config: C; logger: Logger; metrics: Metrics }) => Promise<ServiceParts>;
}

/**
 * Starts a service the one way every shop service starts: stores, then the gRPC server
 * (own services + Diagnostics + Dapr AppCallback) on GRPC_PORT, then REST on REST_PORT;
 * SIGTERM stops them in reverse. A plain function so each service's main stays a short,
 * explicit composition root instead of a subclass.
 */
export function runShopService<C extends BaseConfig>(options: ShopServiceOptions<C>): Promise<RunningService> {
  const { config } = options;
  const logger = createLogger(config.SERVICE_NAME, config.LOG_LEVEL);
  const metrics = createMetrics(config.SERVICE_NAME);
  let health: Health | undefined;
  const flushTracing: Stoppable = { name: 'tracing', stop: () => options.tracing.shutdown() };

  return runService({
    logger,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    health: { markShuttingDown: () => health?.markShuttingDown() },
    async start() {
      const stoppables: Stoppable[] = [flushTracing];
      const parts = await options.build({ config, logger, metrics });
      stoppables.push(...parts.resources);
      const readyz = createHealthRouter({
        checks: parts.checks,
        daprHttpPort: config.DAPR_HTTP_PORT,
        daprHost: config.HOST,
      });
      health = readyz;
      if (config.GRPC_PORT !== undefined) {
        const diagnostics = createDiagnosticsService({
          service: config.SERVICE_NAME,
          logger,
          daprGrpcPort: config.DAPR_GRPC_PORT,
          daprHost: config.HOST,
        });
        const grpc = createGrpcServer({
          logger,
          metrics,
          services: [diagnostics, ...(parts.grpcServices ?? [])],
          ...(parts.appCallback ? { appCallback: parts.appCallback } : {}),
          readiness: () => readyz.readiness(),
        });
        const port = await grpc.start(config.HOST, config.GRPC_PORT);
        stoppables.push({ name: `grpc ${config.HOST}:${port}`, stop: () => grpc.stop(5_000) });
      }
      const app = createRestApp({
        service: config.SERVICE_NAME,
        logger,
        metrics,
        health: readyz,
        ...(parts.bodyLimit ? { bodyLimit: parts.bodyLimit } : {}),
        configure: parts.routes ?? (() => undefined),
      });
      const handler = parts.fastLane
        ? withFastLane(parts.fastLane({ logger, record: httpRequestRecorder(metrics) }), app)
        : app;
      stoppables.push(await listen(handler, config.HOST, config.REST_PORT));
      return stoppables;
    },
  });
}

/** Parses the service's config or exits with every problem listed (fail fast). */
export function configOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
