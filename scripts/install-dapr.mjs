#!/usr/bin/env node
// `npm run dapr:install`: builds daprd, placement, scheduler and the dapr CLI from the Go
// module proxy into the layout `dapr init --slim` makes (~/.dapr/bin). Idempotent: skips what
// is already there at the pinned version, and keeps an existing official install.
import { homedir } from 'node:os';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goBuild, pinnedVersion, requireGo, versionOf } from './lib/go-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runtimeModule = join(root, 'dapr', 'runtime');
const cliModule = join(root, 'dapr', 'cli');
export const daprBinDir = process.env.DAPR_INSTALL_DIR ?? join(homedir(), '.dapr', 'bin');

export function daprPinnedVersion() {
  return pinnedVersion(runtimeModule, 'github.com/dapr/dapr').replace(/^v/, '');
}

const runtimeCommands = [
  // The shop's own daprd main (dapr/runtime/cmd/daprd): upstream's runtime with only the
  // components the shop uses, instead of the allcomponents tag's every cloud SDK.
  { name: 'daprd', pkg: './cmd/daprd', tags: [] },
  { name: 'placement', pkg: 'github.com/dapr/dapr/cmd/placement', tags: [] },
  { name: 'scheduler', pkg: 'github.com/dapr/dapr/cmd/scheduler', tags: [] },
];

const exists = (name) => existsSync(join(daprBinDir, name));
// Only daprd reports its version; placement and scheduler have no --version flag.
const daprdVersion = () => versionOf(join(daprBinDir, 'daprd'), ['--version'])?.split('\n').pop().trim() ?? null;

/** 'pinned' | 'other' (an existing install of another version, kept) | 'missing' */
function runtimeState() {
  const have = daprdVersion();
  if (!have || !exists('placement') || !exists('scheduler')) return 'missing';
  return have === daprPinnedVersion() ? 'pinned' : 'other';
}

export function daprInstalled() {
  return runtimeState() !== 'missing' && exists('dapr');
}

export function installDapr({ force = false, log = console.log } = {}) {
  const want = daprPinnedVersion();
  const built = [];
  const state = runtimeState();
  if (!force && state === 'other') {
    log(`dapr:install: keeping the existing Dapr ${daprdVersion()} in ${daprBinDir} (pinned ${want}; --force rebuilds)`);
  } else if (force || state === 'missing') {
    for (const { name, pkg, tags } of runtimeCommands) {
      log(`dapr:install: building ${name} ${want} (a cold build takes minutes)...`);
      const r = goBuild({
        moduleDir: runtimeModule,
        pkg,
        outFile: join(daprBinDir, name),
        tags,
        ldflags: `-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=${want}`,
      });
      built.push({ name, ...r });
    }
  }
  if (force || !exists('dapr')) {
    const cliVersion = pinnedVersion(cliModule, 'github.com/dapr/cli');
    log(`dapr:install: building the dapr CLI ${cliVersion}...`);
    const r = goBuild({
      moduleDir: cliModule,
      pkg: 'github.com/dapr/cli',
      outFile: join(daprBinDir, 'dapr'),
      ldflags: `-s -w -X main.version=${cliVersion.replace(/^v/, '')} -X main.apiVersion=1.0`,
    });
    built.push({ name: 'dapr', ...r });
  }
  for (const b of built) log(`dapr:install: ${b.name} built in ${b.seconds}s, ${(b.bytes / 1048576).toFixed(1)} MiB`);
  if (!built.length) log(`dapr:install: Dapr ${want} already installed in ${daprBinDir}`);
  return built;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    requireGo();
    installDapr({ force: process.argv.includes('--force') });
  } catch (e) {
    console.error(`dapr:install failed: ${e.message}`);
    process.exit(1);
  }
}
