import * as grpc from '@grpc/grpc-js';
import { daprApiService } from '@shop/contracts';
import { context, propagation } from '@opentelemetry/api';
import { z } from 'zod';
import { AppError } from './errors';
import { checkSidecar } from './health';
import type { Logger } from './logger';
import { retry } from './retry';

export interface DaprClientSettings {
  readonly daprHost?: string;
  readonly daprGrpcPort: number;
  /** Kept with the client settings so waitForSidecar can use the same object. */
  readonly daprHttpPort?: number;
  /** Failed sidecar calls are logged here at debug level (the caller decides what to report). */
  readonly logger?: Logger;
  /** Deadline of each call (5 s): a sidecar that does not answer must not hold a request. */
  readonly deadlineMs?: number;
}

const settingsSchema = z.object({
  daprHost: z.string().min(1).default('127.0.0.1'),
  daprGrpcPort: z.number().int().min(1).max(65535),
  daprHttpPort: z.number().int().min(1).max(65535).optional(),
  deadlineMs: z.number().int().positive().default(5_000),
});

export type StateConcurrency = 'first-write' | 'last-write';
export type StateConsistency = 'eventual' | 'strong';

export interface StateEntry {
  /** The stored value parsed as JSON (the raw string when it is not JSON); undefined when absent. */
  readonly data: unknown;
  /** Empty when the key does not exist. */
  readonly etag: string | undefined;
}

export interface StateItem {
  readonly key: string;
  /** Stored as JSON. */
  readonly value: unknown;
  readonly etag?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly concurrency?: StateConcurrency;
  readonly consistency?: StateConsistency;
}

/**
 * The part of the sidecar's gRPC API (`daprApiService`) the shop uses: publish,
 * secrets and key/value state. Rejections are grpc-js ServiceErrors (numeric `code`).
 */
export interface DaprClient {
  publish(pubsubName: string, topic: string, data: object, metadata?: Readonly<Record<string, string>>): Promise<void>;
  getSecret(storeName: string, key: string): Promise<Record<string, string>>;
  getState(storeName: string, key: string): Promise<StateEntry>;
  saveState(storeName: string, items: readonly StateItem[]): Promise<void>;
  deleteState(storeName: string, key: string): Promise<void>;
  stop(): Promise<void>;
}

type Unary = (
  request: unknown,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, response?: unknown) => void,
) => void;

const CONCURRENCY = { 'first-write': 'CONCURRENCY_FIRST_WRITE', 'last-write': 'CONCURRENCY_LAST_WRITE' } as const;
const CONSISTENCY = { eventual: 'CONSISTENCY_EVENTUAL', strong: 'CONSISTENCY_STRONG' } as const;

function parseStored(data: Buffer | undefined): unknown {
  if (!data || data.length === 0) return undefined;
  const text = data.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * A gRPC client of the local sidecar on grpc-js and the Dapr protos, the stack every service
 * already loads for its AppCallback server. Written here instead of using @dapr/dapr's
 * DaprClient: that one brings a second gRPC stack (ConnectRPC) and the generated code of
 * every Dapr API, ~20 MiB of RSS per process for three calls (docs/performance.md). The
 * workflow SDK stays @dapr/dapr's. Calls fail fast (no wait for the sidecar; use
 * waitForSidecar at start-up) and every call has a deadline.
 */
export function createDaprClient(settings: DaprClientSettings): DaprClient {
  const { daprHost, daprGrpcPort, deadlineMs } = settingsSchema.parse(settings);
  const Dapr = daprApiService.client();
  const client = new Dapr(`${daprHost}:${daprGrpcPort}`, grpc.credentials.createInsecure());
  // The sidecar's API token, when the deployment sets one (as @dapr/dapr reads it).
  const apiToken = process.env['DAPR_API_TOKEN'];

  const call = <Res>(method: string, request: unknown) =>
    new Promise<Res>((resolve, reject) => {
      const metadata = new grpc.Metadata();
      if (apiToken) metadata.set('dapr-api-token', apiToken);
      const fn = (client as unknown as Record<string, Unary>)[method] as Unary;
      fn.call(client, request, metadata, { deadline: Date.now() + deadlineMs }, (err, response) => {
        if (!err) return resolve(response as Res);
        settings.logger?.debug('sidecar call failed', { method, grpcCode: err.code, err: err.details });
        reject(err);
      });
    });

  return {
    async publish(pubsubName, topic, data, metadata = {}) {
      await call('PublishEvent', {
        pubsub_name: pubsubName,
        topic,
        data: Buffer.from(JSON.stringify(data), 'utf8'),
        data_content_type: 'application/json',
        metadata,
      });
    },
    async getSecret(storeName, key) {
      const res = await call<{ data?: Record<string, string> }>('GetSecret', { store_name: storeName, key });
      return { ...res.data };
    },
    async getState(storeName, key) {
      const res = await call<{ data?: Buffer; etag?: string }>('GetState', { store_name: storeName, key });
      return { data: parseStored(res.data), etag: res.etag || undefined };
    },
    async saveState(storeName, items) {
      await call('SaveState', {
        store_name: storeName,
        states: items.map((item) => ({
          key: item.key,
          value: Buffer.from(JSON.stringify(item.value), 'utf8'),
          ...(item.etag === undefined ? {} : { etag: { value: item.etag } }),
          metadata: { ...item.metadata },
          options: {
            concurrency: item.concurrency ? CONCURRENCY[item.concurrency] : 'CONCURRENCY_UNSPECIFIED',
            consistency: item.consistency ? CONSISTENCY[item.consistency] : 'CONSISTENCY_UNSPECIFIED',
          },
        })),
      });
    },
    async deleteState(storeName, key) {
      await call('DeleteState', { store_name: storeName, key });
    },
    async stop() {
      client.close();
    },
  };
}

export interface PublishOptions {
  /** Becomes the CloudEvent id: subscribers de-duplicate on it, so derive it from the fact published. */
  readonly id?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

function unavailable(what: string, err: unknown): AppError {
  return new AppError('UNAVAILABLE', `${what} is unavailable`, { cause: err });
}

/**
 * Publishes JSON through the sidecar. The current trace context rides in the CloudEvent
 * (`cloudevent.traceparent`), because the client's gRPC calls are not instrumented and
 * the sidecar would otherwise start a new trace.
 */
export async function publishEvent(
  client: DaprClient,
  pubsubName: string,
  topic: string,
  data: object,
  options: PublishOptions = {},
): Promise<void> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  const metadata: Record<string, string> = { ...options.metadata };
  if (options.id !== undefined) metadata['cloudevent.id'] = options.id;
  if (carrier['traceparent']) {
    metadata['cloudevent.traceparent'] = carrier['traceparent'];
    // Older subscribers read `traceid`, which Dapr fills with the same W3C traceparent.
    metadata['cloudevent.traceid'] = carrier['traceparent'];
  }
  if (carrier['tracestate']) metadata['cloudevent.tracestate'] = carrier['tracestate'];
  try {
    await client.publish(pubsubName, topic, data, metadata);
  } catch (err) {
    throw unavailable('Event publishing', err);
  }
}

/** The secret's whole key/value map (a multi-valued secret keeps every entry). */
export async function getSecret(client: DaprClient, store: string, key: string): Promise<Record<string, string>> {
  let data: Record<string, string>;
  try {
    data = await client.getSecret(store, key);
  } catch (err) {
    throw unavailable('The secret store', err);
  }
  return z.record(z.string(), z.string()).parse(data);
}

/** Polls the sidecar's outbound health until it answers 2xx; rejects after timeoutMs. */
export async function waitForSidecar(daprHttpPort: number, timeoutMs: number, host = '127.0.0.1'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  try {
    await retry(() => checkSidecar(host, daprHttpPort, Math.min(1_000, Math.max(deadline - Date.now(), 1))), {
      backoff: { initialMs: 250, maxMs: 250, factor: 1 },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new AppError('UNAVAILABLE', `The Dapr sidecar did not become ready within ${timeoutMs}ms`, { cause: err });
  }
}
