import { join } from 'node:path';
import express, { type Express } from 'express';
import {
  accessLogMiddleware,
  type Health,
  type Metrics,
  metricsHandler,
  metricsMiddleware,
  notFoundHandler,
  problemHandler,
  publicApiHeaders,
  requestIdMiddleware,
} from '@shop/service-kit';
import { actionsRouter } from './actions-router';
import { createAuthority } from './auth';
import type { ConsoleDeps } from './deps';
import { pagesRouter } from './pages-router';

export const ASSETS_DIR = join(__dirname, '..', '..', 'assets');
const UPLOT_DIR = join(require.resolve('uplot'), '..');

// Everything the pages load comes from the console itself: no CDN, no inline script, so a
// strict policy holds and the console works without any outside network.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

/**
 * Not the kit's createRestApp: pages post HTML forms (urlencoded), which that app refuses by
 * design; the rest (request ids, access log, RED metrics, probes, problem+json) is the kit's.
 */
export function createConsoleApp(options: {
  deps: ConsoleDeps;
  metrics: Metrics;
  health: Health;
  trustProxyHops?: number;
  secureCookies?: boolean;
}): Express {
  const { deps, metrics, health } = options;
  const auth = createAuthority(deps.token);
  const app = express();
  app.disable('x-powered-by');
  app.set('case sensitive routing', true);
  app.set('trust proxy', options.trustProxyHops ?? 0);
  app.use(requestIdMiddleware());
  // The probes and /metrics too (they answer before the pages' own headers below).
  app.use(publicApiHeaders());
  app.use(accessLogMiddleware(deps.logger));
  app.use(metricsMiddleware(metrics));
  app.use(health.router);
  app.get('/metrics', metricsHandler(metrics));
  app.use((_req, res, next) => {
    res.set({
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    next();
  });
  app.use('/assets/uplot', express.static(UPLOT_DIR, { index: false, maxAge: '1h' }));
  app.use('/assets', express.static(ASSETS_DIR, { index: false, maxAge: '1h' }));
  app.use(express.urlencoded({ extended: false, limit: '32kb' }));
  app.use(express.json({ limit: '32kb', strict: true }));
  app.use(actionsRouter(deps, auth, options.secureCookies ?? false));
  app.use(pagesRouter(deps, auth));
  app.use(notFoundHandler());
  app.use(problemHandler(deps.logger));
  return app;
}
