/**
 * At most `size` tasks at a time; the rest wait in arrival order. Reservations use it: once
 * they no longer queue behind a product lock, 200 at once each opened their own FerretDB →
 * PostgreSQL connection and ran the shared server out of connections.
 */
export function createLimiter(size: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

export type Limiter = ReturnType<typeof createLimiter>;
