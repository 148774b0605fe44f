import { AppError } from './errors';

/**
 * Recognises a store that cannot be reached or did not answer in time, so that the one error
 * handler answers 503 (retry later) instead of a generic 500. By shape, not by class: the kit
 * depends on none of the drivers (pg, mongodb, ioredis), and their errors cross package copies.
 */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);

// pg: lost or never-made connections and the client-side query timeout.
// ioredis: the offline queue is off (commands fail fast while Redis is away) and commandTimeout.
const MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Query read timeout/,
  /is not queryable$/,
  /^Stream isn't writeable/,
  /^Connection is closed\.?$/,
  /^Command timed out$/,
];

// The MongoDB driver's names for an unreachable server, a cut connection and a timed-out operation.
const MONGO_NAMES =
  /^Mongo(Network|NetworkTimeout|ServerSelection|OperationTimeout|TopologyClosed|PoolCleared|WaitQueueTimeout)Error$/;

// SQLSTATE class 08 (connection exception), 57P01-57P03 (server shutting down or starting),
// 53300 (too many connections), 57014 (statement_timeout cancelled the query).
const SQLSTATE = /^(08...|57P0[123]|53300|57014)$/;

function matches(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message, name } = err as { code?: unknown; message?: unknown; name?: unknown };
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || SQLSTATE.test(code))) return true;
  if (typeof name === 'string' && (MONGO_NAMES.test(name) || name === 'MaxRetriesPerRequestError')) return true;
  return typeof message === 'string' && MESSAGES.some((m) => m.test(message));
}

export function isStoreUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth += 1) {
    if (matches(e)) return true;
  }
  return false;
}

/** The 503 a store outage becomes at the edge; undefined when `err` is something else. */
export function storeUnavailableError(err: unknown): AppError | undefined {
  if (!isStoreUnavailable(err)) return undefined;
  return new AppError('UNAVAILABLE', 'A store this request needs is unavailable; try again shortly', {
    retryAfterSeconds: 5,
    cause: err,
  });
}
