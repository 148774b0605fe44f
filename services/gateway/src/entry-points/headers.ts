import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { Request } from 'express';
import { REQUEST_ID_HEADER } from '@shop/service-kit';

// RFC 9110 §7.6.1: these describe one connection, not the message, so a proxy must not
// forward them. `expect` is answered by the gateway's own server (100-continue), and
// `host` is set by the client for the upstream's own address.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
  'host',
]);

/**
 * Headers only the gateway (or a proxy it trusts) may set. A client that sends its own
 * X-Forwarded-For could otherwise choose the address that login protection counts, and
 * `dapr-*` headers steer Dapr's service invocation.
 */
function isInternalRequestHeader(name: string): boolean {
  return name === 'forwarded' || name === 'x-real-ip' || name.startsWith('x-forwarded-') || name.startsWith('dapr-');
}

/** Header names the sender listed in `Connection`: hop-by-hop for this message only. */
function connectionTokens(headers: IncomingHttpHeaders): Set<string> {
  const value = headers.connection;
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return new Set(
    text
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
  );
}

export function upstreamRequestHeaders(req: Request, requestId: string): OutgoingHttpHeaders {
  const listed = connectionTokens(req.headers);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name) || isInternalRequestHeader(name)) continue;
    out[name] = value;
  }
  out[REQUEST_ID_HEADER] = requestId;
  // req.ip, req.protocol and req.host follow Express's `trust proxy` (TRUST_PROXY_HOPS): with
  // no trusted hop they come from the socket and Host, never from client-sent X-Forwarded-*.
  // One address, not a chain: services trust exactly one hop (the gateway) and read req.ip.
  if (req.ip !== undefined) out['x-forwarded-for'] = req.ip;
  out['x-forwarded-proto'] = req.protocol;
  if (req.host !== undefined) out['x-forwarded-host'] = req.host;
  return out;
}

/**
 * The upstream's headers, minus hop-by-hop ones and the few the gateway owns: CORS (one
 * policy, set at the edge) and the request id (already echoed). Vary is merged, not
 * replaced, so caches still key on Origin.
 */
export function clientResponseHeaders(upstream: IncomingMessage, ownVary: string | undefined): OutgoingHttpHeaders {
  const listed = connectionTokens(upstream.headers);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(upstream.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name)) continue;
    if (name.startsWith('access-control-') || name === REQUEST_ID_HEADER) continue;
    out[name] = value;
  }
  const vary = [ownVary, upstream.headers.vary].filter((v): v is string => Boolean(v));
  if (vary.length > 0) out['vary'] = vary.join(', ');
  return out;
}
