import type { RequestHandler, Response } from 'express';
import { AppError } from '../errors';
import { parseBearer } from './bearer';
import type { Principal, Role } from './token-format';

const LOCALS_KEY = 'shopPrincipal';

/** The authenticated caller; throws when requireAuth() did not run on this route (a wiring bug). */
export function principalOf(res: Response): Principal {
  const principal = (res.locals as Record<string, unknown>)[LOCALS_KEY] as Principal | undefined;
  if (!principal) throw new Error('principalOf: requireAuth() did not run for this route');
  return principal;
}

export function requireAuthMiddleware(verify: (token: string) => Promise<Principal>): RequestHandler {
  return (req, res, next) => {
    const bearer = parseBearer(req.get('authorization'));
    if (bearer.kind !== 'token') {
      // RFC 6750 §3: tell the client which scheme to use, and whether its token was the problem.
      res.setHeader(
        'WWW-Authenticate',
        bearer.kind === 'missing' ? 'Bearer realm="shop"' : 'Bearer realm="shop", error="invalid_token"',
      );
      next(
        new AppError(
          'UNAUTHENTICATED',
          bearer.kind === 'missing' ? 'An access token is required' : 'The access token is invalid, expired or revoked',
        ),
      );
      return;
    }
    verify(bearer.token).then(
      (principal) => {
        (res.locals as Record<string, unknown>)[LOCALS_KEY] = principal;
        next();
      },
      (err: unknown) => {
        if (err instanceof AppError && err.code === 'UNAUTHENTICATED') {
          res.setHeader('WWW-Authenticate', 'Bearer realm="shop", error="invalid_token"');
        }
        next(err);
      },
    );
  };
}

/** Mount after requireAuth(). Admins are not implicitly customers: roles are checked as named. */
export function requireRoleMiddleware(role: Role): RequestHandler {
  return (_req, res, next) => {
    const principal = (res.locals as Record<string, unknown>)[LOCALS_KEY] as Principal | undefined;
    if (!principal) {
      next(new AppError('UNAUTHENTICATED', 'An access token is required'));
      return;
    }
    if (!principal.roles.includes(role)) {
      next(new AppError('FORBIDDEN', `This operation requires the ${role} role`));
      return;
    }
    next();
  };
}
