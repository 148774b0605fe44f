// One measured run of a scenario at one rate, with progress every second.
import { performance } from 'node:perf_hooks';
import { runOpenModel } from './driver.mjs';
import { createRecorder } from './recorder.mjs';

export async function measure({ scenario, state, origin, rate, durationS, options, log, label }) {
  const recorder = createRecorder();
  const startedAt = performance.now();
  let lastDone = 0;
  const { sent, dropped, generatorLagMs } = await runOpenModel({
    origin,
    rate,
    durationS,
    connections: options.connections,
    timeoutMs: options.timeoutMs,
    maxInFlight: options.maxInFlight,
    next: () => scenario.next(state),
    recorder,
    onSecond: ({ second, sent: s, inFlight, dropped: d }) => {
      const { done, last } = recorder.progress(second - 1);
      log(
        `  ${label} t=${second}s sent ${s} answered ${done} (+${done - lastDone}/s) p99(last s) ${last.p99 ?? '-'} ms errors(last s) ${last.errors} in flight ${inFlight}${d ? ` dropped ${d}` : ''}`,
      );
      lastDone = done;
    },
  });
  const result = recorder.report(durationS);
  result.total.sent = sent;
  result.total.dropped = dropped;
  result.total.generatorLagMs = generatorLagMs;
  result.total.wallSeconds = Math.round((performance.now() - startedAt) / 100) / 10;
  return { label, rate, durationS, result };
}
