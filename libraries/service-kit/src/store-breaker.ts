import { status as GrpcStatus } from '@grpc/grpc-js';
import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel';
import { Gauge, type Registry } from 'prom-client';
import { AppError, isFaultCode } from './errors';

/**
 * A circuit breaker in front of one store, counting only the store's faults. Dapr 1.18's
 * component breakers count every error, so ETag conflicts from one shopper's burst opened the
 * cart store's breaker for every shopper; the shop keeps breakers for stores here, where a
 * conflict, a validation answer or a missing key is a business answer, not a fault.
 */
export interface StoreBreaker {
  execute<T>(work: () => Promise<T>): Promise<T>;
  state(): 'closed' | 'open' | 'half-open';
}

export interface StoreBreakerOptions {
  /** The store's name, in the metric and the 503's detail. */
  readonly name: string;
  /** Consecutive faults that open the breaker. */
  readonly consecutiveFaults?: number;
  /** How long an open breaker answers at once before it lets one call try the store. */
  readonly halfOpenAfterMs?: number;
  readonly isFault?: (err: unknown) => boolean;
  readonly registry?: Registry;
  readonly onStateChange?: (state: 'closed' | 'open' | 'half-open') => void;
}

// gRPC answers that are the caller's or the data's business, not the store failing.
const BUSINESS_CODES = new Set<number>([
  GrpcStatus.INVALID_ARGUMENT,
  GrpcStatus.NOT_FOUND,
  GrpcStatus.ALREADY_EXISTS,
  GrpcStatus.PERMISSION_DENIED,
  GrpcStatus.FAILED_PRECONDITION,
  GrpcStatus.ABORTED, // Dapr's ETag mismatch
  GrpcStatus.OUT_OF_RANGE,
  GrpcStatus.UNAUTHENTICATED,
]);

/** A fault is anything but a business answer: an AppError with a fault code or a non-business gRPC code. */
export function isStoreFault(err: unknown): boolean {
  if (err instanceof AppError) return isFaultCode(err.code);
  const code = (err as { code?: unknown } | undefined)?.code;
  return !(typeof code === 'number' && BUSINESS_CODES.has(code));
}

const STATE_NAMES = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
} as const;
const STATE_VALUES = { closed: 0, 'half-open': 1, open: 2 } as const;
const gauges = new WeakMap<Registry, Gauge<'breaker'>>();

function stateGauge(registry: Registry): Gauge<'breaker'> {
  let gauge = gauges.get(registry);
  if (!gauge) {
    gauge = new Gauge({
      name: 'shop_circuit_breaker_state',
      help: 'State of each store circuit breaker: 0 closed, 1 half-open, 2 open',
      labelNames: ['breaker'],
      registers: [registry],
    });
    gauges.set(registry, gauge);
  }
  return gauge;
}

export function createStoreBreaker(options: StoreBreakerOptions): StoreBreaker {
  const halfOpenAfter = options.halfOpenAfterMs ?? 5_000;
  const policy = circuitBreaker(handleWhen(options.isFault ?? isStoreFault), {
    halfOpenAfter,
    breaker: new ConsecutiveBreaker(options.consecutiveFaults ?? 5),
  });
  const gauge = options.registry ? stateGauge(options.registry) : undefined;
  gauge?.set({ breaker: options.name }, 0);
  policy.onStateChange((s) => {
    const name = STATE_NAMES[s];
    gauge?.set({ breaker: options.name }, STATE_VALUES[name]);
    options.onStateChange?.(name);
  });
  return {
    async execute(work) {
      try {
        return await policy.execute(work);
      } catch (err) {
        if (err instanceof BrokenCircuitError) {
          throw new AppError('UNAVAILABLE', `The ${options.name} is unavailable; try again shortly`, {
            retryAfterSeconds: Math.ceil(halfOpenAfter / 1000),
            cause: err,
          });
        }
        throw err;
      }
    },
    state: () => STATE_NAMES[policy.state],
  };
}
