// Operators' standard tools see the local stack as they see `dapr run` apps: `dapr list`
// shows every app with its command, pid and log files, and `npm run workflows` lists the
// order service's workflow instances (what `dapr workflow list` cannot do on PostgreSQL).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DaprWorkflowClient, LogLevel } from '@dapr/dapr';
import * as grpc from '@grpc/grpc-js';
import { appCallbackService, daprApiService, diagnosticsContract, grpcHealth } from '@shop/contracts';
import { healthCheck, listServices } from '@shop/service-kit/testing/grpc-tooling';
import { host } from '@shop/topology';
import { domainApps, ports, PROFILE, ROOT } from '../support/shop';

jest.setTimeout(60_000);

const dapr = join(process.env.DAPR_INSTALL_DIR ?? join(homedir(), '.dapr', 'bin'), 'dapr');
interface Listed {
  appId: string;
  httpPort: number;
  appPid: number;
  command: string;
  appLogPath: string;
  daprdLogPath: string;
}

describe('Standard tools on the local stack', () => {
  test('When an operator runs dapr list, then every app of the stack shows with its command, pid and log files', () => {
    const r = spawnSync(dapr, ['list', '-o', 'json'], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(0);
    const listed = (JSON.parse(r.stdout) as Listed[]).filter((l) =>
      [...domainApps, 'gateway'].some((a) => ports(a as never).daprHttpPort === l.httpPort),
    );

    expect(listed.map((l) => l.appId).sort()).toEqual([...domainApps, 'gateway'].sort());
    for (const l of listed) {
      expect(l.appPid).toBeGreaterThan(0);
      expect(l.command).toMatch(/^node services\//);
      expect(l.appLogPath).toBe(join(ROOT, '.run', PROFILE, 'logs', `${l.appId}.log`));
      expect(l.daprdLogPath).toBe(join(ROOT, '.run', PROFILE, 'logs', `daprd-${l.appId}.log`));
    }
  });

  test('When a workflow has run, then npm run workflows lists it with its name and status', async () => {
    const client = new DaprWorkflowClient({
      daprHost: host,
      daprPort: String(ports('order').daprGrpcPort),
      logger: { level: LogLevel.Warn },
    });
    const probeId = randomUUID();
    const id = await client.scheduleNewWorkflow(
      'platformProbeWorkflow',
      { probeId, pauseSeconds: 0 },
      `probe-${probeId}`,
    );
    await client.waitForWorkflowCompletion(id, true, 60);
    await client.stop();

    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, 'scripts', 'workflows.mjs'),
        '--profile',
        PROFILE,
        '--name',
        'platformProbeWorkflow',
        '--limit',
        '1000',
      ],
      {
        encoding: 'utf8',
        timeout: 30_000,
      },
    );

    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^probe-${probeId}\\s+platformProbeWorkflow\\s+COMPLETED\\s`, 'm'));
  });
});

describe('gRPC health and reflection on every app', () => {
  const viaSidecar = (app: string) => {
    const md = new grpc.Metadata();
    md.set('dapr-app-id', ports(app as never).appId);
    return md;
  };
  const check = (address: string, md: grpc.Metadata) => healthCheck(address, '', md);
  const list = listServices;

  // Health goes through Dapr's gRPC proxy like any app service. Reflection does not: daprd
  // answers grpc.reflection itself on its API port (listing Dapr's own services), so tools
  // reflect on the app's port directly.
  test.each(domainApps)(
    "When %s is asked directly and through another app's sidecar, then Health is SERVING and reflection lists its services",
    async (app) => {
      const direct = `${host}:${ports(app).grpcPort}`;
      const sidecar = `${host}:${ports('order').daprGrpcPort}`;

      expect(await check(direct, new grpc.Metadata())).toBe('SERVING');
      expect(await check(sidecar, viaSidecar(app))).toBe('SERVING');
      expect(await list(direct, new grpc.Metadata())).toEqual(
        expect.arrayContaining([grpcHealth.service, diagnosticsContract.service, appCallbackService.service]),
      );
      expect(await list(sidecar, viaSidecar(app))).toContain(daprApiService.service);
    },
  );
});
