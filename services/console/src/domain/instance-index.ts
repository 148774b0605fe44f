import type { AppTarget, WorkflowApi } from './ports';
import { orderIdOf, TERMINAL_STATUSES, type InstanceSummary } from './workflows';

export interface IndexState {
  readonly refreshedAt?: Date | undefined;
  /** Per app: the error of its last listing (a dead sidecar), if any. */
  readonly errors: Readonly<Record<string, string>>;
}

export interface InstanceIndex {
  all(): Iterable<InstanceSummary>;
  get(app: string, instanceId: string): InstanceSummary | undefined;
  byOrder(orderId: string): InstanceSummary[];
  state(): IndexState;
  /** One refresh now (what main.ts runs periodically); never throws. */
  refresh(): Promise<void>;
  /** Re-reads one instance at once (after an action), or forgets it if it is gone. */
  touch(app: string, instanceId: string): Promise<void>;
}

const key = (app: string, id: string) => `${app}\u0000${id}`;

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

/**
 * Every workflow instance of every app, kept in memory so that listing, filtering and paging
 * 1,000 instances costs no sidecar call per page. A refresh lists the ids (ListInstanceIDs)
 * and reads the state only of instances that are new or not finished: a finished instance
 * never changes again, only disappears when purged. An unfinished one is re-read at most
 * every `runningRefreshMs`: during a load test hundreds run at once, and the console must not
 * add a GetInstance per instance every round to the sidecar's work (its detail page and
 * every action read live anyway).
 */
export function createInstanceIndex(options: {
  api: WorkflowApi;
  targets: readonly AppTarget[];
  concurrency?: number;
  runningRefreshMs?: number;
  onError?: (app: string, err: unknown) => void;
}): InstanceIndex {
  const entries = new Map<string, InstanceSummary>();
  const errors: Record<string, string> = {};
  let refreshedAt: Date | undefined;
  let running: Promise<void> | undefined;
  const concurrency = options.concurrency ?? 8;
  const runningRefreshMs = options.runningRefreshMs ?? 10_000;
  const readAt = new Map<string, number>();

  async function read(target: AppTarget, id: string): Promise<void> {
    // With payloads: the sidecar leaves the custom status out otherwise.
    const detail = await options.api.getInstance(target, id, true);
    readAt.set(key(target.name, id), Date.now());
    if (!detail) {
      entries.delete(key(target.name, id));
      return;
    }
    const { input: _i, output: _o, failure: _f, completedAt: _c, ...summary } = detail;
    entries.set(key(target.name, id), { ...summary, app: target.name, orderId: orderIdOf(id) });
  }

  async function refreshApp(target: AppTarget): Promise<void> {
    try {
      const ids = await options.api.listInstanceIds(target);
      const listed = new Set(ids);
      for (const [k, v] of entries) {
        if (v.app === target.name && !listed.has(v.instanceId)) {
          entries.delete(k);
          readAt.delete(k);
        }
      }
      const now = Date.now();
      const stale = ids.filter((id) => {
        const known = entries.get(key(target.name, id));
        if (!known) return true;
        return (
          !TERMINAL_STATUSES.has(known.status) && now - (readAt.get(key(target.name, id)) ?? 0) >= runningRefreshMs
        );
      });
      await inBatches(stale, concurrency, (id) => read(target, id).catch(() => undefined));
      delete errors[target.name];
    } catch (err) {
      errors[target.name] = err instanceof Error ? err.message.split('\n')[0]! : String(err);
      options.onError?.(target.name, err);
    }
  }

  async function refreshAll(): Promise<void> {
    await Promise.all(options.targets.map(refreshApp));
    refreshedAt = new Date();
  }

  const index: InstanceIndex = {
    all: () => entries.values(),
    get: (app, id) => entries.get(key(app, id)),
    byOrder: (orderId) => [...entries.values()].filter((e) => e.orderId === orderId.toLowerCase()),
    state: () => ({ refreshedAt, errors: { ...errors } }),
    refresh() {
      // One refresh at a time: a slow sidecar must not pile up overlapping rounds.
      running ??= refreshAll().finally(() => {
        running = undefined;
      });
      return running;
    },
    async touch(app, id) {
      const target = options.targets.find((t) => t.name === app);
      if (target) await read(target, id).catch(() => undefined);
    },
  };
  return index;
}
