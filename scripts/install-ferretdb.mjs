#!/usr/bin/env node
// `npm run ferretdb:install`: builds FerretDB (MongoDB wire protocol over PostgreSQL) from
// the Go module proxy into ~/.dapr/tools, since no MongoDB server can be installed here.
// Skipped when the pinned version is already built, or when MONGODB_URL points elsewhere.
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { downloadsIn, goBuild, pinnedVersion, requireGo, versionOf } from './lib/go-build.mjs';
import { createProgress } from './lib/progress.mjs';
import { installLog } from './install-dapr.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const moduleDir = join(root, 'tools', 'ferretdb');
export const ferretdbBinary = join(
  process.env.SHOP_TOOLS_DIR ?? join(homedir(), '.cache', 'shop-on-dapr', 'bin'),
  'ferretdb',
);

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
async function prepareSource(version) {
  let out;
  try {
    out = await promisify(execFile)('go', ['mod', 'download', '-json', `github.com/FerretDB/FerretDB@${version}`], {
      cwd: moduleDir,
      encoding: 'utf8',
    });
  } catch (e) {
    throw new Error(`go mod download FerretDB ${version} failed: ${e.stderr || e.stdout || e.message}`, { cause: e });
  }
  const { Dir } = JSON.parse(out.stdout);
  const src = join(dirname(ferretdbBinary), '..', `ferretdb-src-${version}`);
  rmSync(src, { recursive: true, force: true });
  cpSync(Dir, src, { recursive: true });
  spawnSync('chmod', ['-R', 'u+w', src]);
  writeFileSync(join(src, 'build', 'version', 'version.txt'), `${version}\n`);
  return src;
}

/** The build step still owed (none when the pinned version is there), for the caller to run. */
export function ferretdbInstallSteps({ force = false, logFile = installLog } = {}) {
  const want = ferretdbPinnedVersion();
  if (!force && ferretdbInstalled()) return [];
  return [
    {
      name: `FerretDB ${want}`,
      heartbeat: () => `${downloadsIn(logFile)} modules downloaded`,
      run: async () => {
        const r = await goBuild({
          moduleDir: await prepareSource(want),
          pkgs: ['./cmd/ferretdb'],
          // The shop runs FerretDB on PostgreSQL: leaving its SQLite backend out skips compiling
          // modernc.org/sqlite and its libc translation, a large part of the build.
          tags: ['ferretdb_no_sqlite'],
          outDir: dirname(ferretdbBinary),
          ldflags: '-s -w',
          logFile,
        });
        return { ...r, summary: `${(r.binaries[0].bytes / 1048576).toFixed(1)} MiB` };
      },
    },
  ];
}

export async function installFerretdb({ force = false, progress = createProgress({ logFile: installLog }) } = {}) {
  const steps = ferretdbInstallSteps({ force, logFile: progress.logFile });
  if (!steps.length)
    console.log(`ferretdb:install: FerretDB ${ferretdbPinnedVersion()} already built at ${ferretdbBinary}`);
  return Promise.all(steps.map((s) => progress.step(s.name, s.run, { heartbeat: s.heartbeat })));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    requireGo();
    await installFerretdb({ force: process.argv.includes('--force') });
  } catch (e) {
    console.error(`ferretdb:install failed: ${e.message}`);
    process.exit(1);
  }
}
