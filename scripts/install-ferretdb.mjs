#!/usr/bin/env node
// `npm run ferretdb:install`: builds FerretDB (MongoDB wire protocol over PostgreSQL) from
// the Go module proxy into ~/.dapr/tools, since no MongoDB server can be installed here.
// Skipped when the pinned version is already built, or when MONGODB_URL points elsewhere.
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

export function installFerretdb({ force = false, log = console.log } = {}) {
  const want = ferretdbPinnedVersion();
  if (!force && ferretdbInstalled()) {
    log(`ferretdb:install: FerretDB ${want} already built at ${ferretdbBinary}`);
    return null;
  }
  log(`ferretdb:install: building FerretDB ${want}...`);
  const r = goBuild({ moduleDir, pkg: 'github.com/FerretDB/FerretDB/cmd/ferretdb', outFile: ferretdbBinary, ldflags: '-s -w' });
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
