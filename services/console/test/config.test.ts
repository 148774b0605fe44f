import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isConfigError } from '@shop/service-kit';
import { loadConsoleConfig } from '../src/config';
import { ACTIONS } from '../src/domain/actions';

const targets = JSON.stringify({
  apps: [
    {
      name: 'order',
      appId: 'order',
      restUrl: 'http://127.0.0.1:3003',
      daprHttpUrl: 'http://127.0.0.1:3503',
      daprGrpcAddress: '127.0.0.1:6103',
      daprMetricsUrl: 'http://127.0.0.1:9093/metrics',
    },
  ],
});
const env = (extra: Record<string, string> = {}) => ({ REST_PORT: '8088', CONSOLE_TARGETS: targets, ...extra });

describe('console configuration', () => {
  test('When CONSOLE_ACTIONS is unset, off, on or a list, then the console allows none, none, all or exactly those', () => {
    expect(loadConsoleConfig(env()).CONSOLE_ACTIONS.size).toBe(0);
    expect(loadConsoleConfig(env({ CONSOLE_ACTIONS: 'off' })).CONSOLE_ACTIONS.size).toBe(0);
    expect([...loadConsoleConfig(env({ CONSOLE_ACTIONS: 'on' })).CONSOLE_ACTIONS]).toEqual([...ACTIONS]);
    expect([...loadConsoleConfig(env({ CONSOLE_ACTIONS: 'approve-payment, raise-event' })).CONSOLE_ACTIONS]).toEqual([
      'approve-payment',
      'raise-event',
    ]);
  });

  test('When the configuration is wrong, then start-up fails naming every bad variable', () => {
    let err: unknown;
    try {
      loadConsoleConfig({
        REST_PORT: '8088',
        CONSOLE_TARGETS: '{"apps": "nope"}',
        CONSOLE_ACTIONS: 'delete-everything',
      });
    } catch (e) {
      err = e;
    }
    expect(isConfigError(err)).toBe(true);
    const names = (err as { problems: { name: string }[] }).problems.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['CONSOLE_TARGETS.apps', 'CONSOLE_ACTIONS']));
  });

  test('When the token comes from the runner file, then it is read once and a short one is ignored', () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-config-'));
    writeFileSync(join(dir, 'token'), 'a-token-of-at-least-24-characters\n');
    writeFileSync(join(dir, 'short'), 'short\n');
    expect(loadConsoleConfig(env({ CONSOLE_TOKEN_FILE: join(dir, 'token') })).token).toBe(
      'a-token-of-at-least-24-characters',
    );
    expect(loadConsoleConfig(env({ CONSOLE_TOKEN_FILE: join(dir, 'short') })).token).toBeUndefined();
  });
});
