#!/usr/bin/env node
// Writes k8s/base from the one port plan (libraries/topology/topology.json) and the local
// Dapr resources (components/*.yaml, dapr/*.yaml), so app ids, ports, component names and
// env var names cannot drift from the local runner. The output is committed; run
//   node k8s/tools/generate.mjs          (rewrite k8s/base)
//   node k8s/tools/generate.mjs --check  (exit 1 if k8s/base is not what this script writes)
// k8s/test checks the output against the Kubernetes and Dapr schemas and the policy. The
// builders live in manifests/ and import without side effects; only running this file writes.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root } from './manifests/context.mjs';
import { formattedManifests } from './manifests/index.mjs';

export { buildManifests, formattedManifests } from './manifests/index.mjs';
export { DAPRD_IMAGE, DAPR_NAMESPACE, NAMESPACE, OBSERVABILITY_NAMESPACE, SIDECAR } from './manifests/context.mjs';
export { DAPR_READ_SECRETS, SECRETS } from './manifests/secrets.mjs';
export { IMAGES, STORE_PORT } from './manifests/stores.mjs';
export { appConfig } from './manifests/apps.mjs';

const k8sDir = join(root, 'k8s');

/** The files under k8s/ that differ from what the builders make. */
function staleFiles(files) {
  return [...files]
    .filter(([p, text]) => !existsSync(join(k8sDir, p)) || readFileSync(join(k8sDir, p), 'utf8') !== text)
    .map(([p]) => p);
}

function writeAll(files) {
  rmSync(join(k8sDir, 'base'), { recursive: true, force: true });
  for (const [p, text] of files) {
    mkdirSync(dirname(join(k8sDir, p)), { recursive: true });
    writeFileSync(join(k8sDir, p), text);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await formattedManifests();
  if (process.argv.includes('--check')) {
    const stale = staleFiles(files);
    if (stale.length) {
      console.error(`k8s/base is out of date (${stale.join(', ')}): run node k8s/tools/generate.mjs`);
      process.exit(1);
    }
    console.log(`k8s/base is up to date (${files.size} files)`);
  } else {
    writeAll(files);
    console.log(`wrote ${files.size} files under ${relative(root, k8sDir)}`);
  }
}
