#!/usr/bin/env node
// Writes services/<app>/Dockerfile from k8s/tools/Dockerfile.template, one per app of the
// topology: the five images differ only in the app's name and whether it ships SQL migrations.
//   node k8s/tools/dockerfiles.mjs          (write)
//   node k8s/tools/dockerfiles.mjs --check  (exit 1 if a Dockerfile is not what this writes)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const topology = JSON.parse(readFileSync(join(root, 'libraries/topology/topology.json'), 'utf8'));
const template = readFileSync(join(root, 'k8s/tools/Dockerfile.template'), 'utf8');

export function renderDockerfile(app) {
  const migrations =
    topology.apps[app].store === 'postgresql'
      ? `COPY --from=build --chown=root:root /repo/services/${app}/migrations services/${app}/migrations`
      : '';
  return template.replaceAll('{{MIGRATIONS}}', migrations).replaceAll('{{APP}}', app);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const stale = [];
  for (const app of Object.keys(topology.apps)) {
    const file = join(root, 'services', app, 'Dockerfile');
    const text = renderDockerfile(app);
    if (process.argv.includes('--check')) {
      if (!existsSync(file) || readFileSync(file, 'utf8') !== text) stale.push(file);
    } else writeFileSync(file, text);
  }
  if (stale.length) {
    console.error(`out of date (run node k8s/tools/dockerfiles.mjs): ${stale.join(', ')}`);
    process.exit(1);
  }
}
