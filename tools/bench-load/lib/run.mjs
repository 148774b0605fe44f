// One measured run of a scenario at one rate, with progress every second.
import { performance } from 'node:perf_hooks';
import { runOpenModel } from './driver.mjs';
import { createRecorder } from './recorder.mjs';

export async function measure({ scenario, state, origin, rate, durationS, options, log, label }) {
  const recorder = createRecorder();
  const startedAt = performance.now();
  let lastDone = 0;
  const { sent, dropped } = await runOpenModel({
    origin,
    rate,
    durationS,
    connections: options.connections,
    timeoutMs: options.timeoutMs,
    maxInFlight: options.maxInFlight,
    next: () => scenario.next(state),
    recorder,
    onSecond: ({ second, sent: s, inFlight, dropped: d }) => {
      const snap = recorder.report(second).timeline;
      const last = snap[second - 1] ?? { done: 0, errors: 0, p99: null };
      const done = snap.reduce((n, x) => n + x.done, 0);
      log(
        `  ${label} t=${second}s sent ${s} answered ${done} (+${done - lastDone}/s) p99(last s) ${last.p99 ?? '-'} ms errors(last s) ${last.errors} in flight ${inFlight}${d ? ` dropped ${d}` : ''}`,
      );
      lastDone = done;
    },
  });
  const result = recorder.report(durationS);
  result.total.sent = sent;
  result.total.dropped = dropped;
  result.total.wallSeconds = Math.round((performance.now() - startedAt) / 100) / 10;
  return { label, rate, durationS, result };
}
