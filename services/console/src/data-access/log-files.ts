import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogLine, LogSource } from '../domain/ports';

const WINDOW = 512 * 1024;

export function parseLogLine(process: string, raw: string): LogLine {
  try {
    const j = JSON.parse(raw) as Record<string, unknown>;
    const pick = (...keys: string[]) => keys.map((k) => j[k]).find((v) => typeof v === 'string') as string | undefined;
    return {
      process,
      at: pick('timestamp', 'time', 'ts'),
      level: (pick('level', 'severity') ?? 'info').toLowerCase(),
      message: pick('message', 'msg') ?? raw,
      traceId: pick('traceId', 'trace_id'),
      raw,
    };
  } catch {
    return { process, level: /\berror\b/i.test(raw) ? 'error' : 'info', message: raw, raw };
  }
}

async function readRange(
  file: string,
  from: number | undefined,
): Promise<{ text: string; offset: number; start: number }> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    // A file shorter than the offset was replaced (a restart truncates it): start over.
    const start = from !== undefined && from <= size ? Math.max(from, size - WINDOW) : Math.max(0, size - WINDOW);
    const buf = Buffer.alloc(size - start);
    await fh.read(buf, 0, buf.length, start);
    return { text: buf.toString('utf8'), offset: size, start };
  } finally {
    await fh.close();
  }
}

function linesOf(text: string, dropFirst: boolean): string[] {
  const lines = text.split('\n');
  if (dropFirst) lines.shift(); // the window may start mid-line
  return lines.filter((l) => l.trim() !== '');
}

/** The runner's log files, `<dir>/<process>.log`, one JSON line per entry. */
export function createLogFiles(dir: string | undefined): LogSource {
  const fileOf = (p: string) => join(dir!, `${p}.log`);
  const processes = async () => {
    if (!dir) return [];
    try {
      return (await readdir(dir))
        .filter((f) => f.endsWith('.log'))
        .map((f) => f.slice(0, -4))
        .sort();
    } catch {
      return [];
    }
  };
  return {
    configured: Boolean(dir),
    processes,
    async tail(process, { limit, after }) {
      if (!dir || !(await processes()).includes(process)) return { lines: [], offset: 0 };
      const { text, offset, start } = await readRange(fileOf(process), after);
      const lines = linesOf(text, start > 0 && start !== after).map((l) => parseLogLine(process, l));
      return { lines: lines.slice(-limit), offset };
    },
    async search(needles, limit) {
      const list = typeof needles === 'string' ? [needles] : needles;
      const out: LogLine[] = [];
      for (const p of await processes()) {
        try {
          const { text, start } = await readRange(fileOf(p), undefined);
          for (const l of linesOf(text, start > 0)) if (list.some((n) => l.includes(n))) out.push(parseLogLine(p, l));
        } catch {
          // a file that vanished between listing and reading
        }
      }
      out.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
      return out.slice(-limit);
    },
  };
}
