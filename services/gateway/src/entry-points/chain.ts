import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Runs handlers one after another as one Express handler, with Express's rules (an error
 * passed to `next`, or thrown, goes to the error handlers; a handler that answers ends the
 * chain). Every request of a route passes all of them: one layer instead of six saves the
 * router's per-layer matching and bookkeeping on the gateway's hottest path.
 */
export function chain(handlers: readonly RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    let i = 0;
    const step = (err?: unknown): void => {
      if (err !== undefined && err !== null && err !== 'route') {
        next(err);
        return;
      }
      const handler = err === 'route' ? undefined : handlers[i++];
      if (!handler) {
        next();
        return;
      }
      try {
        const result = handler(req, res, step) as unknown;
        if (result instanceof Promise) result.catch(next);
      } catch (thrown) {
        next(thrown);
      }
    };
    step();
  };
}
