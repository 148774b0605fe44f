import { status as GrpcStatus } from '@grpc/grpc-js';
import { Registry } from 'prom-client';
import { AppError, createStoreBreaker, httpStatusOf, isStoreFault } from '../src';

const grpcError = (code: number) => Object.assign(new Error(`grpc ${code}`), { code });
const fault = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));

describe('the store circuit breaker', () => {
  test('When a store answers conflicts, validation errors and missing keys, then the breaker stays closed', async () => {
    const breaker = createStoreBreaker({ name: 'cart store', consecutiveFaults: 3 });
    const answers = [
      GrpcStatus.ABORTED,
      GrpcStatus.INVALID_ARGUMENT,
      GrpcStatus.NOT_FOUND,
      GrpcStatus.FAILED_PRECONDITION,
    ];

    for (let i = 0; i < 20; i += 1) {
      await expect(
        breaker.execute(() => Promise.reject(grpcError(answers[i % answers.length]!))),
      ).rejects.toHaveProperty('code');
    }
    await expect(breaker.execute(() => Promise.reject(new AppError('CONFLICT', 'changed')))).rejects.toMatchObject({
      code: 'CONFLICT',
    });

    expect(breaker.state()).toBe('closed');
    await expect(breaker.execute(async () => 'served')).resolves.toBe('served');
  });

  test('When the store faults consecutively, then the breaker opens and answers 503 with Retry-After at once', async () => {
    const registry = new Registry();
    const changes: string[] = [];
    const breaker = createStoreBreaker({
      name: 'cart store',
      consecutiveFaults: 3,
      halfOpenAfterMs: 2_000,
      registry,
      onStateChange: (s) => changes.push(s),
    });
    for (let i = 0; i < 3; i += 1) await expect(breaker.execute(fault)).rejects.toThrow('ECONNREFUSED');
    let called = false;

    const answer = breaker.execute(async () => (called = true));

    const err = await answer.catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNAVAILABLE', retryAfterSeconds: 2 });
    expect(httpStatusOf((err as AppError).code)).toBe(503);
    expect(called).toBe(false);
    expect(changes).toEqual(['open']);
    expect(await registry.getSingleMetricAsString('shop_circuit_breaker_state')).toContain('breaker="cart store"} 2');
  });

  test('When an open breaker waits its half-open time and the store is back, then it closes again', async () => {
    const breaker = createStoreBreaker({ name: 'cart store', consecutiveFaults: 2, halfOpenAfterMs: 50 });
    for (let i = 0; i < 2; i += 1) await expect(breaker.execute(fault)).rejects.toThrow();
    expect(breaker.state()).toBe('open');

    await new Promise((r) => setTimeout(r, 80));

    await expect(breaker.execute(async () => 'back')).resolves.toBe('back');
    expect(breaker.state()).toBe('closed');
  });

  test('When a business answer comes between faults, then the consecutive count starts over', async () => {
    const breaker = createStoreBreaker({ name: 'cart store', consecutiveFaults: 3 });

    for (let i = 0; i < 10; i += 1) {
      await expect(breaker.execute(fault)).rejects.toThrow();
      await expect(breaker.execute(async () => 'ok')).resolves.toBe('ok');
    }

    expect(breaker.state()).toBe('closed');
  });

  test('When errors are classified, then 5xx AppErrors and transport errors are faults and 4xx are not', () => {
    expect(isStoreFault(new Error('socket hang up'))).toBe(true);
    expect(isStoreFault(grpcError(GrpcStatus.UNAVAILABLE))).toBe(true);
    expect(isStoreFault(grpcError(GrpcStatus.DEADLINE_EXCEEDED))).toBe(true);
    expect(isStoreFault(new AppError('UNAVAILABLE', 'down'))).toBe(true);
    expect(isStoreFault(new AppError('CONFLICT', 'taken'))).toBe(false);
    expect(isStoreFault(grpcError(GrpcStatus.ABORTED))).toBe(false);
  });
});
