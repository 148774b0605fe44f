// Checks an HTTP answer against the shop's OpenAPI document: the status is one the operation
// lists, the media type is the documented one, the documented headers are there and valid,
// and the body matches the schema (JSON Schema 2020-12, which OpenAPI 3.1 uses, via ajv).
// Hand-written because the maintained OpenAPI response validators target 3.0 documents.
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

interface MediaType {
  readonly schema?: object;
}
interface HeaderObject {
  readonly required?: boolean;
  readonly schema?: object;
}
interface ResponseObject {
  readonly headers?: Record<string, HeaderObject>;
  readonly content?: Record<string, MediaType>;
}
interface OperationObject {
  readonly responses?: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  readonly paths?: Record<string, Record<string, unknown>>;
  readonly components?: { readonly schemas?: Record<string, object> };
}

export interface ObservedResponse {
  readonly method: string;
  /** The request's path, without the query string. */
  readonly path: string;
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The parsed JSON body, or undefined when there was none. */
  readonly body: unknown;
  readonly rawBody: string;
}

const DOC_ID = 'shop-openapi';
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
const mediaTypeOf = (header: string | undefined) => (header ?? '').split(';')[0]!.trim().toLowerCase();

interface Route {
  readonly template: string;
  readonly pattern: RegExp;
  readonly params: number;
}

/** Returns a function that lists everything wrong with an answer (empty: it conforms). */
export function createResponseValidator(doc: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: DOC_ID });
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (ref: string) => {
    let fn = compiled.get(ref);
    if (!fn) compiled.set(ref, (fn = ajv.compile({ $ref: `${DOC_ID}#${ref}` })));
    return fn;
  };
  const problemRef = doc.components?.schemas?.['Problem'] ? '/components/schemas/Problem' : undefined;

  // Literal paths first (/v1/users/me before /v1/users/{userId}).
  const routes: Route[] = Object.keys(doc.paths ?? {})
    .map((template) => {
      const params = (template.match(/\{[^}]+\}/g) ?? []).length;
      const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+');
      return { template, pattern: new RegExp(`^${source}$`), params };
    })
    .sort((a, b) => a.params - b.params);

  const check = (schemaRef: string, value: unknown, what: string): string[] => {
    const fn = validatorAt(schemaRef);
    if (fn(value)) return [];
    return (fn.errors ?? []).map((e) => `${what}${e.instancePath} ${e.message ?? 'is invalid'}`);
  };

  /** A `{ $ref: '#/components/...' }` and the JSON pointer of what it names, else the object itself. */
  const resolved = (value: ResponseObject & { $ref?: string }, at: string): [ResponseObject, string] => {
    if (typeof value.$ref !== 'string' || !value.$ref.startsWith('#/')) return [value, at];
    const target = value.$ref
      .slice(2)
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
    return [(target ?? {}) as ResponseObject, value.$ref.slice(1)];
  };

  return function validate(res: ObservedResponse): string[] {
    const method = res.method.toLowerCase();
    const route = routes.find((r) => r.pattern.test(res.path));
    const op = route ? (doc.paths?.[route.template]?.[method] as OperationObject | undefined) : undefined;
    const name = `${res.method} ${route?.template ?? res.path} → ${res.status}`;
    if (!route || !op) {
      // Not an operation of the API: only a problem answer is acceptable.
      if (res.status < 400) return [`${name}: not in the OpenAPI document`];
      if (mediaTypeOf(res.headers['content-type']) !== 'application/problem+json')
        return [`${name}: an undocumented path answered ${res.headers['content-type'] ?? 'no media type'}`];
      return problemRef ? check(problemRef, res.body, `${name}: body`) : [];
    }
    const listed = op.responses?.[String(res.status)];
    if (!listed) return [`${name}: status not documented (documented: ${Object.keys(op.responses ?? {}).join(', ')})`];
    const [response, base] = resolved(
      listed,
      pointer('', 'paths', route.template, method, 'responses', String(res.status)),
    );
    const errors: string[] = [];

    for (const [header, spec] of Object.entries(response.headers ?? {})) {
      const value = res.headers[header.toLowerCase()];
      if (value === undefined) {
        if (spec.required) errors.push(`${name}: header ${header} is missing`);
        continue;
      }
      if (spec.schema)
        errors.push(...check(`${base}/headers/${pointer(header)}/schema`, value, `${name}: header ${header}`));
    }

    const content = response.content ?? {};
    const types = Object.keys(content);
    if (types.length === 0) {
      if (res.rawBody !== '') errors.push(`${name}: a body was sent where none is documented`);
      return errors;
    }
    const type = mediaTypeOf(res.headers['content-type']);
    if (!types.includes(type)) {
      errors.push(`${name}: media type ${type || 'none'} is not one of ${types.join(', ')}`);
      return errors;
    }
    if (res.body === undefined) errors.push(`${name}: the body is not JSON`);
    else if (content[type]?.schema)
      errors.push(...check(`${base}/content/${pointer(type)}/schema`, res.body, `${name}: body`));
    return errors;
  };
}
