// The committed document and types are what the services' schemas produce (UPDATE_OPENAPI=1,
// i.e. `npm run openapi`, rewrites them), and every route a router serves is documented.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import express from 'express';
import request from 'supertest';
import { createHealthRouter, createLogger, createMetrics } from '@shop/service-kit';
import { documentRoutes, expressRoutes } from '@shop/service-kit/testing/express-routes';
import { routes as topologyRoutes, type AppName } from '@shop/topology';
import { authRoutes } from '../../../services/auth/src/entry-points/rest/auth-routes';
import { createGatewayApp } from '../../../services/gateway/src/entry-points/app';
import { mountOrderRoutes } from '../../../services/order/src/entry-points/rest/routes';
import { mountProductRoutes } from '../../../services/product/src/entry-points/rest/routes';
import { mountUserRoutes } from '../../../services/user/src/entry-points/rest/routes';
import { DOCUMENT_PARTS, shopDocument } from './support/shop-document';
import { anything, stubAuth } from './support/stubs';

const ROOT = join(__dirname, '..');
const DOCUMENT = join(ROOT, 'openapi.json');
const TYPES = join(ROOT, 'src', 'generated', 'schema.ts');
const UPDATE = process.env['UPDATE_OPENAPI'] === '1';
const FIX = 'run `npm run openapi` and commit the result';

function compareOrWrite(file: string, expected: string) {
  if (UPDATE) writeFileSync(file, expected);
  const actual = readFileSync(file, 'utf8');
  if (actual !== expected) throw new Error(`${file} is out of date: ${FIX}`);
}

describe('The committed OpenAPI document and types', () => {
  test('When the document is built from the services’ zod schemas, then it equals openapi.json', () => {
    compareOrWrite(DOCUMENT, `${JSON.stringify(shopDocument(), null, 2)}\n`);
  });

  test('When openapi-typescript reads openapi.json, then it writes exactly the committed types', () => {
    // The package exports no subpath for its CLI; it sits beside the library's dist folder.
    const cli = join(dirname(require.resolve('openapi-typescript')), '..', 'bin', 'cli.js');
    const types = execFileSync(process.execPath, [cli, DOCUMENT], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    compareOrWrite(TYPES, types);
  });

  test('When openapi.json is checked against the OpenAPI 3.1 JSON schema, then it is valid', () => {
    // The validator is an ES module; jest runs these tests as CommonJS, so it runs beside them.
    const script = `import { Validator } from '@seriousme/openapi-schema-validator';
      const v = new Validator();
      const result = await v.validate(${JSON.stringify(DOCUMENT)});
      process.stdout.write(JSON.stringify({ ...result, version: v.version }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: ROOT });
    expect(JSON.parse(out)).toEqual({ valid: true, version: '3.1' });
  });

  test('When every example of the document is checked against its schema, then each is valid', () => {
    const doc = shopDocument() as { paths: Record<string, Record<string, unknown>> };
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ ...doc, $id: 'doc' });
    const invalid: string[] = [];
    let checked = 0;
    // Every media type object with an example, wherever it sits (request bodies, answers, components).
    const walk = (node: unknown, pointer: string) => {
      if (typeof node !== 'object' || node === null) return;
      const media = node as { schema?: unknown; example?: unknown };
      if (media.schema !== undefined && media.example !== undefined) {
        checked += 1;
        const check = ajv.compile({ $ref: `doc#${pointer}/schema` });
        if (!check(media.example)) invalid.push(`${pointer}: ${ajv.errorsText(check.errors)}`);
      }
      for (const [key, value] of Object.entries(node))
        if (key !== 'schema') walk(value, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    };
    walk(doc, '');
    expect(invalid).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(30);
  });

  test('When the document is read, then it is OpenAPI 3.1 with the Bearer scheme and an example per request body', () => {
    interface Operation {
      requestBody?: { content?: Record<string, { example?: unknown }> };
    }
    const doc = shopDocument() as {
      openapi: string;
      components: { securitySchemes: Record<string, object> };
      paths: Record<string, Record<string, Operation>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes['bearerAuth']).toMatchObject({ type: 'http', scheme: 'bearer' });
    const missing: string[] = [];
    for (const [path, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item)) {
        const body = op.requestBody?.content?.['application/json'];
        if (body && body.example === undefined) missing.push(`${method} ${path}`);
      }
    // Bodies without an example are those whose every field is optional (logout, webhook).
    expect(missing.sort()).toEqual(['post /v1/auth/logout', 'post /v1/payments/webhook']);
  });
});

/** The express app of each service with its real routers mounted as main.ts mounts them. */
function serviceApps(): Record<Exclude<AppName, 'gateway' | 'console'>, express.Express> {
  const withRoutes = (mount: (app: express.Express) => void) => {
    const app = express();
    mount(app);
    return app;
  };
  return {
    auth: withRoutes(authRoutes({ sessions: anything, authenticator: stubAuth, jwks: {}, trustProxy: 'loopback' })),
    user: withRoutes((app) => mountUserRoutes(app, anything, stubAuth)),
    order: withRoutes((app) => mountOrderRoutes(app, anything, stubAuth, { secret: 'x' })),
    product: withRoutes((app) => mountProductRoutes(app, anything, stubAuth)),
  };
}

const underPrefixOf = (app: AppName) => (route: string) => {
  const path = route.split(' ')[1]!;
  return topologyRoutes.some((r) => r.app === app && (path === r.prefix || path.startsWith(`${r.prefix}/`)));
};

describe('Routes and the document', () => {
  const documented = documentRoutes(shopDocument() as { paths: Record<string, object> });

  test.each(Object.entries(serviceApps()))(
    'When %s’s routers are listed, then each route has an operation in the document and each of its operations a route',
    (name, app) => {
      const served = expressRoutes(app).filter(underPrefixOf(name as AppName));
      expect(served.length).toBeGreaterThan(0);
      expect(served).toEqual(documented.filter(underPrefixOf(name as AppName)));
    },
  );

  test('When a documented path is under no service prefix, then it is one of the gateway’s own and the gateway serves it', async () => {
    const own = documented.filter((r) => !topologyRoutes.some((t) => underPrefixOf(t.app)(r)));
    expect(own).toEqual(documentRoutes({ paths: DOCUMENT_PARTS.gateway as Record<string, object> }));
    const gateway = createGatewayApp({
      logger: createLogger('gateway', 'error'),
      metrics: createMetrics('gateway-doc-test'),
      health: createHealthRouter({ checks: {} }),
      routes: [],
      corsOrigins: [],
      bodyLimitBytes: 1024,
      proxyTimeoutMs: 1000,
      trustProxyHops: 0,
      openApiDocument: shopDocument(),
    });
    for (const route of own) {
      const [method, path] = route.split(' ') as [string, string];
      const res = await request(gateway.app)[method.toLowerCase() as 'get'](path);
      expect([route, res.status]).toEqual([route, 200]);
    }
    gateway.close();
  });

  test('When every service prefix of the topology is looked up, then the document has operations under it', () => {
    for (const { prefix } of topologyRoutes)
      expect([prefix, documented.some((r) => r.split(' ')[1]!.startsWith(prefix))]).toEqual([prefix, true]);
    expect(topologyRoutes.map((r) => r.app)).not.toContain('gateway' satisfies AppName);
  });
});
