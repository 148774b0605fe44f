import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../support/shop';

// Only what a shell needs: the services must get all of their configuration explicitly.
const bareEnv = { PATH: process.env.PATH ?? '' };

describe('Configuration is parsed once and fails fast', () => {
  test.each([
    ['product', 'MONGODB_URL'],
    ['user', 'DATABASE_URL'],
    ['order', 'DATABASE_URL'],
    ['auth', 'REDIS_URL'],
    ['gateway', 'PRODUCT_URL'],
  ])('When %s starts without its configuration, then it exits 1 naming every missing variable', (app, storeVar) => {
    const r = spawnSync(process.execPath, [join(ROOT, 'services', app, 'dist', 'main.js')], {
      env: bareEnv,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(1);
    for (const name of ['SERVICE_NAME', 'REST_PORT', 'DAPR_HTTP_PORT', storeVar]) expect(r.stderr).toContain(name);
  });

  test('When a port is not a number, then the message names it without echoing the value', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'services', 'user', 'dist', 'main.js')], {
      env: {
        ...bareEnv,
        SERVICE_NAME: 'user',
        REST_PORT: 'secret-ish-value',
        GRPC_PORT: '1',
        DAPR_HTTP_PORT: '2',
        DAPR_GRPC_PORT: '3',
        DATABASE_URL: 'postgres://x/y',
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('REST_PORT');
    expect(r.stderr).not.toContain('secret-ish-value');
  });
});
