import * as grpc from '@grpc/grpc-js';
import { Counter, Gauge, type Registry } from 'prom-client';
import {
  productContract,
  type CoercedFields,
  type InventoryUpdate__Output,
  type ProductServiceClient,
} from '@shop/contracts';
import { createServiceClient, type Logger, type Stoppable } from '@shop/service-kit';
import { backoffDelay as kitBackoffDelay } from '@shop/service-kit/retry';
import { z } from 'zod';
import type { ProductCache } from '../../domain/product-cache';

// int64 arrives as a string (the proto loader maps longs to strings). Typed against the
// generated message (the fields read): a proto change the schema misses fails tsc.
const updateSchema = z.object({
  product_id: z.string().min(1),
  stock: z.coerce.number().int(),
  version: z.coerce.number().int(),
}) satisfies z.ZodType<
  Pick<InventoryUpdate__Output, 'product_id' | 'stock'> & CoercedFields<InventoryUpdate__Output, 'version', number>
>;

export interface InventoryWatchOptions {
  readonly cache: Pick<ProductCache, 'applyStock' | 'invalidateAll'>;
  readonly appId: string;
  readonly daprGrpcPort: number;
  readonly host?: string;
  readonly logger: Logger;
  readonly registry?: Registry;
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** A stream that stayed open this long was healthy: the next failure starts the backoff over. */
  readonly healthyAfterMs?: number;
  /**
   * Streams are re-opened after this long even when nothing failed: without keepalive pings
   * (the sidecar may refuse frequent ones) a silently dead connection is noticed at the latest here.
   */
  readonly streamLifetimeMs?: number;
}

/** The reconnect schedule: exponential with equal jitter, so replicas spread out. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number, random = Math.random): number {
  return Math.round(kitBackoffDelay(attempt, { initialMs, maxMs, jitter: 'equal' }, random));
}

/**
 * Keeps the cart's product cache in step with product's stock through WatchInventory (every
 * product: the set of cached ids changes all the time). The cache is emptied whenever the
 * stream opens or breaks, since changes made while nobody listened are not replayed.
 */
export function startInventoryWatch(options: InventoryWatchOptions): Stoppable {
  const { cache, logger } = options;
  const initialMs = options.initialDelayMs ?? 200;
  const maxMs = options.maxDelayMs ?? 30_000;
  const healthyAfterMs = options.healthyAfterMs ?? 10_000;
  const lifetimeMs = options.streamLifetimeMs ?? 10 * 60_000;
  // grpc-js backs off reconnecting its channel by itself (up to 120 s); ours is the one that counts.
  const client: ProductServiceClient = createServiceClient(productContract.client(), {
    ...options,
    channelOptions: { 'grpc.initial_reconnect_backoff_ms': initialMs, 'grpc.max_reconnect_backoff_ms': maxMs },
  });
  const registers = options.registry ? [options.registry] : [];
  const open = new Gauge({
    name: 'inventory_watch_open',
    help: '1 while the WatchInventory stream is open',
    registers,
  });
  const reconnects = new Counter({
    name: 'inventory_watch_reconnects_total',
    help: 'WatchInventory streams re-opened after an error or an end',
    registers,
  });
  const applied = new Counter({ name: 'inventory_watch_updates_total', help: 'Stock updates received', registers });

  let stopped = false;
  let failures = 0;
  let call: grpc.ClientReadableStream<unknown> | undefined;
  let timer: NodeJS.Timeout | undefined;

  function connect(): void {
    if (stopped) return;
    cache.invalidateAll();
    const startedAt = Date.now();
    // `dapr-stream` marks the call as a stream for the sidecar's proxy: its resiliency timeout
    // and retries (dapr/resiliency.yaml) then cover only the setup, not the stream's whole life.
    const metadata = new grpc.Metadata();
    metadata.set('dapr-stream', 'true');
    const request = { product_ids: [], send_initial: false };
    const current = client.WatchInventory(request, metadata, { deadline: startedAt + lifetimeMs });
    call = current;
    open.set(1);
    current.on('data', (raw: unknown) => {
      const update = updateSchema.safeParse(raw);
      if (!update.success) {
        logger.warn('inventory update ignored: invalid', { issues: update.error.issues.length });
        return;
      }
      applied.inc();
      cache.applyStock(update.data.product_id, update.data.stock, update.data.version);
    });
    // 'status' comes exactly once per call, after 'error' or the end; 'error' needs a listener anyway.
    current.on('error', () => undefined);
    current.on('status', (status: grpc.StatusObject) => {
      if (call === current) call = undefined;
      open.set(0);
      cache.invalidateAll();
      if (stopped) return;
      const lived = Date.now() - startedAt;
      const planned = status.code === grpc.status.DEADLINE_EXCEEDED && lived >= lifetimeMs - 1_000;
      failures = planned || lived >= healthyAfterMs ? 1 : failures + 1;
      const delay = planned ? 0 : backoffDelay(failures, initialMs, maxMs);
      reconnects.inc();
      const log = planned ? logger.info.bind(logger) : logger.warn.bind(logger);
      log('inventory watch reconnecting', {
        attempt: failures,
        delayMs: delay,
        code: grpc.status[status.code],
        reason: status.details,
        openForMs: lived,
      });
      timer = setTimeout(() => {
        timer = undefined;
        connect();
      }, delay);
    });
  }

  connect();
  return {
    name: 'inventory watch',
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      call?.cancel();
      client.close();
      open.set(0);
    },
  };
}
