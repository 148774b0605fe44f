import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LogLine, LogSource, ProcessInfo, ProcessTable } from '../domain/ports';
import { parseLogLine } from './log-files';

const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface KubeOptions {
  /** The API server; in a pod `https://kubernetes.default.svc` with the ServiceAccount's CA. */
  readonly url: string;
  readonly namespace: string;
  readonly token?: string | undefined;
  readonly ca?: string | undefined;
  readonly timeoutMs?: number;
}

export function inClusterKube(namespace: string): KubeOptions | undefined {
  const host = process.env['KUBERNETES_SERVICE_HOST'];
  if (!host) return undefined;
  const read = (f: string) => {
    try {
      return readFileSync(`${SA_DIR}/${f}`, 'utf8');
    } catch {
      return undefined;
    }
  };
  return {
    url: `https://${host}:${process.env['KUBERNETES_SERVICE_PORT'] ?? '443'}`,
    namespace,
    token: read('token')?.trim(),
    ca: read('ca.crt'),
  };
}

function get(o: KubeOptions, path: string): Promise<string> {
  const url = new URL(path, o.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'GET',
        headers: o.token ? { authorization: `Bearer ${o.token}` } : {},
        ...(o.ca ? { ca: o.ca } : {}),
        timeout: o.timeoutMs ?? 2_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 500) >= 300) reject(new Error(`Kubernetes API answered ${res.statusCode}`));
          else resolve(body);
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('Kubernetes API timed out')));
    req.on('error', reject);
    req.end();
  });
}

interface Pod {
  metadata: { name: string; labels?: Record<string, string> };
  status?: { containerStatuses?: Array<{ name: string; restartCount: number }> };
  spec?: { containers?: Array<{ name: string }> };
}

async function pods(o: KubeOptions): Promise<Pod[]> {
  const body = JSON.parse(
    await get(
      o,
      `/api/v1/namespaces/${o.namespace}/pods?labelSelector=${encodeURIComponent('app.kubernetes.io/part-of=shop')}`,
    ),
  ) as { items?: Pod[] };
  return body.items ?? [];
}

/** In the cluster: pod names and restart counts per app (label app.kubernetes.io/name). */
export function createKubeProcesses(o: KubeOptions): ProcessTable {
  return {
    async processes() {
      const out: Record<string, ProcessInfo> = {};
      for (const p of await pods(o).catch(() => [])) {
        const app = p.metadata.labels?.['app.kubernetes.io/name'];
        if (!app) continue;
        const statuses = p.status?.containerStatuses ?? [];
        const own = statuses.find((s) => s.name === app);
        const sidecar = statuses.find((s) => s.name === 'daprd');
        // Several replicas: the names joined, the restarts summed.
        const add = (key: string, restarts: number | undefined) => {
          const prev = out[key];
          out[key] = {
            id: prev ? `${prev.id}, ${p.metadata.name}` : p.metadata.name,
            restarts: (prev?.restarts ?? 0) + (restarts ?? 0),
          };
        };
        add(app, own?.restartCount);
        if (sidecar) add(`daprd-${app}`, sidecar.restartCount);
      }
      return out;
    },
  };
}

/**
 * In the cluster: the pods' logs through the API (`pods/log`, read-only). A process is
 * `<pod>` (the app container) or `<pod>/daprd`; the tail's offset is a time, so the live
 * tail asks for what came since the last poll.
 */
export function createKubeLogs(o: KubeOptions): LogSource {
  const processes = async () => {
    const names: string[] = [];
    for (const p of await pods(o).catch(() => [])) {
      for (const c of p.spec?.containers ?? [])
        names.push(c.name === 'daprd' ? `${p.metadata.name}/daprd` : p.metadata.name);
    }
    return names.sort();
  };
  const containerOf = async (process: string) => {
    const [pod, daprd] = process.split('/');
    const p = (await pods(o)).find((x) => x.metadata.name === pod);
    if (!p) return undefined;
    const app = p.metadata.labels?.['app.kubernetes.io/name'];
    return {
      pod: pod!,
      container: daprd
        ? 'daprd'
        : ((p.spec?.containers ?? []).find((c) => c.name === app)?.name ?? p.spec?.containers?.[0]?.name),
    };
  };
  const read = async (process: string, query: string): Promise<LogLine[]> => {
    const c = await containerOf(process).catch(() => undefined);
    if (!c?.container) return [];
    const text = await get(
      o,
      `/api/v1/namespaces/${o.namespace}/pods/${c.pod}/log?container=${c.container}&${query}`,
    ).catch(() => '');
    return text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => parseLogLine(process, l));
  };
  return {
    configured: true,
    processes,
    async tail(process, { limit, after }) {
      const now = Date.now();
      const query = after
        ? `sinceTime=${encodeURIComponent(new Date(after).toISOString().replace(/\.\d{3}Z$/, 'Z'))}`
        : `tailLines=${limit}`;
      return { lines: (await read(process, query)).slice(-limit), offset: now };
    },
    async search(needles, limit) {
      const list = typeof needles === 'string' ? [needles] : needles;
      const out: LogLine[] = [];
      for (const p of await processes())
        for (const l of await read(p, 'tailLines=2000')) if (list.some((n) => l.raw.includes(n))) out.push(l);
      out.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
      return out.slice(-limit);
    },
  };
}
