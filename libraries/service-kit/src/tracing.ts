/**
 * Start tracing before anything else is loaded: the instrumentations patch `http`, `express`
 * and `@grpc/grpc-js` when they are first required, so a service main's first import is
 * `./instrument` (a two-line file that calls startTracing) and only then everything else.
 * This module therefore must not import express, grpc-js or the kit's index.
 */
import type * as OtelCore from '@opentelemetry/core';
import type * as OtlpHttp from '@opentelemetry/exporter-trace-otlp-http';
import type * as ExpressInst from '@opentelemetry/instrumentation-express';
import type * as GrpcInst from '@opentelemetry/instrumentation-grpc';
import type * as HttpInst from '@opentelemetry/instrumentation-http';
import type * as Instrumentation from '@opentelemetry/instrumentation';
import type * as Resources from '@opentelemetry/resources';
import type * as SdkTraceNode from '@opentelemetry/sdk-trace-node';
import type * as SdkTraceBase from '@opentelemetry/sdk-trace-base';
import type * as SemConv from '@opentelemetry/semantic-conventions';
import type * as TraceSampling from './trace-sampling';
import { z } from 'zod';

export interface TracingOptions {
  readonly serviceName: string;
  /** OTLP/HTTP base URL (e.g. http://127.0.0.1:4318); spans are exported only when set. */
  readonly otlpEndpoint?: string | undefined;
  /**
   * Share of new traces sampled (0..1); calls that arrive with a trace context follow its
   * decision, so a sampled trace is whole across services and sidecars. Default 1.
   */
  readonly sampleRatio?: number | undefined;
  /** No tracer provider and no instrumentation at all (nothing patched); logs keep their request ids. */
  readonly disabled?: boolean | undefined;
}

export interface Tracing {
  shutdown(): Promise<void>;
}

const optionsSchema = z.object({
  serviceName: z.string().min(1),
  otlpEndpoint: z.url().optional(),
  sampleRatio: z.number().min(0).max(1).default(1),
  disabled: z.boolean().default(false),
});

const PROBE_PATHS = new Set(['/healthz', '/readyz', '/metrics', '/v1.0/healthz', '/v1.0/healthz/outbound']);

function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? '';
}

let running: Tracing | undefined;

export function startTracing(options: TracingOptions): Tracing {
  if (running) return running;
  const { serviceName, otlpEndpoint, sampleRatio, disabled } = optionsSchema.parse(options);
  if (disabled) {
    running = { shutdown: async () => void (running = undefined) };
    return running;
  }

  // The SDK, the exporter and the instrumentations are loaded only when tracing runs: a
  // process without a collector (the local default) does not pay their memory.
  const { W3CTraceContextPropagator } = require('@opentelemetry/core') as typeof OtelCore;
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof OtlpHttp;
  const { ExpressInstrumentation, ExpressLayerType } =
    require('@opentelemetry/instrumentation-express') as typeof ExpressInst;
  const { GrpcInstrumentation } = require('@opentelemetry/instrumentation-grpc') as typeof GrpcInst;
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof HttpInst;
  const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof Instrumentation;
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof Resources;
  const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node') as typeof SdkTraceNode;
  const { BatchSpanProcessor, NoopSpanProcessor } = require('@opentelemetry/sdk-trace-base') as typeof SdkTraceBase;
  const { keepErrors, ratioSampler } = require('./trace-sampling') as typeof TraceSampling;
  const { ATTR_SERVICE_NAME } = require('@opentelemetry/semantic-conventions') as typeof SemConv;

  // Without an exporter a processor must still exist, so that spans (and so the trace ids in
  // logs and headers) are real even when nothing is exported. With an exporter, failed spans
  // of unsampled traces are recorded and exported too (errors kept).
  const processor: SdkTraceBase.SpanProcessor = otlpEndpoint
    ? keepErrors(
        new BatchSpanProcessor(new OTLPTraceExporter({ url: `${otlpEndpoint.replace(/\/+$/, '')}/v1/traces` })),
      )
    : new NoopSpanProcessor();

  // A tracer provider and the three instrumentations, not NodeSDK: NodeSDK loads every
  // exporter and the metrics and logs SDKs, ~40 MiB of RSS per process (docs/performance.md),
  // and the shop uses none of them (metrics are Prometheus, logs go to stdout).
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    sampler: ratioSampler(sampleRatio, { recordUnsampled: otlpEndpoint !== undefined && sampleRatio < 1 }),
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
      // A span per middleware layer cost more than the request's own work; the route still
      // names the HTTP span, and routers and handlers keep theirs.
      new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
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

/**
 * Reads SERVICE_NAME, OTEL_EXPORTER_OTLP_ENDPOINT, TRACE_SAMPLE_RATIO and OTEL_SDK_DISABLED,
 * for an instrument.ts that runs before config loads. Tracing runs when spans can go
 * somewhere (an OTLP endpoint is set; ratio default 0.1) or when a ratio is asked for
 * explicitly (the test profiles set 1, so logs and problems carry trace ids and the e2e suite
 * checks that traces join). Otherwise, and always with OTEL_SDK_DISABLED=true, nothing is
 * registered or patched: logs keep their request ids, problems use them as traceId.
 */
export function startTracingFromEnv(env: Record<string, string | undefined> = process.env): Tracing {
  const ratio = env['TRACE_SAMPLE_RATIO'];
  const otlpEndpoint = env['OTEL_EXPORTER_OTLP_ENDPOINT'] || undefined;
  const explicit = ratio !== undefined && ratio !== '';
  return startTracing({
    serviceName: env['SERVICE_NAME'] || 'unknown-service',
    otlpEndpoint,
    sampleRatio: explicit ? Number(ratio) : DEFAULT_SAMPLE_RATIO,
    disabled: env['OTEL_SDK_DISABLED'] === 'true' || (otlpEndpoint === undefined && !explicit),
  });
}

export const DEFAULT_SAMPLE_RATIO = 0.1;
