import { trace } from '@opentelemetry/api';
import { runWithContext } from '../src/context';
import { startTracing, type Tracing } from '../src/tracing';
import { captureLogs } from './helpers';

let tracing: Tracing;
beforeAll(() => {
  tracing = startTracing({ serviceName: 'logger-test' });
});
afterAll(() => tracing.shutdown());

describe('createLogger', () => {
  test('When a line is logged, then it is JSON with timestamp, level, message and service', async () => {
    const { logger, lines } = captureLogs('catalog');

    logger.info('hello', { sku: 'SKU-1' });

    const [line] = await lines();
    expect(line).toMatchObject({ level: 'info', message: 'hello', service: 'catalog', sku: 'SKU-1' });
    expect(new Date(String(line?.['timestamp'])).toISOString()).toBe(line?.['timestamp']);
  });

  test('When logging inside an active span, then the line carries its traceId and spanId', async () => {
    const { logger, lines } = captureLogs();

    const ids = trace.getTracer('test').startActiveSpan('work', (span) => {
      logger.info('inside span');
      span.end();
      return span.spanContext();
    });

    const [line] = await lines();
    expect(ids.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(line).toMatchObject({ traceId: ids.traceId, spanId: ids.spanId });
  });

  test('When logging outside any span or request, then traceId, spanId and requestId are omitted', async () => {
    const { logger, lines } = captureLogs();

    logger.info('no context');

    const [line] = await lines();
    expect(line).not.toHaveProperty('traceId');
    expect(line).not.toHaveProperty('spanId');
    expect(line).not.toHaveProperty('requestId');
  });

  test('When logging inside a request context, then the line carries the requestId, also after an await', async () => {
    const { logger, lines } = captureLogs();

    await runWithContext({ requestId: 'req-42' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.warn('later in the request');
    });

    const [line] = await lines();
    expect(line).toMatchObject({ level: 'warn', requestId: 'req-42' });
  });

  test('When the meta holds secrets at any depth, then they are masked and the caller object is untouched', async () => {
    const { logger, lines } = captureLogs();
    const meta = {
      email: 'ann@example.com',
      password: 'hunter2',
      refresh_token: 'r-1',
      session: { accessToken: 'a-1', expiresIn: 900 },
      headers: { Authorization: 'Bearer x', 'x-api-key': 'k-1', accept: 'application/json' },
      list: [{ clientSecret: 's-1', name: 'n' }],
    };

    logger.info('login attempt', meta);

    const [line] = await lines();
    expect(line).toMatchObject({
      email: 'ann@example.com',
      password: '[REDACTED]',
      refresh_token: '[REDACTED]',
      session: { accessToken: '[REDACTED]', expiresIn: 900 },
      headers: { Authorization: '[REDACTED]', 'x-api-key': '[REDACTED]', accept: 'application/json' },
      list: [{ clientSecret: '[REDACTED]', name: 'n' }],
    });
    expect(JSON.stringify(line)).not.toMatch(/hunter2|a-1|k-1|s-1|Bearer x/);
    expect(meta.session.accessToken).toBe('a-1');
  });

  test('When an Error is logged in the meta, then its name, message and stack are kept', async () => {
    const { logger, lines } = captureLogs();

    logger.error('failed', { err: new TypeError('bad thing') });

    const [line] = await lines();
    expect(line?.['err']).toMatchObject({ name: 'TypeError', message: 'bad thing' });
    expect(String((line?.['err'] as { stack?: string }).stack)).toContain('logger.test.ts');
  });

  test('When a wrapped Error is logged, then its cause (code, details, secrets masked) is kept without a second stack', async () => {
    const { logger, lines } = captureLogs();
    const grpc = Object.assign(new Error('4 DEADLINE_EXCEEDED'), {
      code: 4,
      details: 'Deadline exceeded',
      password: 'hunter2',
    });

    logger.error('failed', { err: new Error('A downstream service is unavailable', { cause: grpc }) });

    const [line] = await lines();
    const cause = (line?.['err'] as { cause?: Record<string, unknown> }).cause;
    expect(cause).toMatchObject({
      code: 4,
      details: 'Deadline exceeded',
      message: '4 DEADLINE_EXCEEDED',
      password: '[REDACTED]',
    });
    expect(cause?.['stack']).toBeUndefined();
  });
});
