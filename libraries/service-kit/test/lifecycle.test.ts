import http from 'node:http';
import express from 'express';
import { listen, runService, type Stoppable } from '../src/lifecycle';
import { captureLogs } from './helpers';

function recorder() {
  const events: string[] = [];
  const stoppable = (name: string, fail = false): Stoppable => ({
    name,
    async stop() {
      events.push(`stop ${name}`);
      if (fail) throw new Error(`${name} would not close`);
    },
  });
  return { events, stoppable };
}

function exitRecorder() {
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (resolveExit = resolve));
  return { exit: (code: number) => resolveExit(code), exited };
}

describe('runService', () => {
  test('When SIGTERM arrives, then readiness drops first, components stop in reverse start order and the exit code is 0', async () => {
    const { events, stoppable } = recorder();
    const { exit, exited } = exitRecorder();
    const { logger } = captureLogs();
    await runService({
      logger,
      shutdownTimeoutMs: 1_000,
      health: { markShuttingDown: () => events.push('not ready') },
      start: async () => [stoppable('tracing'), stoppable('postgres'), stoppable('grpc'), stoppable('rest')],
      exit,
    });

    process.emit('SIGTERM', 'SIGTERM');

    expect(await exited).toBe(0);
    expect(events).toEqual(['not ready', 'stop rest', 'stop grpc', 'stop postgres', 'stop tracing']);
  });

  test('When one component fails to stop, then the others still stop and the exit code is 1', async () => {
    const { events, stoppable } = recorder();
    const { exit, exited } = exitRecorder();
    const { logger, lines } = captureLogs();
    const service = await runService({
      logger,
      shutdownTimeoutMs: 1_000,
      start: async () => [stoppable('postgres'), stoppable('grpc', true), stoppable('rest')],
      exit,
    });

    await service.shutdown('test');

    expect(await exited).toBe(1);
    expect(events).toEqual(['stop rest', 'stop grpc', 'stop postgres']);
    expect(await lines()).toContainEqual(expect.objectContaining({ message: 'stop failed', component: 'grpc' }));
  });

  test('When stopping takes longer than the timeout, then the process is forced to exit 1', async () => {
    const { exit, exited } = exitRecorder();
    const stuck: Stoppable = { name: 'stuck', stop: () => new Promise(() => undefined) };
    const service = await runService({
      logger: captureLogs().logger,
      shutdownTimeoutMs: 100,
      start: async () => [stuck],
      exit,
    });

    void service.shutdown('test');

    expect(await exited).toBe(1);
  });

  test('When start fails, then the error is logged and the exit code is 1', async () => {
    const { exit, exited } = exitRecorder();
    const { logger, lines } = captureLogs();

    await runService({
      logger,
      shutdownTimeoutMs: 1_000,
      start: async () => {
        throw new Error('postgres unreachable');
      },
      exit,
    });

    expect(await exited).toBe(1);
    expect(await lines()).toContainEqual(expect.objectContaining({ message: 'start failed' }));
  });
});

describe('listen', () => {
  test('When a caller keeps its connection, then the server advertises and keeps it idle for 65 s, longer than a proxy in front', async () => {
    const app = express();
    app.get('/ping', (_req, res) => res.send('pong'));
    const server = await listen(app, '127.0.0.1', 0, 2_000);
    const agent = new http.Agent({ keepAlive: true });

    const keepAlive = await new Promise<string | undefined>((resolve, reject) =>
      http
        .get({ host: '127.0.0.1', port: server.port, path: '/ping', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(String(res.headers['keep-alive'])));
        })
        .on('error', reject),
    );

    expect(keepAlive).toBe('timeout=65');
    expect(server.server.keepAliveTimeout).toBe(65_000);
    expect(server.server.headersTimeout).toBeGreaterThan(server.server.keepAliveTimeout);
    agent.destroy();
    await server.stop();
  });

  test('When a server with an idle keep-alive connection stops, then it closes promptly and refuses new requests', async () => {
    const app = express();
    app.get('/ping', (_req, res) => res.send('pong'));
    const server = await listen(app, '127.0.0.1', 0, 2_000);
    const agent = new http.Agent({ keepAlive: true });
    const get = () =>
      new Promise<number>((resolve, reject) =>
        http
          .get({ host: '127.0.0.1', port: server.port, path: '/ping', agent }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          })
          .on('error', reject),
      );
    expect(await get()).toBe(200);

    const started = Date.now();
    await server.stop();

    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(get()).rejects.toThrow();
    agent.destroy();
  });
});
