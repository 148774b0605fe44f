import http from 'node:http';
import https from 'node:https';

/** One owning service's REST base URL and the kept-alive connections to it. */
export interface Upstream {
  readonly name: string;
  readonly transport: typeof http | typeof https;
  readonly hostname: string;
  readonly port: number;
  /** A base path of the URL (usually empty), prefixed to every forwarded path. */
  readonly basePath: string;
  readonly agent: http.Agent;
  /** Requests open to this upstream now, over every route that leads to it. */
  readonly load: { inFlight: number };
  close(): void;
}

/** `maxSockets`: connections kept open to the upstream at most (requests beyond wait in the agent). */
export function createUpstream(name: string, baseUrl: string, maxSockets = Infinity): Upstream {
  const url = new URL(baseUrl);
  const secure = url.protocol === 'https:';
  const transport = secure ? https : http;
  // Keep-alive saves a TCP (and TLS) handshake per request. LIFO reuses the warmest socket,
  // so idle ones age out instead of all staying barely alive. Node's agent also retires a
  // socket before the server's advertised Keep-Alive timeout closes it.
  // Bounded, so an overload cannot open a connection per waiting request (each a handshake
  // and a socket on both sides); kept-alive sockets stay open while idle up to that many.
  const agent = new transport.Agent({
    keepAlive: true,
    scheduling: 'lifo',
    maxSockets,
    maxFreeSockets: Math.min(maxSockets, 256),
  });
  return {
    name,
    transport,
    // URL keeps IPv6 brackets in hostname; http.request wants the bare address.
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? (secure ? 443 : 80) : Number(url.port),
    basePath: url.pathname.replace(/\/+$/, ''),
    agent,
    load: { inFlight: 0 },
    close: () => agent.destroy(),
  };
}
