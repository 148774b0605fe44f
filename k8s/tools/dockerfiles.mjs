#!/usr/bin/env node
// Writes services/<app>/Dockerfile from k8s/tools/Dockerfile.template, one per app of the
// topology plus the operators' console: the images differ only in the app's name and the
// files it ships besides its code (SQL migrations; the console's assets).
//   node k8s/tools/dockerfiles.mjs          (write)
//   node k8s/tools/dockerfiles.mjs --check  (exit 1 if a Dockerfile is not what this writes)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { imageMemorySettings } from '../../scripts/lib/tuning.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const topology = JSON.parse(readFileSync(join(root, 'libraries/topology/topology.json'), 'utf8'));
const template = readFileSync(join(root, 'k8s/tools/Dockerfile.template'), 'utf8');

export const IMAGES = [...Object.keys(topology.apps), 'console'];

const copy = (app, dir) => `COPY --from=build --chown=root:root /repo/services/${app}/${dir} services/${app}/${dir}`;

export function renderDockerfile(app) {
  const migrations =
    app === 'console' ? copy(app, 'assets') : topology.apps[app].store === 'postgresql' ? copy(app, 'migrations') : '';
  const memory = imageMemorySettings();
  return template
    .replaceAll('{{MIGRATIONS}}', migrations)
    .replaceAll('{{NODE_FLAGS}}', memory.nodeFlags.map((f) => `"${f}", `).join(''))
    .replaceAll('{{JEMALLOC_PATH}}', memory.jemalloc.path)
    .replaceAll('{{JEMALLOC_CONF}}', memory.jemalloc.conf)
    .replaceAll('{{APP}}', app);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const stale = [];
  for (const app of IMAGES) {
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
