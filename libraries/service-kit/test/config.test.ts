import { z } from 'zod';
import { baseConfigShape, isConfigError, loadConfig } from '../src/config';

const schema = z.object(baseConfigShape);

function validEnv(): Record<string, string> {
  return { SERVICE_NAME: 'product', REST_PORT: '3001', DAPR_HTTP_PORT: '3501', DAPR_GRPC_PORT: '50101' };
}

describe('loadConfig', () => {
  test('When the environment is valid, then numbers are coerced and defaults are applied', () => {
    const config = loadConfig(schema, { ...validEnv(), GRPC_PORT: '50051' });

    expect(config).toEqual({
      SERVICE_NAME: 'product',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      REST_PORT: 3001,
      GRPC_PORT: 50051,
      DAPR_HTTP_PORT: 3501,
      DAPR_GRPC_PORT: 50101,
      SHUTDOWN_TIMEOUT_MS: 10_000,
    });
  });

  test('When several variables are missing or malformed, then one ConfigError names every one of them', () => {
    const env = { SERVICE_NAME: 'product', REST_PORT: 'abc', LOG_LEVEL: 'loud', OTEL_EXPORTER_OTLP_ENDPOINT: 'nope' };

    let caught: unknown;
    try {
      loadConfig(schema, env);
    } catch (err) {
      caught = err;
    }

    expect(isConfigError(caught)).toBe(true);
    const error = caught as Error & { problems: Array<{ name: string; reason: string }> };
    expect(error.problems.map((p) => p.name).sort()).toEqual(
      ['DAPR_GRPC_PORT', 'DAPR_HTTP_PORT', 'LOG_LEVEL', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'REST_PORT'].sort(),
    );
    expect(error.message).toContain('DAPR_HTTP_PORT: is required but missing');
    expect(error.message).toMatch(/REST_PORT: .+/);
    expect(error.message).toMatch(/LOG_LEVEL: .+/);
  });

  test('When a variable is set to an empty string, then it counts as unset', () => {
    const config = loadConfig(schema, { ...validEnv(), LOG_LEVEL: '', GRPC_PORT: '' });

    expect(config.LOG_LEVEL).toBe('info');
    expect(config.GRPC_PORT).toBeUndefined();
  });

  test('When a value is invalid, then the error message does not echo the value', () => {
    const secretish = 'postgres://admin:s3cr3t@db';
    const extended = z.object({ ...baseConfigShape, DATABASE_URL: z.url().startsWith('postgresql://') });

    expect(() => loadConfig(extended, { ...validEnv(), DATABASE_URL: secretish })).toThrow(/DATABASE_URL/);
    try {
      loadConfig(extended, { ...validEnv(), DATABASE_URL: secretish });
    } catch (err) {
      expect((err as Error).message).not.toContain('s3cr3t');
    }
  });

  test('When a service extends the base shape, then its own variables are parsed with the base ones', () => {
    const extended = z.object({ ...baseConfigShape, MONGODB_URL: z.string().min(1) });

    const config = loadConfig(extended, { ...validEnv(), MONGODB_URL: 'mongodb://127.0.0.1:27017' });

    expect(config.MONGODB_URL).toBe('mongodb://127.0.0.1:27017');
    expect(config.REST_PORT).toBe(3001);
  });
});
