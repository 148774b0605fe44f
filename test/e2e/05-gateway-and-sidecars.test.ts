import { execFileSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { appNames, appPorts } from '@shop/topology';
import { send } from '../support/api';
import { restUrl, PROFILE } from '../support/shop';

describe('The stack as an operator sees it', () => {
  test('When every app is up, then each /readyz answers 200 with its checks up', async () => {
    for (const app of appNames) {
      const res = await send('GET', `${restUrl(app)}/readyz`);
      expect({ app, status: res.status }).toEqual({ app, status: 200 });
    }
  });

  test('When the dapr CLI lists sidecars, then it shows the five apps of the stack', () => {
    const out = execFileSync(
      join(process.env.DAPR_INSTALL_DIR ?? join(homedir(), '.dapr', 'bin'), 'dapr'),
      ['list', '-o', 'json'],
      { encoding: 'utf8' },
    );
    const listed = (JSON.parse(out) as Array<{ appId: string; httpPort: number }>).filter((s) =>
      appNames.some((a) => appPorts(a, PROFILE).daprHttpPort === s.httpPort),
    );
    expect(listed.map((s) => s.appId).sort()).toEqual([...appNames].sort());
  });

  test('When a client calls a /v1 route through the gateway, then the owning service answers with the request id', async () => {
    const res = await send('GET', '/v1/products/does-not-exist-yet', { headers: { 'x-request-id': 'e2e-gateway-1' } });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.headers['x-request-id']).toBe('e2e-gateway-1');
  });
});
