#!/usr/bin/env node
// `npm run ferretdb:install`: builds FerretDB (MongoDB wire protocol over PostgreSQL) from
// the Go module proxy into ~/.dapr/tools, since no MongoDB server can be installed here.
// Skipped when the pinned version is already built, or when MONGODB_URL points elsewhere.
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goBuild, pinnedVersion, requireGo, versionOf } from './lib/go-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const moduleDir = join(root, 'tools', 'ferretdb');
export const ferretdbBinary = join(process.env.SHOP_TOOLS_DIR ?? join(homedir(), '.cache', 'shop-on-dapr', 'bin'), 'ferretdb');

export function ferretdbPinnedVersion() {
  return pinnedVersion(moduleDir, 'github.com/FerretDB/FerretDB');
}

export function ferretdbInstalled() {
  return (versionOf(ferretdbBinary, ['--version']) ?? '').includes(ferretdbPinnedVersion());
}

/**
 * FerretDB embeds build/version/version.txt, which its release tooling generates and the
 * module zip lacks (the binary panics without it). So we download the pinned module
 * (checked against tools/ferretdb/go.sum), copy it somewhere writable, add that one file,
 * and build FerretDB's own module there.
 */
function prepareSource(version) {
  const r = spawnSync('go', ['mod', 'download', '-json', `github.com/FerretDB/FerretDB@${version}`], {
    cwd: moduleDir,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`go mod download FerretDB ${version} failed: ${r.stderr || r.stdout}`);
  const { Dir } = JSON.parse(r.stdout);
  const src = join(dirname(ferretdbBinary), '..', `ferretdb-src-${version}`);
  rmSync(src, { recursive: true, force: true });
  cpSync(Dir, src, { recursive: true });
  spawnSync('chmod', ['-R', 'u+w', src]);
  writeFileSync(join(src, 'build', 'version', 'version.txt'), `${version}\n`);
  return src;
}

export function installFerretdb({ force = false, log = console.log } = {}) {
  const want = ferretdbPinnedVersion();
  if (!force && ferretdbInstalled()) {
    log(`ferretdb:install: FerretDB ${want} already built at ${ferretdbBinary}`);
    return null;
  }
  log(`ferretdb:install: building FerretDB ${want}...`);
  const r = goBuild({ moduleDir: prepareSource(want), pkg: './cmd/ferretdb', outFile: ferretdbBinary, ldflags: '-s -w' });
  log(`ferretdb:install: built in ${r.seconds}s, ${(r.bytes / 1048576).toFixed(1)} MiB`);
  return r;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    requireGo();
    installFerretdb({ force: process.argv.includes('--force') });
  } catch (e) {
    console.error(`ferretdb:install failed: ${e.message}`);
    process.exit(1);
  }
}
