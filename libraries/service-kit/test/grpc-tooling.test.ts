import * as grpc from '@grpc/grpc-js';
import {
  appCallbackHealthCheckService,
  appCallbackService,
  daprApiService,
  diagnosticsContract,
  grpcHealth,
} from '@shop/contracts';
import { createDiagnosticsService } from '../src/diagnostics';
import { createGrpcServer, type GrpcServer } from '../src/grpc-server';
import { createMetrics } from '../src/metrics';
import { healthCheck as check, healthClient, listServices } from '../src/testing/grpc-tooling';
import { captureLogs, freePort } from './helpers';

describe('gRPC health and reflection on every app', () => {
  let ready = true;
  let server: GrpcServer;
  let address: string;

  beforeAll(async () => {
    const { logger } = captureLogs('product');
    const port = await freePort();
    server = createGrpcServer({
      logger,
      metrics: createMetrics('product'),
      services: [createDiagnosticsService({ service: 'product', logger, daprGrpcPort: port })],
      readiness: async () => ({ ready }),
      readinessIntervalMs: 50,
    });
    await server.start('127.0.0.1', port);
    address = `127.0.0.1:${port}`;
  });
  afterAll(() => server.stop(100));

  test('When the service is ready, then Health answers SERVING for the server and each of its services', async () => {
    expect(await check(address, '')).toBe('SERVING');
    expect(await check(address, diagnosticsContract.service)).toBe('SERVING');
    expect(await check(address, appCallbackService.service)).toBe('SERVING');
  });

  test('When readiness goes red and green again, then Health follows it', async () => {
    ready = false;
    await new Promise((r) => setTimeout(r, 120));
    const whileDown = await check(address, '');
    ready = true;
    await new Promise((r) => setTimeout(r, 400));

    expect(whileDown).toBe('NOT_SERVING');
    expect(await check(address, diagnosticsContract.service)).toBe('SERVING');
  });

  test('When a service name is not served, then Health answers NOT_FOUND', async () => {
    await expect(check(address, 'no.such.Service')).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  });

  test('When reflection is asked, then it lists the served services and the tooling, not the clients the app uses', async () => {
    const names = await listServices(address);

    expect(names).toEqual(
      expect.arrayContaining([
        diagnosticsContract.service,
        appCallbackService.service,
        appCallbackHealthCheckService.service,
        grpcHealth.service,
      ]),
    );
    expect(names).not.toContain(daprApiService.service);
  });

  test('When the server stops, then Health answers NOT_SERVING while calls drain', async () => {
    const { logger } = captureLogs('user');
    const port = await freePort();
    const other = createGrpcServer({
      logger,
      metrics: createMetrics('user'),
      services: [],
      readiness: async () => ({ ready: true }),
    });
    await other.start('127.0.0.1', port);
    expect(await check(`127.0.0.1:${port}`, '')).toBe('SERVING');
    const client = healthClient(`127.0.0.1:${port}`);
    const statuses: string[] = [];
    const watch = client.Watch({ service: '' });
    watch.on('data', (r: { status: string }) => statuses.push(r.status));
    watch.on('error', () => undefined);
    await new Promise((r) => setTimeout(r, 100));

    await other.stop(200);

    expect(statuses).toEqual(['SERVING', 'NOT_SERVING']);
    watch.cancel();
    client.close();
  });
});
