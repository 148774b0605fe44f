// "No proto path or service name written anywhere but libraries/contracts" as a check: the
// string literals of every source file, against the services the protos declare and the
// shape of a versioned gRPC service name (the sidecar's and gRPC's own, too).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { stringLiterals } from './string-literals';

const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const SKIPPED = new Set(['node_modules', 'dist', 'coverage', '.run', '.git']);
const VERSIONED_SERVICE =
  /(?:^|[^\w.])[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*\.v\d+(?:alpha\d*|beta\d*)?\.(?:[A-Z]|\$\{)/;

/** `package.Service` (or `Service` without a package) of every service in the .proto files under dir. */
export function protoServiceNames(protoDir: string): string[] {
  return sourceFiles(protoDir, /\.proto$/).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const pkg = /^\s*package\s+([\w.]+)\s*;/m.exec(text)?.[1];
    return [...text.matchAll(/^\s*service\s+(\w+)\s*\{/gm)].map((m) => (pkg ? `${pkg}.${m[1]}` : m[1]!));
  });
}

export function sourceFiles(dir: string, pattern = SOURCE): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIPPED.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path, pattern);
    return pattern.test(name) ? [path] : [];
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One line per literal that writes a proto path or a service name, `file: what`. */
export function contractNameViolations(
  root: string,
  files: readonly string[],
  serviceNames: readonly string[],
): string[] {
  const qualified = serviceNames
    .filter((s) => s.includes('.'))
    .map((s) => new RegExp(`(?:^|[^\\w.])${escape(s)}(?:$|\\W)`));
  const bare = new Set(serviceNames.filter((s) => !s.includes('.')));
  const out: string[] = [];
  for (const file of files) {
    const where = relative(root, file);
    for (const literal of stringLiterals(readFileSync(file, 'utf8'))) {
      if (/\.proto$/.test(literal)) out.push(`${where}: proto path '${literal}'`);
      else if (bare.has(literal) || qualified.some((re) => re.test(literal)) || VERSIONED_SERVICE.test(literal))
        out.push(`${where}: service name '${literal}'`);
    }
  }
  return out;
}
