import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@shop/service-kit';
import { configSchema, keyPrefixOf } from '../src/config';
import { parseSigningKeys } from '../src/data-access/signing-key-client';

const base = {
  SERVICE_NAME: 'auth',
  REST_PORT: '3004',
  GRPC_PORT: '6004',
  DAPR_HTTP_PORT: '3504',
  DAPR_GRPC_PORT: '6104',
  REDIS_URL: 'redis://127.0.0.1:6379',
};

describe('configuration and signing keys', () => {
  test('When REDIS_URL is missing or not a redis URL, then loading the config fails naming it', () => {
    expect(() => loadConfig(configSchema, { ...base, REDIS_URL: undefined })).toThrow(/REDIS_URL: is required/);
    expect(() => loadConfig(configSchema, { ...base, REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
  });

  test('When profiles share a Redis server, then each gets its own key prefix', () => {
    expect(keyPrefixOf(loadConfig(configSchema, { ...base, SHOP_PROFILE: 'test2' }))).toBe('auth:test2:');
    expect(keyPrefixOf(loadConfig(configSchema, base))).toBe('auth:dev:');
  });

  test('When the dev secret is parsed, then both Ed25519 keys load with distinct kids', () => {
    const secrets = JSON.parse(
      readFileSync(join(__dirname, '..', '..', '..', 'components', 'secrets.dev.json'), 'utf8'),
    );
    const keys = parseSigningKeys(secrets['auth-signing-keys']);
    expect(keys.current.kid).not.toBe(keys.previous?.kid);
  });

  test('When the secret is malformed, then the error names paths only and never echoes key material', () => {
    const secrets = JSON.parse(
      readFileSync(join(__dirname, '..', '..', '..', 'components', 'secrets.dev.json'), 'utf8'),
    );
    const keys = JSON.parse(secrets['auth-signing-keys']);
    keys.current.crv = 'P-256';
    let message = '';
    try {
      parseSigningKeys(JSON.stringify(keys));
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('current.crv');
    expect(message).not.toContain(keys.current.d);
    expect(() => parseSigningKeys('not json')).toThrow('The signing-keys secret is not JSON');
  });
});
