/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are untyped YAML, walked generically */
// Every YAML file of the deployment parses (and the YAML embedded in ConfigMaps too).
import { parseAllDocuments } from 'yaml';
import path from 'node:path';
import { K8S, ROOT, loadYaml, rel, walk } from './support/manifests';

const files = [...walk(K8S, (f) => /\.ya?ml$/.test(f)), ...walk(path.join(ROOT, 'tilt'), (f) => /\.ya?ml$/.test(f))];

describe('YAML', () => {
  it('finds the manifests', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((f) => [rel(f)]))('%s parses', (file) => {
    const docs = loadYaml(path.join(ROOT, file));
    expect(docs.length).toBeGreaterThan(0);
    for (const d of docs as any[]) {
      if (d?.kind !== 'ConfigMap') continue;
      for (const [key, text] of Object.entries<string>(d.data ?? {})) {
        if (!/\.ya?ml$/.test(key)) continue;
        const inner = parseAllDocuments(text);
        for (const doc of inner) expect({ key, errors: doc.errors.map((e) => e.message) }).toEqual({ key, errors: [] });
      }
    }
  });
});
