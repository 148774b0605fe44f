// The fault suite's handle on toxiproxy (scripts/lib/fault-proxy.mjs starts it with one proxy
// per store) and small helpers: timing an answer, waiting for a condition, and writing each
// scenario's figures to .run/<profile>/faults/ for the README's reliability table.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Toxiproxy, type Proxy, type ToxicDirection, type ToxicType } from 'toxiproxy-node-client';
import { host, infrastructurePorts } from '@shop/topology';
import { PROFILE, ROOT } from './shop';

// The runner's stack helpers (restarting a process) must see the same store URLs as the
// suite's stack, which its global setup started with the fault proxy on.
process.env.SHOP_FAULT_PROXY = 'on';

/** `npm run test:faults` runs the full scenarios; `npm test` the fast subset. */
export const FULL = process.env.SHOP_FAULTS === 'full';

const api = new Toxiproxy(`http://${host}:${infrastructurePorts(PROFILE).faultProxy.apiPort}`);

export interface StoreProxy {
  /** Every byte from the store delayed by `ms`. */
  slow(ms: number): Promise<void>;
  /** Bandwidth cut to `kbPerSecond` each way. */
  throttle(kbPerSecond: number): Promise<void>;
  /** Every connection reset (TCP RST) as soon as data flows. */
  resetting(): Promise<void>;
  /** Connections accepted, nothing ever delivered: a store that hangs. */
  blackhole(): Promise<void>;
  /** Listener closed: new connections refused, open ones cut. */
  refuse(): Promise<void>;
  /** Back to a clean pipe. */
  heal(): Promise<void>;
}

function storeProxy(name: string): StoreProxy {
  const proxy = (): Promise<Proxy> => api.get(name);
  const added = new Set<string>();
  const toxic = async (type: ToxicType, attributes: Record<string, number>, stream: ToxicDirection = 'downstream') => {
    const p = await proxy();
    await p.addToxic({ name: `${type}_${stream}`, type, stream, toxicity: 1, attributes });
    added.add(`${type}_${stream}`);
  };
  return {
    slow: (ms) => toxic('latency', { latency: ms, jitter: 0 }),
    throttle: async (rate) => {
      await toxic('bandwidth', { rate }, 'downstream');
      await toxic('bandwidth', { rate }, 'upstream');
    },
    resetting: () => toxic('reset_peer', { timeout: 0 }, 'upstream'),
    blackhole: () => toxic('timeout', { timeout: 0 }, 'upstream'),
    refuse: async () => {
      const p = await proxy();
      await p.update({ enabled: false, listen: p.listen, upstream: p.upstream });
    },
    heal: async () => {
      const p = await proxy();
      for (const toxicName of added) await (await p.getToxic(toxicName)).remove();
      added.clear();
      if (!p.enabled) await p.update({ enabled: true, listen: p.listen, upstream: p.upstream });
    },
  };
}

export const faults = {
  postgres: storeProxy('postgres'),
  ferretdb: storeProxy('ferretdb'),
  redis: storeProxy('redis'),
  healAll: () =>
    Promise.all([faults.postgres.heal(), faults.ferretdb.heal(), faults.redis.heal()]).then(() => undefined),
};

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

/** One scenario's figures as JSON, one file per scenario and run. */
export function record(scenario: string, figures: Record<string, unknown>): void {
  const dir = join(ROOT, '.run', PROFILE, 'faults');
  mkdirSync(dir, { recursive: true });
  const at = new Date().toISOString();
  writeFileSync(
    join(dir, `${scenario}-${at.replace(/[:.]/g, '-')}.json`),
    `${JSON.stringify({ scenario, at, full: FULL, ...figures }, null, 2)}\n`,
  );
  process.stdout.write(`faults: ${scenario} ${JSON.stringify(figures)}\n`);
}
