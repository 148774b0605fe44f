import type * as DaprSdk from '@dapr/dapr';
import type { DaprClient, LoggerService } from '@dapr/dapr';
import { context, propagation } from '@opentelemetry/api';
import { z } from 'zod';
import { AppError } from './errors';
import { checkSidecar } from './health';
import type { Logger } from './logger';

export interface DaprClientSettings {
  readonly daprHost?: string;
  readonly daprGrpcPort: number;
  /** Kept with the client settings so waitForSidecar can use the same object. */
  readonly daprHttpPort?: number;
  /** Routes the SDK's own log lines into the service's JSON log. */
  readonly logger?: Logger;
}

const settingsSchema = z.object({
  daprHost: z.string().min(1).default('127.0.0.1'),
  daprGrpcPort: z.number().int().min(1).max(65535),
  daprHttpPort: z.number().int().min(1).max(65535).optional(),
});

function sdkLogger(logger: Logger): LoggerService {
  const at =
    (level: string) =>
    (message: unknown, ...rest: unknown[]) =>
      logger.log(level, String(message), rest.length > 0 ? { sdk: 'dapr', details: rest } : { sdk: 'dapr' });
  return { error: at('error'), warn: at('warn'), info: at('debug'), verbose: at('debug'), debug: at('debug') };
}

// The SDK is loaded on first use: it costs ~45 MiB of RSS per process (docs/performance.md),
// and a process that never talks to its sidecar through it (the gateway) should not pay.
let sdk: typeof DaprSdk | undefined;
function daprSdk(): typeof DaprSdk {
  sdk ??= require('@dapr/dapr') as typeof DaprSdk;
  return sdk;
}

/**
 * A gRPC client to the local sidecar. It is marked initialised up front: the SDK otherwise
 * polls the sidecar for up to a minute on first use, stalling a request; call waitForSidecar
 * at start-up instead, and let later calls fail fast with UNAVAILABLE.
 */
export function createDaprClient(settings: DaprClientSettings): DaprClient {
  const { daprHost, daprGrpcPort } = settingsSchema.parse(settings);
  const { CommunicationProtocolEnum, DaprClient: Client, LogLevel } = daprSdk();
  const client = new Client({
    daprHost,
    daprPort: String(daprGrpcPort),
    communicationProtocol: CommunicationProtocolEnum.GRPC,
    logger: settings.logger ? { level: LogLevel.Info, service: sdkLogger(settings.logger) } : { level: LogLevel.Warn },
  });
  client.daprClient.setIsInitialized(true);
  return client;
}

export interface PublishOptions {
  /** Becomes the CloudEvent id: subscribers de-duplicate on it, so derive it from the fact published. */
  readonly id?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

function unavailable(what: string, err: unknown): AppError {
  // The gRPC SDK rejects publish with `{ error }` rather than an Error.
  const cause = (err as { error?: unknown } | undefined)?.error ?? err;
  return new AppError('UNAVAILABLE', `${what} is unavailable`, { cause });
}

/**
 * Publishes JSON through the sidecar. The current trace context rides in the CloudEvent
 * (`cloudevent.traceparent`), because the SDK's gRPC transport is not instrumented and
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
    await client.pubsub.publish(pubsubName, topic, data, { contentType: 'application/json', metadata });
  } catch (err) {
    throw unavailable('Event publishing', err);
  }
}

interface RawSecretApi {
  getSecret(request: { storeName: string; key: string }): Promise<{ data: Record<string, string> }>;
}

/**
 * The secret's whole key/value map. Uses the SDK's underlying gRPC client because the SDK's
 * secret.get over gRPC keeps only the first entry of a multi-valued secret.
 */
export async function getSecret(client: DaprClient, store: string, key: string): Promise<Record<string, string>> {
  let response: { data: Record<string, string> };
  try {
    const raw = (await client.daprClient.getClient()) as RawSecretApi;
    response = await raw.getSecret({ storeName: store, key });
  } catch (err) {
    throw unavailable('The secret store', err);
  }
  return z.record(z.string(), z.string()).parse({ ...response.data });
}

/** Polls the sidecar's outbound health until it answers 2xx; rejects after timeoutMs. */
export async function waitForSidecar(daprHttpPort: number, timeoutMs: number, host = '127.0.0.1'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await checkSidecar(host, daprHttpPort, Math.min(1_000, Math.max(deadline - Date.now(), 1)));
      return;
    } catch (err) {
      lastError = err;
      await new Promise((resolve) => setTimeout(resolve, Math.min(250, Math.max(deadline - Date.now(), 0))));
    }
  }
  throw new AppError('UNAVAILABLE', `The Dapr sidecar did not become ready within ${timeoutMs}ms`, {
    cause: lastError,
  });
}
