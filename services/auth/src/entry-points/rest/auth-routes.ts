import { Router, type Express, type Request } from 'express';
import { principalOf, validate, type Authenticator } from '@shop/service-kit';
import { login, logout, refresh, type SessionDeps } from '../../domain/use-cases/sessions';
import { JWKS_CACHE_CONTROL } from './openapi';
import { loginBody, logoutBody, refreshBody } from './schemas';

export interface RestDeps {
  readonly sessions: SessionDeps;
  readonly authenticator: Authenticator;
  readonly jwks: object;
  readonly trustProxy: string;
}

// The client address as the gateway saw it (trust proxy), for brute-force counting.
const ipOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

export function authRoutes(deps: RestDeps): (app: Express) => void {
  return (app) => {
    app.set('trust proxy', deps.trustProxy);
    const router = Router();
    // Token responses must never be cached (RFC 6749 §5.1).
    router.use((_req, res, next) => {
      res.setHeader('Cache-Control', 'no-store');
      next();
    });

    router.post('/login', async (req, res) => {
      const body = validate(loginBody, req.body, 'body');
      res.json(await login(deps.sessions, body.email, body.password, ipOf(req)));
    });

    router.post('/refresh', async (req, res) => {
      const body = validate(refreshBody, req.body, 'body');
      res.json(await refresh(deps.sessions, body.refreshToken, ipOf(req)));
    });

    router.post('/logout', deps.authenticator.requireAuth(), async (req, res) => {
      const body = validate(logoutBody, req.body ?? {}, 'body');
      await logout(deps.sessions, principalOf(res), body.refreshToken, ipOf(req));
      res.status(204).end();
    });

    router.get('/jwks', (_req, res) => {
      // Public keys change only on rotation; verifiers refetch on an unknown kid anyway.
      res.setHeader('Cache-Control', JWKS_CACHE_CONTROL);
      res.json(deps.jwks);
    });

    app.use('/v1/auth', router);
  };
}
