import { isSpanContextValid, type SpanContext } from '@opentelemetry/api';

/**
 * OpenCensus binary trace context (`grpc-trace-bin`), the header Dapr reads on gRPC.
 * Written by hand: OpenTelemetry JS ships no propagator for this format, and it is 29 bytes:
 * version 0, field 0 trace id (16 bytes), field 1 span id (8), field 2 trace options (1).
 */
export function toGrpcTraceBin(span: SpanContext): Buffer | undefined {
  if (!isSpanContextValid(span)) return undefined;
  return Buffer.concat([
    Buffer.from([0, 0]),
    Buffer.from(span.traceId, 'hex'),
    Buffer.from([1]),
    Buffer.from(span.spanId, 'hex'),
    Buffer.from([2, span.traceFlags & 1]),
  ]);
}

/** Parses a W3C traceparent (version 00) into a span context, or undefined when malformed. */
export function parseTraceparent(value: string): SpanContext | undefined {
  const m = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(value.trim());
  if (!m) return undefined;
  const span = { traceId: m[1]!, spanId: m[2]!, traceFlags: parseInt(m[3]!, 16) };
  return isSpanContextValid(span) ? span : undefined;
}

/** Reads a `grpc-trace-bin` header (see toGrpcTraceBin), or undefined when malformed. */
export function fromGrpcTraceBin(bin: Buffer): SpanContext | undefined {
  if (bin.length < 29 || bin[0] !== 0 || bin[1] !== 0 || bin[18] !== 1 || bin[27] !== 2) return undefined;
  const span = {
    traceId: bin.subarray(2, 18).toString('hex'),
    spanId: bin.subarray(19, 27).toString('hex'),
    traceFlags: bin[28]! & 1,
    isRemote: true,
  };
  return isSpanContextValid(span) ? span : undefined;
}
