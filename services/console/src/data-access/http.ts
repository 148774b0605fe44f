import type { AppTarget, Probe, ProcessInfo, ProcessTable, Scraper, SidecarMetadata, Sidecars } from '../domain/ports';
import { readFile } from 'node:fs/promises';
import { plainHttp, type PlainResponse } from './plain-http';

const firstLine = (err: unknown) =>
  (err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)).split('\n')[0]!;

function get(url: string, timeoutMs: number): Promise<PlainResponse> {
  return plainHttp(url, { timeoutMs, headers: { accept: 'application/json, text/plain' } });
}

const jsonOf = (res: PlainResponse): unknown => JSON.parse(res.body);

/** Plain HTTP to sidecars, apps and the control plane, every call bounded so a page never hangs. */
export function createHttpSidecars(timeoutMs = 800): Sidecars & Scraper {
  return {
    async probe(url): Promise<Probe> {
      const started = performance.now();
      try {
        const res = await get(url, timeoutMs);
        if (res.status >= 200 && res.status < 300) return { ok: true, ms: Math.round(performance.now() - started) };
        return { ok: false, error: `HTTP ${res.status}` };
      } catch (err) {
        return { ok: false, error: firstLine(err) };
      }
    },
    async metadata(target: AppTarget): Promise<SidecarMetadata> {
      const res = await get(`${target.daprHttpUrl}/v1.0/metadata`, timeoutMs);
      if (!res.ok) throw new Error(`metadata answered HTTP ${res.status}`);
      return jsonOf(res) as SidecarMetadata;
    },
    async readiness(target) {
      try {
        const res = await get(`${target.restUrl}/readyz`, timeoutMs);
        let body: { checks?: Record<string, string> } = {};
        try {
          body = jsonOf(res) as typeof body;
        } catch {
          /* a readiness answer without a JSON body still says ready or not */
        }
        return { ready: res.ok, checks: body.checks ?? {} };
      } catch (err) {
        return { ready: false, checks: { app: `down: ${firstLine(err)}` } };
      }
    },
    async scrape(url) {
      const res = await get(url, timeoutMs * 2);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return res.body;
    },
  };
}

/** The runner's pids.json (local runs only); empty when there is none. */
export function createPidsFile(file: string | undefined): ProcessTable {
  return {
    async processes() {
      if (!file) return {};
      try {
        const pids = JSON.parse(await readFile(file, 'utf8')) as Record<string, number>;
        return Object.fromEntries(
          Object.entries(pids).map(([name, pid]): [string, ProcessInfo] => [name, { id: String(pid) }]),
        );
      } catch {
        return {};
      }
    },
  };
}
