import http from 'node:http';

export interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/**
 * Sends a request with full control over framing: `chunks` are written one by one (a
 * chunked body unless a content-length header is given), `delayMs` apart. Write errors
 * after the gateway answered are expected (it closes an over-limit upload) and ignored.
 */
export function rawRequest(
  url: string,
  options: { method: string; path: string; headers?: http.OutgoingHttpHeaders; chunks?: Buffer[]; delayMs?: number },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    let answered = false;
    const req = http.request({
      hostname,
      port,
      method: options.method,
      path: options.path,
      headers: options.headers ?? {},
      agent: false,
    });
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const chunks = [...(options.chunks ?? [])];
    const writeNext = (): void => {
      if (answered || req.destroyed) return;
      const chunk = chunks.shift();
      if (chunk === undefined) {
        req.end();
        return;
      }
      req.write(chunk);
      setTimeout(writeNext, options.delayMs ?? 0);
    };
    writeNext();
  });
}

/** Resolves once `predicate` holds, polling; fails the test after `timeoutMs`. */
export async function eventually(predicate: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
