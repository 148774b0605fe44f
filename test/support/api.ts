// The e2e suite's one way to talk HTTP to the shop: every answer from the gateway (or from a
// service's own REST port, which serves the same contract) is checked against the OpenAPI
// document, so a drift between the code and the document fails the test that saw it.
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request } from 'undici';
import { loadShopDocument } from '@shop/api';
import { createShopClient } from '@shop/api/client';
import { createResponseValidator } from '@shop/api/response-validator';
import { restUrl } from './shop';

export type Json = Record<string, unknown>;

export interface Reply {
  /** 0 when the connection failed (a process behind the gateway was killed). */
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The parsed JSON body; `{}` when there was none, `{ text }` when it was not JSON. */
  readonly body: Json;
  readonly text: string;
}

export const gateway = restUrl('gateway');
const validate = createResponseValidator(loadShopDocument());
// undici's request, not fetch: fetch refuses the WHATWG "bad ports" (10080 among them).
const dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: 64 });

const isJson = (type: string | undefined) => /^application\/([\w.+-]+\+)?json\b/i.test(type ?? '');

function headerRecord(headers: Record<string, string | string[] | undefined>): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])) as IncomingHttpHeaders;
}

/** Throws when an answer does not conform to the document (status, headers, media type, body). */
export function assertConforms(
  method: string,
  url: string,
  status: number,
  headers: IncomingHttpHeaders,
  text: string,
) {
  let body: unknown;
  if (text !== '' && isJson(headers['content-type'])) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  const flat = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
  const path = new URL(url).pathname;
  const problems = validate({ method, path, status, headers: flat, body, rawBody: text });
  if (problems.length > 0)
    throw new Error(`The answer breaks the OpenAPI document (libraries/api/openapi.json):\n  ${problems.join('\n  ')}`);
}

/**
 * One HTTP exchange, checked against the document. `url` is a path on the gateway or a full
 * URL; a string body is sent as it is (for malformed-input tests), an object as JSON.
 */
export async function send(
  method: string,
  url: string,
  options: { headers?: Record<string, string>; body?: object | string } = {},
): Promise<Reply> {
  const target = url.startsWith('http') ? url : `${gateway}${url}`;
  const payload = typeof options.body === 'string' ? options.body : options.body && JSON.stringify(options.body);
  let status: number;
  let headers: IncomingHttpHeaders;
  let text: string;
  try {
    const res = await request(target, {
      method: method as 'GET',
      headers: options.headers ?? {},
      dispatcher,
      ...(payload === undefined ? {} : { body: payload }),
    });
    status = res.statusCode;
    headers = headerRecord(res.headers);
    text = await res.body.text();
  } catch {
    return { status: 0, headers: {}, body: {}, text: '' };
  }
  assertConforms(method, target, status, headers, text);
  let body: Json = {};
  if (text !== '') {
    try {
      body = JSON.parse(text) as Json;
    } catch {
      body = { text };
    }
  }
  return { status, headers, body, text };
}

/**
 * The shop's calls as most tests make them: JSON, an optional Bearer token, extra headers.
 * An empty header value means "send no such header".
 */
export function call(
  method: string,
  path: string,
  token?: string,
  body?: object | string,
  headers: Record<string, string> = {},
) {
  const all: Record<string, string> = {
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...headers,
  };
  return send(method, path, {
    headers: Object.fromEntries(Object.entries(all).filter(([, v]) => v !== '')),
    ...(body === undefined ? {} : { body }),
  });
}

/** openapi-fetch's transport: the same checked exchange, as a fetch Response. */
async function checkedFetch(input: Request): Promise<Response> {
  const headers: Record<string, string> = {};
  input.headers.forEach((value, name) => (headers[name] = value));
  const body = input.method === 'GET' || input.method === 'HEAD' ? undefined : await input.text();
  const reply = await send(input.method, input.url, { headers, ...(body ? { body } : {}) });
  if (reply.status === 0) throw new TypeError(`fetch failed: ${input.method} ${input.url}`);
  const out = new Headers();
  for (const [name, value] of Object.entries(reply.headers))
    if (value !== undefined) out.set(name, Array.isArray(value) ? value.join(', ') : value);
  const empty = reply.status === 204 || reply.status === 304;
  return new Response(empty ? null : reply.text, { status: reply.status, headers: out });
}

/** The typed client generated from the document (paths, bodies and answers type-checked). */
export const api = createShopClient({ baseUrl: gateway, fetch: checkedFetch });

/** Sets the Bearer header for the typed client's calls. */
export const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

/** Closes the kept-alive connections (afterAll of a suite that wants a clean exit). */
export const closeConnections = () => dispatcher.close();
