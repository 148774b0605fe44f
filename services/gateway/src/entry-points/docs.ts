import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Router, type Request, type Response } from 'express';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { DOCUMENT_CACHE_CONTROL } from './openapi';

// Swagger UI from the swagger-ui-dist package, served by the gateway itself (no CDN). The
// page loads only same-origin scripts, so a strict CSP holds; Swagger UI sets inline styles.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>The shop's REST API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
  <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;

// persistAuthorization: a token pasted into "Authorize" survives a reload of the page.
const INIT = `window.ui = SwaggerUIBundle({
  url: '/v1/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
  displayRequestDuration: true,
});
`;

const ASSET_MAX_AGE_SECONDS = 3600;
// Only what the page loads: the package also holds a demo index page and its own initialiser.
const ASSETS = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png', 'favicon-16x16.png']);

/** GET /v1/openapi.json (with ETag) and the interactive docs under /docs. */
export function docsRouter(document: object): Router {
  const json = JSON.stringify(document);
  const etag = `"${createHash('sha1').update(json).digest('base64url')}"`;
  const router = Router();

  router.get('/v1/openapi.json', (req: Request, res: Response) => {
    res.setHeader('Cache-Control', DOCUMENT_CACHE_CONTROL);
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match']?.split(',').some((t) => t.trim() === etag)) {
      res.status(304).end();
      return;
    }
    res.type('application/json').send(json);
  });

  const page = (_req: Request, res: Response, body: string, type: string) => {
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('Cache-Control', 'no-cache');
    res.type(type).send(body);
  };
  router.get('/docs', (req, res) => page(req, res, PAGE, 'html'));
  router.get('/docs/init.js', (req, res) => page(req, res, INIT, 'application/javascript'));
  const dir = getAbsoluteFSPath();
  router.get('/docs/:asset', (req, res, next) => {
    const asset = req.params['asset'] ?? '';
    if (!ASSETS.has(asset)) {
      next();
      return;
    }
    res.setHeader('Content-Security-Policy', CSP);
    // Versioned with the package: an hour is safe, and the default no-store would refetch 1.5 MB.
    res.setHeader('Cache-Control', `public, max-age=${ASSET_MAX_AGE_SECONDS}`);
    res.sendFile(join(dir, asset), { cacheControl: false, dotfiles: 'deny' }, (err) => err && next(err));
  });
  return router;
}
