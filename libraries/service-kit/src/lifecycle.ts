import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';
import type { Logger } from './logger';

export interface Stoppable {
  readonly name: string;
  stop(): Promise<void>;
}

export interface ListeningServer extends Stoppable {
  readonly server: http.Server;
  readonly port: number;
}

/** Starts an HTTP server; stop() refuses new connections, drains, then cuts what is left. */
export function listen(app: RequestListener, host: string, port: number, graceMs = 5_000): Promise<ListeningServer> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(app);
    // Callers keep connections open between requests (the gateway's pool, the sidecars). A
    // server that closes an idle one at Node's 5 s default races a caller reusing it: the
    // request meets a reset and a request with a body cannot be replayed (502s under load,
    // when a caller's timers run late). Idle connections live 65 s here, longer than a proxy in
    // front keeps its own (nginx Ingress: 60 s), and the Keep-Alive header tells callers so:
    // Node's agent retires them a second before.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const bound = (server.address() as AddressInfo).port;
      resolve({
        name: `http ${host}:${bound}`,
        server,
        port: bound,
        stop: () =>
          new Promise<void>((done) => {
            const force = setTimeout(() => server.closeAllConnections(), graceMs);
            server.close(() => {
              clearTimeout(force);
              done();
            });
            // Keep-alive sockets would otherwise hold close() open until they time out.
            server.closeIdleConnections();
          }),
      });
    });
  });
}

export interface RunServiceOptions {
  readonly logger: Logger;
  /** Starts everything in dependency order; the list is stopped in reverse order. */
  readonly start: () => Promise<Stoppable[]>;
  readonly shutdownTimeoutMs: number;
  /** Flipped first on shutdown, so /readyz fails while connections drain. */
  readonly health?: { markShuttingDown(): void };
  /** Injected by tests; process.exit otherwise. */
  readonly exit?: (code: number) => void;
}

export interface RunningService {
  /** What SIGTERM/SIGINT do; exposed for tests and for a fatal error path. */
  shutdown(reason: string): Promise<void>;
}

export async function runService(options: RunServiceOptions): Promise<RunningService> {
  const { logger, health, shutdownTimeoutMs } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stoppables: Stoppable[] = [];
  let shuttingDown: Promise<void> | undefined;

  function shutdown(reason: string): Promise<void> {
    if (shuttingDown) return shuttingDown;
    shuttingDown = (async () => {
      logger.info('shutting down', { reason });
      health?.markShuttingDown();
      const force = setTimeout(() => {
        logger.error('shutdown timed out', { timeoutMs: shutdownTimeoutMs });
        exit(1);
      }, shutdownTimeoutMs);
      force.unref();
      let failed = false;
      for (const stoppable of [...stoppables].reverse()) {
        try {
          await stoppable.stop();
          logger.info('stopped', { component: stoppable.name });
        } catch (err) {
          failed = true;
          logger.error('stop failed', { component: stoppable.name, err });
        }
      }
      clearTimeout(force);
      exit(failed ? 1 : 0);
    })();
    return shuttingDown;
  }

  const onSignal = (signal: NodeJS.Signals) => void shutdown(signal);
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  process.on('uncaughtException', (err) => {
    logger.error('uncaught exception', { err });
    exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.error('unhandled rejection', { err: reason });
    exit(1);
  });

  try {
    stoppables = await options.start();
  } catch (err) {
    logger.error('start failed', { err });
    exit(1);
    return { shutdown };
  }
  logger.info('started', { components: stoppables.map((s) => s.name) });
  return { shutdown };
}
