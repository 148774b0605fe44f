#!/usr/bin/env node
// Writes src/generated/ from the repository's proto/ with proto-loader-gen-types (the types
// of every message, enum, client and handler, as @grpc/proto-loader hands them over).
//   node libraries/contracts/scripts/generate.mjs          (write; `npm run contracts`)
//   node libraries/contracts/scripts/generate.mjs --check  (exit 1 if src/generated differs)
// The flags match the loader options in src/loader.ts: a type that said otherwise would lie.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const library = join(here, '..');
const root = join(library, '..', '..');
const generated = join(library, 'src', 'generated');
// Relative paths (cwd: the repository root), so the generated headers are the same on every machine.
const bin = createRequire(import.meta.url).resolve('@grpc/proto-loader/build/bin/proto-loader-gen-types.js');

// The shop's own services: the kit's loader options (snake_case, longs and enums as strings, defaults).
const SHOP = {
  out: '.',
  flags: ['--keepCase', '--longs=String', '--enums=String', '--defaults', '--oneofs'],
  files: [
    'user/v1/user.proto',
    'auth/v1/auth.proto',
    'product/v1/product.proto',
    'shop/diagnostics/v1/diagnostics.proto',
  ],
};
// The sidecar's workflow API subset, loaded as the console reads it (longs as numbers, no defaults).
const DURABLETASK = {
  out: 'durabletask',
  flags: ['--keepCase', '--longs=Number', '--enums=String', '--oneofs'],
  files: ['durabletask/durabletask-subset.proto'],
};

function generate(into) {
  for (const set of [SHOP, DURABLETASK]) {
    execFileSync(
      process.execPath,
      [bin, ...set.flags, '--grpcLib=@grpc/grpc-js', '-I', 'proto', '-O', join(into, set.out), ...set.files],
      { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }
}

function files(dir, base = dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, base) : [relative(base, path)];
  });
}

if (process.argv.includes('--check')) {
  const fresh = mkdtempSync(join(tmpdir(), 'shop-contracts-'));
  try {
    generate(fresh);
    const want = files(fresh).sort();
    const have = files(generated).sort();
    const stale = [...new Set([...want, ...have])].filter(
      (f) =>
        !want.includes(f) ||
        !have.includes(f) ||
        readFileSync(join(fresh, f), 'utf8') !== readFileSync(join(generated, f), 'utf8'),
    );
    if (stale.length) {
      console.error(`libraries/contracts/src/generated is out of date (run npm run contracts): ${stale.join(', ')}`);
      process.exit(1);
    }
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
} else {
  rmSync(generated, { recursive: true, force: true });
  generate(generated);
}
