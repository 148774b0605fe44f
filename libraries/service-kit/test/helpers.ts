import { Writable } from 'node:stream';
import net from 'node:net';
import { createLogger, type Logger } from '../src/logger';

export type LogLine = Record<string, unknown>;

/** A real winston logger whose JSON lines land in an array instead of stdout. */
export function captureLogs(
  service = 'test-service',
  level = 'debug',
): { logger: Logger; lines: () => Promise<LogLine[]> } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const logger = createLogger(service, level, { destination });
  return {
    logger,
    async lines() {
      // Winston hands lines to its transports through streams; let them drain first.
      await new Promise((resolve) => setImmediate(resolve));
      return chunks
        .join('')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as LogLine);
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Reads one sample's value from Prometheus text output, or undefined when absent. */
export function sample(metricsText: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = metricsText.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}
