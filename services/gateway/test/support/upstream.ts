import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a real upstream server saw of one request. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  body: string;
  /** True once the whole body arrived; stays false when the gateway cut the request off. */
  complete: boolean;
  /** True when the connection closed before this server finished its answer. */
  aborted: boolean;
}

export type UpstreamHandler = (req: IncomingMessage, res: ServerResponse, seen: SeenRequest) => void;

export interface TestUpstream {
  readonly name: string;
  readonly url: string;
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

/** Echoes what it received as JSON, like a service would answer with its own data. */
export const echo: UpstreamHandler = (_req, res, seen) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ method: seen.method, url: seen.url, body: seen.body }));
};

/** A real HTTP server on an ephemeral port; the handler runs once the body is complete. */
export async function startUpstream(name: string, handler: UpstreamHandler = echo): Promise<TestUpstream> {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const record: SeenRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: '',
      complete: false,
      aborted: false,
    };
    seen.push(record);
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (record.body += chunk));
    req.on('error', () => undefined); // a cut-off upload; `aborted` below records it
    res.on('close', () => {
      if (!res.writableFinished) record.aborted = true;
    });
    req.on('end', () => {
      record.complete = true;
      handler(req, res, record);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A port nothing listens on: bound once, then released. */
export async function unusedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
