#!/usr/bin/env node
// `npm run dapr:install`: builds daprd, placement, scheduler and the dapr CLI from the Go
// module proxy into the layout `dapr init --slim` makes (~/.dapr/bin). Idempotent: skips what
// is already there at the pinned version, and keeps an existing official install.
import { homedir } from 'node:os';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadsIn, goBuild, pinnedVersion, requireGo, versionOf } from './lib/go-build.mjs';
import { createProgress } from './lib/progress.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runtimeModule = join(root, 'dapr', 'runtime');
const cliModule = join(root, 'dapr', 'cli');
export const daprBinDir = process.env.DAPR_INSTALL_DIR ?? join(homedir(), '.dapr', 'bin');
export const installLog = join(root, '.run', 'install.log');

export function daprPinnedVersion() {
  return pinnedVersion(runtimeModule, 'github.com/dapr/dapr').replace(/^v/, '');
}

// The shop's own daprd main (dapr/runtime/cmd/daprd): upstream's runtime with only the
// components the shop uses, instead of the allcomponents tag's every cloud SDK. One `go
// build` for the three, so their common dependencies compile once.
const runtimePackages = ['./cmd/daprd', 'github.com/dapr/dapr/cmd/placement', 'github.com/dapr/dapr/cmd/scheduler'];

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

const summary = (r) => ({
  ...r,
  summary: r.binaries.map((b) => `${b.name} ${(b.bytes / 1048576).toFixed(1)} MiB`).join(', '),
});

/** The build steps still owed, each a { name, run(progress) } to run (in parallel) by the caller. */
export function daprInstallSteps({ force = false, logFile = installLog } = {}) {
  const want = daprPinnedVersion();
  const steps = [];
  const state = runtimeState();
  const heartbeat = () => `${downloadsIn(logFile)} modules downloaded`;
  if (!force && state === 'other') {
    console.log(
      `dapr:install: keeping the existing Dapr ${daprdVersion()} in ${daprBinDir} (pinned ${want}; --force rebuilds)`,
    );
  } else if (force || state === 'missing') {
    steps.push({
      name: `daprd, placement, scheduler ${want}`,
      heartbeat,
      run: async () =>
        summary(
          await goBuild({
            moduleDir: runtimeModule,
            pkgs: runtimePackages,
            outDir: daprBinDir,
            ldflags: `-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=${want}`,
            logFile,
          }),
        ),
    });
  }
  if (force || !exists('dapr')) {
    const cliVersion = pinnedVersion(cliModule, 'github.com/dapr/cli');
    steps.push({
      name: `dapr CLI ${cliVersion}`,
      heartbeat,
      // Only operators' commands (`dapr list`) need it, not the shop: `npm start` builds it
      // after the runtime, so the two links do not share the cores while a newcomer waits.
      deferrable: true,
      run: async () =>
        summary(
          await goBuild({
            moduleDir: cliModule,
            pkgs: ['github.com/dapr/cli'],
            names: ['dapr'],
            outDir: daprBinDir,
            ldflags: `-s -w -X main.version=${cliVersion.replace(/^v/, '')} -X main.apiVersion=1.0`,
            logFile,
          }),
        ),
    });
  }
  return steps;
}

/** Runs the owed steps in parallel with progress lines; returns their results. */
export async function installDapr({ force = false, progress = createProgress({ logFile: installLog }) } = {}) {
  const steps = daprInstallSteps({ force, logFile: progress.logFile });
  if (!steps.length) console.log(`dapr:install: Dapr ${daprPinnedVersion()} already installed in ${daprBinDir}`);
  return Promise.all(steps.map((s) => progress.step(s.name, s.run, { heartbeat: s.heartbeat })));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    requireGo();
    await installDapr({ force: process.argv.includes('--force') });
  } catch (e) {
    console.error(`dapr:install failed: ${e.message}`);
    process.exit(1);
  }
}
