// Last on purpose: it stops the real stores (FerretDB, PostgreSQL, Redis) and starts them again.
import { spawnSync } from 'node:child_process';
import type { AppName } from '@shop/topology';
import { eventually, restUrl, PROFILE } from '../support/shop';

async function readiness(app: AppName) {
  const res = await fetch(`${restUrl(app)}/readyz`);
  return { status: res.status, body: (await res.json()) as { checks?: Record<string, string> } };
}

async function expectRed(app: AppName, check: string) {
  const r = await eventually(async () => {
    const r = await readiness(app);
    return r.status === 503 ? r : undefined;
  }, 30_000);
  expect(r.body.checks?.[check]).toMatch(/^down/);
}

async function expectGreen(app: AppName) {
  await eventually(async () => (await readiness(app)).status === 200, 60_000);
}

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
}

describe('Readiness follows the stores', () => {
  test('When FerretDB stops, then product /readyz turns red, and green again when it is back', async () => {
    const { stopInfrastructure, startInfrastructureProcess } = await import('../../scripts/lib/stack.mjs');
    await stopInfrastructure(PROFILE, 'ferretdb');
    try {
      await expectRed('product', 'mongodb');
    } finally {
      await startInfrastructureProcess(PROFILE, 'ferretdb');
    }
    await expectGreen('product');
  });

  test('When PostgreSQL stops, then user and order /readyz turn red, and green again when it is back', async () => {
    const { startPostgresCommand } = await import('../../scripts/lib/stores.mjs');
    const [cmd, args] = startPostgresCommand()!;
    run(
      cmd,
      args.map((a: string) => (a === 'start' ? 'stop' : a)),
    );
    try {
      await expectRed('user', 'postgres');
      await expectRed('order', 'postgres');
    } finally {
      run(cmd, args);
    }
    await expectGreen('user');
    await expectGreen('order');
  });

  test('When Redis stops, then auth /readyz turns red, and green again when it is back', async () => {
    const { startRedisCommand } = await import('../../scripts/lib/stores.mjs');
    // SHUTDOWN was once refused or slow in a full run (auth stayed green for 60 s): stop the
    // server by its pid and wait until it is really gone.
    const info = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', '6379', 'info', 'server'], { encoding: 'utf8' });
    const pid = Number(/process_id:(\d+)/.exec(info.stdout)?.[1]);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGTERM');
    await eventually(
      () => {
        try {
          process.kill(pid, 0);
          return undefined;
        } catch {
          return true;
        }
      },
      20_000,
      100,
    );
    try {
      await expectRed('auth', 'redis');
    } finally {
      const [cmd, args] = startRedisCommand()!;
      run(cmd, args);
    }
    await expectGreen('auth');
  });
});
