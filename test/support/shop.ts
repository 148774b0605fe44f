// What the e2e tests know about the running test-profile stack: ports from the topology,
// clients through the real sidecars, and readers for the JSON logs and /metrics.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { diagnosticsContract } from '@shop/contracts';
import { createDaprClient, createServiceClient } from '@shop/service-kit';
import { appPorts, host, type AppName } from '@shop/topology';

// SHOP_TEST_PROFILE=test2 runs a second e2e stack beside the first (parallel work on one machine).
export const PROFILE = (process.env.SHOP_TEST_PROFILE ?? 'test') as
  'test' | 'test2' | 'test3' | 'test4' | 'test5' | 'test6' | 'test7';
export const ROOT = join(__dirname, '..', '..');
export const ports = (app: AppName) => appPorts(app, PROFILE);
export const restUrl = (app: AppName) => `http://${host}:${ports(app).restPort}`;
export const domainApps: AppName[] = ['product', 'user', 'order', 'auth'];

/** A Diagnostics client that dials `via`'s sidecar and is routed by Dapr to `target`. */
export function diagnosticsThrough(via: AppName, target: AppName): grpc.Client {
  return createServiceClient(diagnosticsContract.client(), {
    appId: target,
    daprGrpcPort: ports(via).daprGrpcPort,
    host,
  });
}

export function daprClientOf(app: AppName) {
  return createDaprClient({
    daprHost: host,
    daprGrpcPort: ports(app).daprGrpcPort,
    daprHttpPort: ports(app).daprHttpPort,
  });
}

type UnaryFn = (
  req: object,
  md: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (err: grpc.ServiceError | null, res: unknown) => void,
) => void;
type StreamFn = (req: object, opts: grpc.CallOptions) => grpc.ClientReadableStream<unknown>;

export function unary<Res>(
  client: grpc.Client,
  method: string,
  request: object,
  metadata = new grpc.Metadata(),
): Promise<Res> {
  return new Promise((resolve, reject) => {
    const fn = (client as unknown as Record<string, UnaryFn>)[method]!;
    fn.call(client, request, metadata, { deadline: Date.now() + 15_000 }, (err, res) =>
      err ? reject(err) : resolve(res as Res),
    );
  });
}

export function collectStream<T>(client: grpc.Client, method: string, request: object): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const items: T[] = [];
    const fn = (client as unknown as Record<string, StreamFn>)[method]!;
    const call = fn.call(client, request, { deadline: Date.now() + 30_000 });
    call.on('data', (item) => items.push(item as T));
    call.on('error', reject);
    call.on('end', () => resolve(items));
  });
}

export type LogLine = Record<string, unknown> & { message?: string; traceId?: string };

export function logLines(process: string): LogLine[] {
  const file = join(ROOT, '.run', PROFILE, 'logs', `${process}.log`);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => {
      try {
        return JSON.parse(l) as LogLine;
      } catch {
        return {};
      }
    });
}

/** The sum of a Prometheus counter's samples whose labels include `labels`. */
export async function counter(app: AppName, name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(`${restUrl(app)}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = line.match(/^([a-zA-Z_:][\w:]*)\{([^}]*)\}\s+([-\d.eE+]+)$/);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...m[2]!.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) sum += Number(m[3]);
  }
  return sum;
}

export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v as T;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`condition not met within ${timeoutMs}ms${last ? `: ${String(last)}` : ''}`);
}
