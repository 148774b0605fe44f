import { status } from '@grpc/grpc-js';
import { z } from 'zod';
import { AppError, validate } from '../src/errors';
import { fromGrpcError, toGrpcError } from '../src/grpc-errors';
import { httpStatusOf } from '../src/problem';

describe('validate', () => {
  test('When input breaks several rules, then VALIDATION_FAILED lists each path and message', () => {
    const schema = z.strictObject({
      email: z.email(),
      items: z.array(z.object({ quantity: z.number().int().min(1) })),
    });

    let caught: unknown;
    try {
      validate(schema, { email: 'nope', items: [{ quantity: 0 }], total: 5 }, 'body');
    } catch (err) {
      caught = err;
    }

    expect(caught).toBeInstanceOf(AppError);
    expect(caught).toMatchObject({ code: 'VALIDATION_FAILED', detail: 'Invalid body: 3 problems' });
    expect(httpStatusOf((caught as AppError).code)).toBe(400);
    expect((caught as AppError).errors).toEqual(
      expect.arrayContaining([
        { path: 'email', message: expect.any(String) },
        { path: 'items.0.quantity', message: expect.any(String) },
        { path: 'total', message: 'Unknown field' },
      ]),
    );
  });

  test('When input is valid, then the parsed value is returned', () => {
    expect(validate(z.object({ page: z.coerce.number() }), { page: '2' }, 'query')).toEqual({ page: 2 });
  });
});

describe('gRPC error mapping', () => {
  test('When an AppError crosses a gRPC hop, then code, detail, field errors and retry-after survive', () => {
    const original = new AppError('RATE_LIMITED', 'Slow down', {
      retryAfterSeconds: 12,
      errors: [{ path: 'email', message: 'too many attempts' }],
    });

    const wire = toGrpcError(original);
    const back = fromGrpcError(wire);

    expect(wire.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(back).toMatchObject({
      code: 'RATE_LIMITED',
      detail: 'Slow down',
      retryAfterSeconds: 12,
      errors: [{ path: 'email', message: 'too many attempts' }],
    });
  });

  test('When an unknown error is sent over gRPC, then the peer sees INTERNAL with no internal message', () => {
    const wire = toGrpcError(new Error('relation "orders" does not exist'));

    expect(wire.code).toBe(status.INTERNAL);
    expect(wire.details).toBe('Internal error');
  });

  test('When a failure comes from a peer that is not ours, then its status maps to a code with a generic detail', () => {
    const foreign = Object.assign(new Error('14 UNAVAILABLE: connect ECONNREFUSED'), {
      code: status.UNAVAILABLE,
      details: 'connect ECONNREFUSED 10.0.0.7:50001',
    });

    expect(fromGrpcError(foreign)).toMatchObject({
      code: 'UNAVAILABLE',
      detail: 'A downstream service is unavailable',
    });
  });
});
