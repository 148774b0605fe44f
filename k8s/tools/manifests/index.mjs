// Every file generate.mjs writes, built without touching the disk: k8s/base from the topology
// and the local Dapr resources, and the Secret templates in k8s/secrets.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { appFiles, consoleFiles } from './apps.mjs';
import { clusterFiles } from './cluster.mjs';
import { HEADER, apps, root } from './context.mjs';
import { daprFiles } from './dapr.mjs';
import { secretTemplateFiles } from './secrets.mjs';
import { STORES, storeFiles } from './stores.mjs';

const require = createRequire(import.meta.url);
const YAML = require('yaml');

/** path under k8s/ -> YAML text (not yet formatted), in the order the files are built. */
export function buildManifests() {
  const built = [
    ...apps.flatMap((app) => appFiles(app)),
    ...consoleFiles(),
    ...Object.entries(STORES).flatMap(([name, s]) => storeFiles(name, s)),
    ...daprFiles(),
    ...clusterFiles(),
    ...secretTemplateFiles(),
  ];
  return new Map(
    built.map(({ path, docs }) => [
      path.startsWith('secrets/') ? path : `base/${path}`,
      HEADER + docs.map((d) => YAML.stringify(d, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n'),
    ]),
  );
}

/** The same files, Prettier-formatted, so `npm run format:check` and `generate.mjs --check` agree. */
export async function formattedManifests() {
  const prettier = require('prettier');
  const config = (await prettier.resolveConfig(join(root, 'k8s', 'base', 'kustomization.yaml'))) ?? {};
  const files = buildManifests();
  for (const [path, text] of files) files.set(path, await prettier.format(text, { ...config, parser: 'yaml' }));
  return files;
}
