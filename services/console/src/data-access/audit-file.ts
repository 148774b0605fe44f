import { appendFile, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AuditLog, AuditRecord } from '../domain/ports';

/** One JSON line per action, appended; the console's own log gets the same line too. */
export function createAuditFile(file: string, alsoLog: (record: AuditRecord) => void): AuditLog {
  let ready: Promise<unknown> | undefined;
  return {
    async append(record) {
      ready ??= mkdir(dirname(file), { recursive: true });
      await ready;
      await appendFile(file, `${JSON.stringify(record)}\n`, { mode: 0o600 });
      alsoLog(record);
    },
    async recent(limit) {
      let text: string;
      try {
        const fh = await open(file, 'r');
        try {
          const { size } = await fh.stat();
          const start = Math.max(0, size - 256 * 1024);
          const buf = Buffer.alloc(size - start);
          await fh.read(buf, 0, buf.length, start);
          text = buf.toString('utf8');
        } finally {
          await fh.close();
        }
      } catch {
        return [];
      }
      const records: AuditRecord[] = [];
      for (const line of text.split('\n')) {
        try {
          if (line.trim()) records.push(JSON.parse(line) as AuditRecord);
        } catch {
          // a partial first line of the window
        }
      }
      return records.slice(-limit).reverse();
    },
  };
}
