import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import YAML from 'yaml';
import type { ResourceFile, Resources } from '../domain/ports';
import { redactResource } from '../domain/redact';

/** The Dapr resources the sidecars load (the runner's rendered directory and config file). */
export function createResourcesDir(paths: readonly string[]): Resources {
  async function filesOf(path: string): Promise<string[]> {
    if (/\.ya?ml$/.test(path)) return [path];
    try {
      return (await readdir(path))
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => join(path, f));
    } catch {
      return [];
    }
  }
  return {
    configured: paths.length > 0,
    async list() {
      const out: ResourceFile[] = [];
      for (const path of paths) {
        for (const file of await filesOf(path)) {
          let text: string;
          try {
            text = await readFile(file, 'utf8');
          } catch {
            continue;
          }
          for (const doc of YAML.parseAllDocuments(text)) {
            const value = doc.toJS() as { kind?: string; metadata?: { name?: string }; scopes?: string[] } | null;
            if (!value) continue;
            out.push({
              file,
              kind: value.kind ?? '?',
              name: value.metadata?.name ?? '?',
              scopes: Array.isArray(value.scopes) ? value.scopes : [],
              yaml: YAML.stringify(redactResource(value)),
            });
          }
        }
      }
      return out;
    },
  };
}
