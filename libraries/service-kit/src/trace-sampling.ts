import {
  type Context,
  type SpanKind,
  type Attributes,
  type Link,
  SpanStatusCode,
  TraceFlags,
} from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  ParentBasedSampler,
  type ReadableSpan,
  type Sampler,
  SamplingDecision,
  type SamplingResult,
  type Span,
  type SpanProcessor,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';

/** Records (without sampling) what `inner` would drop, so a failure can still be exported. */
class RecordUnsampled implements Sampler {
  constructor(private readonly inner: Sampler) {}
  shouldSample(
    ctx: Context,
    traceId: string,
    name: string,
    kind: SpanKind,
    attrs: Attributes,
    links: Link[],
  ): SamplingResult {
    const r = this.inner.shouldSample(ctx, traceId, name, kind, attrs, links);
    return r.decision === SamplingDecision.NOT_RECORD ? { decision: SamplingDecision.RECORD } : r;
  }
  toString(): string {
    return `RecordUnsampled{${this.inner.toString()}}`;
  }
}

/**
 * Parent-based ratio sampling: a new trace is sampled with probability `ratio` (by trace id,
 * so every service decides the same for one trace); a call that carries a context follows
 * it. With `recordUnsampled`, unsampled spans are recorded but not propagated as sampled, so
 * keepErrors can export the failed ones.
 */
export function ratioSampler(ratio: number, { recordUnsampled }: { recordUnsampled: boolean }): Sampler {
  const wrap = (s: Sampler) => (recordUnsampled ? new RecordUnsampled(s) : s);
  return new ParentBasedSampler({
    root: wrap(new TraceIdRatioBasedSampler(ratio)),
    remoteParentNotSampled: wrap(new AlwaysOffSampler()),
    localParentNotSampled: wrap(new AlwaysOffSampler()),
  });
}

/** Passes sampled spans on, and unsampled ones that failed (marked sampled, so they export). */
export function keepErrors(inner: SpanProcessor): SpanProcessor {
  return {
    onStart: (span: Span, ctx: Context) => inner.onStart(span, ctx),
    onEnd(span: ReadableSpan) {
      const sc = span.spanContext();
      if (sc.traceFlags & TraceFlags.SAMPLED) return inner.onEnd(span);
      if (span.status.code !== SpanStatusCode.ERROR) return;
      const kept = Object.create(span, {
        spanContext: { value: () => ({ ...sc, traceFlags: sc.traceFlags | TraceFlags.SAMPLED }) },
      }) as ReadableSpan;
      inner.onEnd(kept);
    },
    forceFlush: () => inner.forceFlush(),
    shutdown: () => inner.shutdown(),
  };
}
