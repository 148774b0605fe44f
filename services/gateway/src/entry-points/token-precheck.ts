import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * HOOK, not implemented: a future early rejection of bad bearer tokens by asking auth over
 * gRPC through the gateway's sidecar (saving the services a round of work on junk tokens).
 * It resolves to let the request through, or throws an AppError (e.g. UNAUTHENTICATED).
 * It is an optimisation only: the gateway is not a trust boundary and every service still
 * verifies the token itself, so a missing or failing pre-check must never grant anything.
 */
export type TokenPrecheck = (req: Request) => Promise<void>;

export function tokenPrecheckMiddleware(precheck: TokenPrecheck | undefined): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (precheck === undefined) {
      next();
      return;
    }
    precheck(req).then(() => next(), next);
  };
}
