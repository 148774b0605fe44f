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
  close(): void;
}

export function createUpstream(name: string, baseUrl: string): Upstream {
  const url = new URL(baseUrl);
  const secure = url.protocol === 'https:';
  const transport = secure ? https : http;
  // Keep-alive saves a TCP (and TLS) handshake per request. LIFO reuses the warmest socket,
  // so idle ones age out instead of all staying barely alive. Node's agent also retires a
  // socket before the server's advertised Keep-Alive timeout closes it.
  const agent = new transport.Agent({ keepAlive: true, scheduling: 'lifo' });
  return {
    name,
    transport,
    // URL keeps IPv6 brackets in hostname; http.request wants the bare address.
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? (secure ? 443 : 80) : Number(url.port),
    basePath: url.pathname.replace(/\/+$/, ''),
    agent,
    close: () => agent.destroy(),
  };
}
