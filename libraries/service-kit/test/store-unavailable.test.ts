import { status as GrpcStatus } from '@grpc/grpc-js';
import { AppError, isStoreUnavailable, toGrpcError, toProblem } from '../src';

// The errors the drivers raised in the fault suite (test/faults) while a store was away.
const outages = {
  'pg, connection cut': new Error('Connection terminated unexpectedly'),
  'pg, connect timeout': new Error('timeout exceeded when trying to connect'),
  'pg, query timeout': new Error('Query read timeout'),
  'pg, reset': Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
  'pg, server shutting down': Object.assign(new Error('terminating connection'), { code: '57P01' }),
  'mongodb, no server': Object.assign(new Error('read ECONNRESET'), {
    name: 'MongoServerSelectionError',
    cause: Object.assign(new Error('read ECONNRESET'), { name: 'MongoNetworkError' }),
  }),
  'mongodb, socket timeout': Object.assign(new Error('connection timed out'), { name: 'MongoNetworkTimeoutError' }),
  'ioredis, offline': new Error("Stream isn't writeable and enableOfflineQueue options is false"),
  'ioredis, command timeout': new Error('Command timed out'),
  'wrapped in a cause': new Error('loading the user failed', {
    cause: new Error('Connection terminated unexpectedly'),
  }),
};

const notOutages = {
  'a bug': new TypeError("Cannot read properties of undefined (reading 'id')"),
  'a unique violation': Object.assign(new Error('duplicate key value'), { code: '23505' }),
  'mongodb duplicate key': Object.assign(new Error('E11000'), { name: 'MongoServerError', code: 11000 }),
  'a business answer': new AppError('CONFLICT', 'changed'),
};

describe('a store that cannot be reached', () => {
  test.each(Object.entries(outages))('When the error is %s, then it is a store outage and answers 503', (_, err) => {
    expect(isStoreUnavailable(err)).toBe(true);
    expect(toProblem(err)).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    expect(toGrpcError(err).code).toBe(GrpcStatus.UNAVAILABLE);
  });

  test.each(Object.entries(notOutages))('When the error is %s, then it is not a store outage', (_, err) => {
    expect(isStoreUnavailable(err)).toBe(false);
    expect(toProblem(err).status).not.toBe(503);
  });

  test('When a store outage becomes a problem, then its detail names no driver internals', () => {
    const problem = toProblem(new Error('timeout exceeded when trying to connect to 10.0.0.5:5432'));

    expect(problem.detail).toBe('A store this request needs is unavailable; try again shortly');
  });
});
