import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface PlainResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly body: string;
}

/**
 * One HTTP request on node:http, the whole exchange bounded by timeoutMs. Not fetch(): the
 * first fetch() loads undici and its WebAssembly parser, ~10 MiB of RSS that the console,
 * which scrapes every process every few seconds, would hold for good (docs/performance.md).
 */
export function plainHttp(
  url: string | URL,
  options: { method?: string; headers?: OutgoingHttpHeaders; body?: string; timeoutMs: number },
): Promise<PlainResponse> {
  const target = typeof url === 'string' ? new URL(url) : url;
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(target, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        clearTimeout(timer);
        const status = res.statusCode ?? 0;
        resolve({ status, ok: status >= 200 && status < 300, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    const timer = setTimeout(
      () => req.destroy(new Error(`timed out after ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(options.body);
  });
}
