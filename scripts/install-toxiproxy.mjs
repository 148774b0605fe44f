#!/usr/bin/env node
// `npm run toxiproxy:install`: builds Shopify's toxiproxy server (MIT) from the Go module
// proxy, pinned in tools/toxiproxy/go.mod, into the shop's tools folder beside FerretDB. The
// fault suite (`npm run test:faults`) puts it between the services and their stores.
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadsIn, goBuild, pinnedVersion, requireGo, versionOf } from './lib/go-build.mjs';
import { createProgress } from './lib/progress.mjs';
import { installLog } from './install-dapr.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const moduleDir = join(root, 'tools', 'toxiproxy');
const modulePath = 'github.com/Shopify/toxiproxy/v2';
export const toxiproxyBinary = join(
  process.env.SHOP_TOOLS_DIR ?? join(homedir(), '.cache', 'shop-on-dapr', 'bin'),
  'toxiproxy-server',
);

export function toxiproxyPinnedVersion() {
  return pinnedVersion(moduleDir, modulePath);
}

export function toxiproxyInstalled() {
  return (versionOf(toxiproxyBinary, ['-version']) ?? '').includes(toxiproxyPinnedVersion());
}

/** The build step still owed (none when the pinned version is there), for the caller to run. */
export function toxiproxyInstallSteps({ force = false, logFile = installLog } = {}) {
  const want = toxiproxyPinnedVersion();
  if (!force && toxiproxyInstalled()) return [];
  return [
    {
      name: `toxiproxy ${want}`,
      heartbeat: () => `${downloadsIn(logFile)} modules downloaded`,
      run: async () => {
        const r = await goBuild({
          moduleDir,
          pkgs: [`${modulePath}/cmd/server`],
          names: ['toxiproxy-server'],
          outDir: dirname(toxiproxyBinary),
          // The release build stamps the version the same way; without it `-version` says "git".
          ldflags: `-s -w -X ${modulePath}.Version=${want}`,
          logFile,
        });
        return { ...r, summary: `${(r.binaries[0].bytes / 1048576).toFixed(1)} MiB` };
      },
    },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    requireGo();
    const progress = createProgress({ logFile: installLog });
    const steps = toxiproxyInstallSteps({ force: process.argv.includes('--force'), logFile: progress.logFile });
    if (!steps.length)
      console.log(`toxiproxy:install: toxiproxy ${toxiproxyPinnedVersion()} already built at ${toxiproxyBinary}`);
    await Promise.all(steps.map((s) => progress.step(s.name, s.run, { heartbeat: s.heartbeat })));
  } catch (e) {
    console.error(`toxiproxy:install failed: ${e.message}`);
    process.exit(1);
  }
}
