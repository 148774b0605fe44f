// Collects every answer of a run: per endpoint the latencies and statuses, per second the
// throughput and latencies, so percentiles are exact (a run holds at most a few 100k samples).

export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarise(latencies) {
  const sorted = Float64Array.from(latencies).sort();
  const r = (v) => (v === null ? null : Math.round(v * 100) / 100);
  return {
    count: sorted.length,
    p50: r(percentile(sorted, 50)),
    p90: r(percentile(sorted, 90)),
    p99: r(percentile(sorted, 99)),
    p999: r(percentile(sorted, 99.9)),
    max: r(sorted.length ? sorted[sorted.length - 1] : null),
  };
}

/** 2xx and 304 are answers; anything else (and a transport error) is an error. */
export const isOk = (status) => (status >= 200 && status < 300) || status === 304;

export function createRecorder() {
  const endpoints = new Map();
  const seconds = [];
  let answered = 0;
  const endpoint = (name) => {
    let e = endpoints.get(name);
    if (!e) endpoints.set(name, (e = { latencies: [], okLatencies: [], statuses: {}, shed: 0, shedWithRetryAfter: 0 }));
    return e;
  };
  const second = (s) => {
    while (seconds.length <= s) seconds.push({ done: 0, errors: 0, latencies: [] });
    return seconds[s];
  };
  return {
    /** `at` is when the answer came, in ms since the run began; latency counts from the planned send. */
    record(name, status, latencyMs, at, retryAfter) {
      const e = endpoint(name);
      e.latencies.push(latencyMs);
      e.statuses[status] = (e.statuses[status] ?? 0) + 1;
      if (isOk(status)) e.okLatencies.push(latencyMs);
      if (status === 429 || status === 503) {
        e.shed += 1;
        if (retryAfter) e.shedWithRetryAfter += 1;
      }
      const s = second(Math.floor(at / 1000));
      answered += 1;
      s.done += 1;
      if (!isOk(status)) s.errors += 1;
      s.latencies.push(latencyMs);
    },
    /**
     * The progress line's figures: one second's answers and the running count. Cheap on
     * purpose: summarising the whole run every second sorted every sample so far and stalled
     * the generator (its stalls count as latency).
     */
    progress(s) {
      const last = seconds[s] ?? { done: 0, errors: 0, latencies: [] };
      return { done: answered, last: { done: last.done, errors: last.errors, p99: summarise(last.latencies).p99 } };
    },
    /** Answers per second over the whole window, per endpoint, with percentiles and errors by status. */
    report(windowS) {
      const per = {};
      const all = [];
      const statuses = {};
      let errors = 0;
      let okCount = 0;
      let shed = 0;
      let shedWithRetryAfter = 0;
      for (const [name, e] of [...endpoints].sort(([a], [b]) => a.localeCompare(b))) {
        const errs = Object.entries(e.statuses).filter(([s]) => !isOk(Number(s)));
        const errorCount = errs.reduce((n, [, c]) => n + c, 0);
        per[name] = {
          // Achieved means answered well: errors and timeouts are not throughput.
          achievedRate: Math.round((e.okLatencies.length / windowS) * 10) / 10,
          answeredRate: Math.round((e.latencies.length / windowS) * 10) / 10,
          ...summarise(e.latencies),
          errors: errorCount,
          errorsByStatus: Object.fromEntries(errs),
          statuses: e.statuses,
        };
        for (const v of e.latencies) all.push(v);
        okCount += e.okLatencies.length;
        errors += errorCount;
        shed += e.shed;
        shedWithRetryAfter += e.shedWithRetryAfter;
        for (const [s, c] of Object.entries(e.statuses)) statuses[s] = (statuses[s] ?? 0) + c;
      }
      const total = {
        achievedRate: Math.round((okCount / windowS) * 10) / 10,
        answeredRate: Math.round((all.length / windowS) * 10) / 10,
        ...summarise(all),
        errors,
        statuses,
        shed,
        shedWithRetryAfter,
      };
      const timeline = seconds.map((s, i) => ({
        t: i,
        done: s.done,
        errors: s.errors,
        ...pick(summarise(s.latencies)),
      }));
      return { total, endpoints: per, timeline };
    },
  };
}

const pick = ({ p50, p99 }) => ({ p50, p99 });
