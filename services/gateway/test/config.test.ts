import { isConfigError } from '@shop/service-kit';
import { loadGatewayConfig, parseByteSize } from '../src/config';

const env = (extra: Record<string, string> = {}) => ({
  SERVICE_NAME: 'gateway',
  REST_PORT: '8080',
  DAPR_HTTP_PORT: '3500',
  DAPR_GRPC_PORT: '50100',
  AUTH_URL: 'http://127.0.0.1:3004',
  USER_URL: 'http://127.0.0.1:3002',
  PRODUCT_URL: 'http://product.shop.svc.cluster.local:3001',
  ORDER_URL: 'http://127.0.0.1:3003',
  ...extra,
});

describe('configuration', () => {
  it('When only the required variables are set, then the defaults are the dev ones', () => {
    const config = loadGatewayConfig(env());
    expect(config.BODY_LIMIT).toBe(1024 * 1024);
    expect(config.PROXY_TIMEOUT_MS).toBe(30_000);
    expect(config.TRUST_PROXY_HOPS).toBe(0);
    expect(config.CORS_ORIGINS).toEqual([{ anyPortOf: 'http://localhost' }, { anyPortOf: 'http://127.0.0.1' }]);
  });

  it('When limits and origins are set, then they are parsed', () => {
    const config = loadGatewayConfig(
      env({
        BODY_LIMIT: '256kb',
        PROXY_TIMEOUT_MS: '5000',
        CORS_ORIGINS: 'https://shop.example.com',
        TRUST_PROXY_HOPS: '1',
      }),
    );
    expect(config.BODY_LIMIT).toBe(256 * 1024);
    expect(config.PROXY_TIMEOUT_MS).toBe(5000);
    expect(config.CORS_ORIGINS).toEqual([{ exact: 'https://shop.example.com' }]);
    expect(config.TRUST_PROXY_HOPS).toBe(1);
  });

  it('When variables are missing or malformed, then every problem is named at once', () => {
    const { ORDER_URL: _missing, ...rest } = env({ USER_URL: 'ftp://x', BODY_LIMIT: 'lots', CORS_ORIGINS: 'evil' });
    let caught: unknown;
    try {
      loadGatewayConfig(rest);
    } catch (err) {
      caught = err;
    }
    expect(isConfigError(caught)).toBe(true);
    const names = isConfigError(caught) ? caught.problems.map((p) => p.name).sort() : [];
    expect(names).toEqual(['BODY_LIMIT', 'CORS_ORIGINS', 'ORDER_URL', 'USER_URL']);
  });

  it('When sizes are written with units, then they become bytes', () => {
    expect(parseByteSize('1mb')).toBe(1048576);
    expect(parseByteSize('512KB')).toBe(524288);
    expect(parseByteSize('100')).toBe(100);
    expect(parseByteSize('0')).toBeUndefined();
    expect(parseByteSize('1gb')).toBeUndefined();
  });
});
