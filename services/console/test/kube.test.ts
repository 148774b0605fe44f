// The cluster's log and process source against a FAKE Kubernetes API (plain HTTP on loopback).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createKubeLogs, createKubeProcesses, type KubeOptions } from '../src/data-access/kube';

const pod = (name: string, app: string, restarts: number) => ({
  metadata: { name, labels: { 'app.kubernetes.io/name': app, 'app.kubernetes.io/part-of': 'shop' } },
  spec: { containers: [{ name: app }, { name: 'daprd' }] },
  status: {
    containerStatuses: [
      { name: app, restartCount: restarts },
      { name: 'daprd', restartCount: 1 },
    ],
  },
});
const line = (message: string) => JSON.stringify({ level: 'info', message, timestamp: '2026-01-01T00:00:00.000Z' });

// Generous: the machine is shared, and indexing 1,000 instances over gRPC is real work.
jest.setTimeout(30_000);

describe('Kubernetes API as the console log and process source', () => {
  let server: Server;
  let options: KubeOptions;
  const requests: IncomingMessage[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req);
      if (req.headers.authorization !== 'Bearer sa-token') return res.writeHead(401).end();
      const url = new URL(req.url!, 'http://x');
      if (url.pathname === '/api/v1/namespaces/shop/pods') {
        return res.end(
          JSON.stringify({ items: [pod('order-1', 'order', 2), pod('order-2', 'order', 0), pod('user-1', 'user', 0)] }),
        );
      }
      const m = /^\/api\/v1\/namespaces\/shop\/pods\/([\w-]+)\/log$/.exec(url.pathname);
      if (m) {
        const container = url.searchParams.get('container');
        if (url.searchParams.has('sinceTime')) return res.end(`${line(`${m[1]} ${container} new`)}\n`);
        return res.end(`${line(`${m[1]} ${container} one`)}\n${line(`${m[1]} ${container} two order-42`)}\n`);
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    options = {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      namespace: 'shop',
      token: 'sa-token',
    };
  });
  afterAll(() => new Promise((r) => server.close(r)));

  test('When the console lists processes in the cluster, then each app shows its pods and summed restarts', async () => {
    const procs = await createKubeProcesses(options).processes();
    expect(procs['order']).toEqual({ id: 'order-1, order-2', restarts: 2 });
    expect(procs['daprd-order']).toEqual({ id: 'order-1, order-2', restarts: 2 });
    expect(procs['user']).toEqual({ id: 'user-1', restarts: 0 });
  });

  test('When a pod log is tailed, then the app container is read, and the next poll asks only for what is new', async () => {
    const logs = createKubeLogs(options);
    expect(await logs.processes()).toEqual([
      'order-1',
      'order-1/daprd',
      'order-2',
      'order-2/daprd',
      'user-1',
      'user-1/daprd',
    ]);
    const first = await logs.tail('order-1', { limit: 10 });
    expect(first.lines.map((l) => l.message)).toEqual(['order-1 order one', 'order-1 order two order-42']);
    const next = await logs.tail('order-1/daprd', { limit: 10, after: first.offset });
    expect(next.lines.map((l) => l.message)).toEqual(['order-1 daprd new']);
    expect(requests.at(-1)!.url).toContain('sinceTime=');
  });

  test('When the logs are searched, then every pod and container is read and only matching lines come back', async () => {
    const found = await createKubeLogs(options).search('order-42', 50);
    expect(found).toHaveLength(6);
    expect(new Set(found.map((l) => l.process)).size).toBe(6);
  });

  test('When the API refuses the token, then the sources answer empty instead of failing the page', async () => {
    const denied = { ...options, token: 'wrong' };
    expect(await createKubeProcesses(denied).processes()).toEqual({});
    expect(await createKubeLogs(denied).processes()).toEqual([]);
    expect((await createKubeLogs(denied).tail('order-1', { limit: 5 })).lines).toEqual([]);
  });
});
