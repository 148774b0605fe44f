// Raises the rate step by step until p99 passes the SLO (or errors appear), reports the knee
// (the last rate that held), then runs one step at twice the knee to see how the shop sheds:
// fast 429/503 with Retry-After, or timeouts.
import { measure } from './run.mjs';

const MIN_RATE = 5;

export async function runSweep({ scenario, state, origin, options, log, from, step, to, stepS }) {
  const runs = [];
  const steps = [];
  let knee;
  const stepAt = async (rate) => {
    const run = await measure({
      scenario,
      state,
      origin,
      rate,
      durationS: stepS,
      options,
      log,
      label: `step ${rate}/s`,
    });
    runs.push(run);
    const t = run.result.total;
    const passed = t.p99 !== null && t.p99 <= options.sloP99Ms && t.errors === 0 && t.achievedRate >= rate * 0.95;
    steps.push({ rate, achievedRate: t.achievedRate, p99: t.p99, errors: t.errors, passed });
    log(
      `step ${rate}/s: achieved ${t.achievedRate}/s p99 ${t.p99} ms errors ${t.errors} -> ${passed ? 'holds' : 'past the knee'}`,
    );
    await new Promise((r) => setTimeout(r, 2000));
    return passed;
  };
  // Below the first step when even that misses the SLO (a slow or busy machine): halve until
  // one holds, down to MIN_RATE, so a knee is reported on any machine.
  let rate = from;
  while (!(await stepAt(rate))) {
    if (rate <= MIN_RATE || steps.length > 1 + Math.log2(from / MIN_RATE)) break;
    rate = Math.max(MIN_RATE, Math.floor(rate / 2));
  }
  if (steps.at(-1).passed) {
    knee = rate;
    for (rate = knee === from ? from + step : knee * 2; rate <= to; rate = rate < from ? rate * 2 : rate + step) {
      if (!(await stepAt(rate))) break;
      knee = rate;
    }
  }
  let overload;
  if (knee) {
    await new Promise((r) => setTimeout(r, 3000));
    const rate = knee * 2;
    const run = await measure({
      scenario,
      state,
      origin,
      rate,
      durationS: stepS,
      options,
      log,
      label: `overload ${rate}/s`,
    });
    runs.push(run);
    const t = run.result.total;
    const ok = Object.entries(t.statuses)
      .filter(([s]) => Number(s) < 400 || s === '304')
      .reduce((n, [, c]) => n + c, 0);
    overload = {
      rate,
      answered: ok,
      shed: t.shed,
      shedWithRetryAfter: t.shedWithRetryAfter,
      timeouts: t.statuses.timeout ?? 0,
      otherErrors: t.errors - t.shed - (t.statuses.timeout ?? 0),
      p99: t.p99,
      statuses: t.statuses,
    };
  }
  return { runs, summary: { sloP99Ms: options.sloP99Ms, knee, steps, overload } };
}
