import type { Express } from 'express';

interface Layer {
  readonly route?: { readonly path: string | string[]; readonly methods: Record<string, boolean> };
  readonly handle?: { readonly stack?: readonly Layer[] };
  /** router 2.3+: the path the layer was mounted on (`app.use(path, router)`). */
  readonly rawPath?: string | string[];
}

const asOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/(.)\/$/, '$1');

function walk(stack: readonly Layer[], prefix: string, out: Set<string>): void {
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const path of paths)
        for (const [method, on] of Object.entries(layer.route.methods))
          if (on && method !== '_all') out.add(`${method.toUpperCase()} ${asOpenApiPath(prefix + path)}`);
    } else if (layer.handle?.stack) {
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      walk(layer.handle.stack, prefix + mount, out);
    }
  }
}

/**
 * Every `METHOD /path` an Express app routes, with paths in OpenAPI's `{param}` form, so a
 * test can compare the routers with the OpenAPI document. Reads Express 5's router stack
 * (no public API lists routes); mount paths are static prefixes in this repository.
 */
export function expressRoutes(app: Express): string[] {
  const out = new Set<string>();
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '', out);
  return [...out].sort();
}

/** Every `METHOD /path` of an OpenAPI document's `paths`. */
export function documentRoutes(doc: { paths?: Record<string, object> }): string[] {
  const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
  return Object.entries(doc.paths ?? {})
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => methods.includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    )
    .sort();
}
