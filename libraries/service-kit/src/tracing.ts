/**
 * Start tracing before anything else is loaded: the instrumentations patch `http`, `express`
 * and `@grpc/grpc-js` when they are first required, so a service main's first import is
 * `./instrument` (a two-line file that calls startTracing) and only then everything else.
 * This module therefore must not import express, grpc-js or the kit's index.
 */
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import {
  AlwaysOnSampler,
  BatchSpanProcessor,
  NoopSpanProcessor,
  ParentBasedSampler,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { z } from 'zod';

export interface TracingOptions {
  readonly serviceName: string;
  /** OTLP/HTTP base URL (e.g. http://127.0.0.1:4318); spans are exported only when set. */
  readonly otlpEndpoint?: string | undefined;
}

export interface Tracing {
  shutdown(): Promise<void>;
}

const optionsSchema = z.object({
  serviceName: z.string().min(1),
  otlpEndpoint: z.url().optional(),
});

const PROBE_PATHS = new Set(['/healthz', '/readyz', '/metrics', '/v1.0/healthz', '/v1.0/healthz/outbound']);

function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? '';
}

let running: Tracing | undefined;

export function startTracing(options: TracingOptions): Tracing {
  if (running) return running;
  const { serviceName, otlpEndpoint } = optionsSchema.parse(options);

  // Without an exporter a processor must still exist, so that spans (and so the trace ids in
  // logs and headers) are real even when nothing is exported.
  const processor: SpanProcessor = otlpEndpoint
    ? new BatchSpanProcessor(new OTLPTraceExporter({ url: `${otlpEndpoint.replace(/\/+$/, '')}/v1/traces` }))
    : new NoopSpanProcessor();

  // A tracer provider and the three instrumentations, not NodeSDK: NodeSDK loads every
  // exporter and the metrics and logs SDKs, ~40 MiB of RSS per process (docs/performance.md),
  // and the shop uses none of them (metrics are Prometheus, logs go to stdout).
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    // The sidecar decides sampling for calls that arrive with a traceparent; roots always sample.
    sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }),
    spanProcessors: [processor],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => PROBE_PATHS.has(pathOf(req.url)),
        ignoreOutgoingRequestHook: (req) => PROBE_PATHS.has(pathOf(req.path ?? undefined)),
      }),
      new ExpressInstrumentation(),
      new GrpcInstrumentation({ ignoreGrpcMethods: ['HealthCheck'] }),
    ],
  });

  const handle: Tracing = {
    async shutdown() {
      running = undefined;
      unregister();
      await provider.shutdown();
    },
  };
  running = handle;
  return handle;
}

/** Reads SERVICE_NAME and OTEL_EXPORTER_OTLP_ENDPOINT, for an instrument.ts that runs before config loads. */
export function startTracingFromEnv(env: Record<string, string | undefined> = process.env): Tracing {
  return startTracing({
    serviceName: env['SERVICE_NAME'] || 'unknown-service',
    otlpEndpoint: env['OTEL_EXPORTER_OTLP_ENDPOINT'] || undefined,
  });
}
