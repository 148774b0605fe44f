import { Writable } from 'node:stream';
import {
  createHealthRouter,
  createLogger,
  createMetrics,
  listen,
  type ListeningServer,
  type Metrics,
} from '@shop/service-kit';
import { type AppName, routes as topologyRoutes } from '@shop/topology';
import { createGatewayApp, type GatewayAppOptions } from '../../src/entry-points/app';
import { answerExpectContinue } from '../../src/entry-points/body-limit';
import { parseOriginPatterns } from '../../src/entry-points/cors';
import { resolveRoutes } from '../../src/entry-points/routes';

export interface TestGateway {
  readonly url: string;
  readonly metrics: Metrics;
  /** Parsed JSON log lines the gateway wrote. */
  readonly logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export interface TestGatewayOptions extends Partial<Omit<GatewayAppOptions, 'routes' | 'corsOrigins'>> {
  readonly upstreams: Partial<Record<AppName, string>>;
  readonly corsOrigins?: string;
}

/** The real gateway app on an ephemeral port, routing the topology's real routes table. */
export async function startGateway(options: TestGatewayOptions): Promise<TestGateway> {
  const logs: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      callback();
    },
  });
  const logger = createLogger('gateway', 'debug', { destination });
  const metrics = createMetrics('gateway');
  const origins = parseOriginPatterns(options.corsOrigins ?? 'http://localhost:*');
  if (typeof origins === 'string') throw new Error(origins);
  // Every app gets a URL so resolveRoutes accepts the whole table; unused ones go nowhere.
  const fallback = 'http://127.0.0.1:9';
  const urls = { auth: fallback, user: fallback, product: fallback, order: fallback, ...options.upstreams };
  const { upstreams: _ignored, corsOrigins: _origins, ...rest } = options;
  const appOptions = {
    logger,
    metrics,
    health: createHealthRouter({}),
    routes: resolveRoutes(topologyRoutes, urls),
    corsOrigins: origins,
    bodyLimitBytes: 1024 * 1024,
    proxyTimeoutMs: 5_000,
    trustProxyHops: 0,
    ...rest,
  };
  const gateway = createGatewayApp(appOptions);
  // Wired as main.ts wires it.
  const server: ListeningServer = await listen(gateway.handler, '127.0.0.1', 0, 100);
  answerExpectContinue(server.server, gateway.app, appOptions.bodyLimitBytes);
  return {
    url: `http://127.0.0.1:${server.port}`,
    metrics,
    logs,
    async close() {
      await server.stop();
      gateway.close();
    },
  };
}
