import type { Scraper } from './ports';
import { parsePrometheus, totalsOf, type Totals } from './prometheus';

export interface ScrapeTarget {
  readonly process: string;
  readonly url: string;
}

interface Point {
  readonly at: number;
  readonly totals?: Totals | undefined;
}

/** Per process and interval: the rates and mean latencies the Metrics page charts. */
export interface Series {
  readonly process: string;
  readonly times: number[];
  readonly requestRate: (number | null)[];
  readonly errorRate: (number | null)[];
  readonly latencyMs: (number | null)[];
  readonly workflowMs: (number | null)[];
  readonly activityMs: (number | null)[];
  readonly checkouts: Record<string, (number | null)[]>;
  readonly up: boolean;
  readonly error?: string | undefined;
}

const delta = (a: number, b: number) => (b >= a ? b - a : b); // a counter reset starts from zero
// The kit's histograms are in seconds; daprd's workflow latencies are already milliseconds.
const mean = (s0: number, c0: number, s1: number, c1: number, toMs = 1000) => {
  const c = delta(c0, c1);
  return c > 0 ? (delta(s0, s1) / c) * toMs : null;
};

export interface MetricsHistory {
  sampleOnce(): Promise<void>;
  series(): Series[];
}

/** Scrapes every process on an interval and keeps the last `keep` scrapes in memory. */
export function createMetricsHistory(options: {
  scraper: Scraper;
  targets: readonly ScrapeTarget[];
  keep?: number;
}): MetricsHistory {
  const keep = options.keep ?? 60;
  const points = new Map<string, Point[]>(options.targets.map((t) => [t.process, []]));
  const errors = new Map<string, string>();

  async function sampleOnce(): Promise<void> {
    const at = Date.now();
    await Promise.all(
      options.targets.map(async (t) => {
        let totals: Totals | undefined;
        try {
          totals = totalsOf(parsePrometheus(await options.scraper.scrape(t.url)));
          errors.delete(t.process);
        } catch (err) {
          errors.set(t.process, err instanceof Error ? err.message : String(err));
        }
        const list = points.get(t.process)!;
        list.push({ at, totals });
        if (list.length > keep) list.shift();
      }),
    );
  }

  function seriesOf(process: string, list: readonly Point[]): Series {
    const s: Series = {
      process,
      times: [],
      requestRate: [],
      errorRate: [],
      latencyMs: [],
      workflowMs: [],
      activityMs: [],
      checkouts: {},
      up: !errors.has(process),
      error: errors.get(process),
    };
    const outcomes = new Set<string>();
    for (const p of list) for (const o of Object.keys(p.totals?.checkouts ?? {})) outcomes.add(o);
    for (const o of outcomes) s.checkouts[o] = [];
    for (let i = 1; i < list.length; i += 1) {
      const a = list[i - 1]!;
      const b = list[i]!;
      s.times.push(Math.round(b.at / 1000));
      const secs = (b.at - a.at) / 1000;
      const ok = a.totals && b.totals && secs > 0;
      const x = a.totals!;
      const y = b.totals!;
      s.requestRate.push(ok ? delta(x.requests, y.requests) / secs : null);
      s.errorRate.push(ok ? delta(x.errors, y.errors) / secs : null);
      s.latencyMs.push(ok ? mean(x.durationSum, x.durationCount, y.durationSum, y.durationCount) : null);
      s.workflowMs.push(ok ? mean(x.workflowSum, x.workflowCount, y.workflowSum, y.workflowCount, 1) : null);
      s.activityMs.push(ok ? mean(x.activitySum, x.activityCount, y.activitySum, y.activityCount, 1) : null);
      for (const o of outcomes) s.checkouts[o]!.push(ok ? delta(x.checkouts[o] ?? 0, y.checkouts[o] ?? 0) : null);
    }
    return s;
  }

  return {
    sampleOnce,
    series: () => [...points.entries()].map(([p, list]) => seriesOf(p, list)),
  };
}
