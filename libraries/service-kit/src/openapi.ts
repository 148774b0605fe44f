// The building blocks every service's OpenAPI paths share: the problem body, the headers every
// answer carries, pagination, the Bearer scheme, and one function that turns a route's zod
// schemas into an OpenAPI operation. Kept free of express so documents build without a server.
import { z } from 'zod';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import { errorCatalogue, problemType } from './problem';

/** The gateway's own code for a silent upstream (see the gateway's problems.ts). */
const GATEWAY_CODES = ['GATEWAY_TIMEOUT'] as const;
export const PROBLEM_CODES = [...(Object.keys(errorCatalogue) as (keyof typeof errorCatalogue)[]), ...GATEWAY_CODES];

// Open to extension members (RFC 9457 §3.2), such as the `checks` of a 503 from /readyz.
export const problemSchema = z
  .looseObject({
    type: z.string().meta({ description: 'A URN naming the kind of problem', example: 'urn:shop:problem:not-found' }),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string().meta({ description: 'Safe to show to the person using the client' }),
    code: z.enum(PROBLEM_CODES).meta({ description: 'Stable: clients may branch on it' }),
    traceId: z.string().optional().meta({ description: 'Quote it when reporting a problem' }),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'One entry per invalid field' }),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details',
    example: {
      type: 'urn:shop:problem:validation-failed',
      title: 'Validation failed',
      status: 400,
      detail: 'The request body is invalid',
      code: 'VALIDATION_FAILED',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      instance: '/v1/users',
      errors: [{ path: 'email', message: 'Invalid email address' }],
    },
  });

/** `{ items, total, page, pageSize }`, the brief's one list shape. */
export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      total: z.number().int().min(0),
      page: z.number().int().min(1),
      pageSize: z.number().int().min(0),
    })
    .meta({ id });
}

export const paginationQuery = {
  page: z.coerce.number().int().min(1).max(10_000).default(1).meta({ description: 'From 1' }),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

export const isoTimestamp = z.iso.datetime({ offset: false }).meta({ example: '2026-12-01T09:30:00.000Z' });

/** Cache-Control values a route may answer with; no-store unless a route says otherwise. */
export const NO_STORE = 'no-store';

const requestIdHeader = z.string().meta({ description: 'Echoed or generated request id; quote it with traceId' });
const nosniffHeader = z.literal('nosniff');

/** Headers on every answer, success or problem. */
export function commonHeaders(cacheControl: readonly string[] = [NO_STORE]) {
  return {
    'X-Request-Id': requestIdHeader,
    'X-Content-Type-Options': nosniffHeader,
    'Cache-Control': z.enum(cacheControl as [string, ...string[]]),
  };
}

const STATUS_TEXT: Record<number, string> = {
  400: 'The request is malformed or a field is invalid (nothing was changed)',
  401: 'No valid Bearer token',
  403: 'The token is valid but lacks the role, or the browser origin is not allowed',
  404: 'No such resource (a malformed id is a 404 too)',
  409: 'Conflicts with the current state',
  412: 'A precondition failed',
  413: 'The body is larger than the limit',
  415: 'Bodies must be application/json',
  429: 'Too many requests; see Retry-After',
  500: 'Unexpected error; quote traceId',
  502: 'The owning service could not be reached',
  503: 'Temporarily unavailable or shedding load; see Retry-After',
  504: 'The owning service did not answer in time; a write may still have happened',
};

/** What the gateway itself may answer on any proxied route. */
const EDGE_STATUSES = [500, 502, 503, 504] as const;
const RETRY_AFTER_STATUSES = new Set([429, 503]);

// The code each status carries, for the examples (502 and 503 share UNAVAILABLE: retry later).
const STATUS_CODES: Record<number, (typeof PROBLEM_CODES)[number]> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  500: 'INTERNAL',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

const PROBLEM_NAMES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  412: 'PreconditionFailed',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  429: 'TooManyRequests',
  500: 'InternalError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

function problemExample(status: number) {
  const code = STATUS_CODES[status] ?? 'INTERNAL';
  const gateway = code === 'GATEWAY_TIMEOUT';
  return {
    type: gateway ? 'urn:shop:problem:gateway-timeout' : problemType(code),
    title: gateway ? 'Gateway timeout' : errorCatalogue[code].title,
    status,
    detail: STATUS_TEXT[status] ?? 'Problem',
    code,
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  };
}

// One object per status, so every operation refers to the same response component.
const problemResponses = new Map<number, ZodOpenApiResponseObject>();
function problemResponse(status: number): ZodOpenApiResponseObject {
  let response = problemResponses.get(status);
  if (!response) {
    const retry = RETRY_AFTER_STATUSES.has(status)
      ? { 'Retry-After': z.string().regex(/^\d+$/).optional().meta({ description: 'Seconds' }) }
      : {};
    response = {
      id: PROBLEM_NAMES[status] ?? `Problem${status}`,
      description: STATUS_TEXT[status] ?? 'Problem',
      headers: z.object({ ...commonHeaders(), ...retry }),
      content: { 'application/problem+json': { schema: problemSchema, example: problemExample(status) } },
    };
    problemResponses.set(status, response);
  }
  return response;
}

export type Access = 'public' | 'user' | 'admin' | 'optional';

export interface SuccessSpec {
  readonly status: number;
  readonly description: string;
  /** Absent: no body (204, 304). */
  readonly schema?: z.ZodType;
  readonly example?: unknown;
  readonly cacheControl?: readonly string[];
  /** More headers of this answer (Location, ETag...); optional ones with `.optional()`. */
  readonly headers?: Record<string, z.ZodType>;
}

export interface OperationSpec {
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly access: Access;
  readonly path?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly headers?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly bodyRequired?: boolean;
  readonly bodyExample?: unknown;
  readonly responses: readonly SuccessSpec[];
  /** Problem statuses besides the edge's (500, 502-504) and what `access` implies (401, 403). */
  readonly problems?: readonly number[];
}

export const BEARER = 'bearerAuth';

export const bearerScheme = {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'JWT',
  description: 'The accessToken of POST /v1/auth/login',
} as const;

const SECURITY: Record<Access, ZodOpenApiOperationObject['security']> = {
  public: [],
  optional: [{}, { [BEARER]: [] }],
  user: [{ [BEARER]: [] }],
  admin: [{ [BEARER]: [] }],
};

const ACCESS_PROBLEMS: Record<Access, number[]> = { public: [], optional: [401], user: [401], admin: [401, 403] };

/** One route's OpenAPI operation, from the same zod schemas the route validates with. */
export function operation(spec: OperationSpec): ZodOpenApiOperationObject {
  const responses: ZodOpenApiResponsesObject = {};
  for (const ok of spec.responses) {
    responses[String(ok.status) as '200'] = {
      description: ok.description,
      headers: z.object({ ...commonHeaders(ok.cacheControl), ...ok.headers }),
      ...(ok.schema
        ? {
            content: {
              'application/json': { schema: ok.schema, ...(ok.example === undefined ? {} : { example: ok.example }) },
            },
          }
        : {}),
    };
  }
  const statuses = new Set([...(spec.problems ?? []), ...ACCESS_PROBLEMS[spec.access], ...EDGE_STATUSES]);
  if (spec.body) [413, 415].forEach((s) => statuses.add(s));
  for (const status of [...statuses].sort((a, b) => a - b))
    responses[String(status) as '400'] = problemResponse(status);

  const requestParams = {
    ...(spec.path ? { path: spec.path } : {}),
    ...(spec.query ? { query: spec.query } : {}),
    ...(spec.headers ? { header: spec.headers } : {}),
  };
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [...spec.tags],
    security: SECURITY[spec.access],
    ...(Object.keys(requestParams).length > 0 ? { requestParams } : {}),
    ...(spec.body
      ? {
          requestBody: {
            required: spec.bodyRequired ?? true,
            content: {
              'application/json': {
                schema: spec.body,
                ...(spec.bodyExample === undefined ? {} : { example: spec.bodyExample }),
              },
            },
          },
        }
      : {}),
    responses,
  };
}

export interface DocumentInfo {
  readonly title: string;
  readonly version: string;
  readonly description: string;
  readonly tags: ReadonlyArray<{ name: string; description: string }>;
}

/** One OpenAPI 3.1 document from each service's paths; a path claimed twice is an error. */
export function buildDocument(
  info: DocumentInfo,
  parts: Readonly<Record<string, ZodOpenApiPathsObject>>,
): Record<string, unknown> {
  const paths: ZodOpenApiPathsObject = {};
  for (const [part, partPaths] of Object.entries(parts))
    for (const [path, item] of Object.entries(partPaths)) {
      if (paths[path]) throw new Error(`${path} is documented by ${part} and by another part`);
      paths[path] = item;
    }
  const document: object = createDocument({
    openapi: '3.1.0',
    info: { title: info.title, version: info.version, description: info.description },
    // Relative: the docs page and generated clients talk to whichever gateway served the document.
    servers: [{ url: '/', description: 'The gateway that served this document' }],
    tags: info.tags.map((t) => ({ ...t })),
    paths,
    components: { securitySchemes: { [BEARER]: { ...bearerScheme } } },
  });
  return document as Record<string, unknown>;
}
