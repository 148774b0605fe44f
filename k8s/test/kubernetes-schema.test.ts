/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are untyped YAML, walked generically */
// Every Kubernetes object (base, both overlays rendered, the operators' view, the Dapr
// dashboard, the Secret templates) validates offline against the Kubernetes API schemas of
// `kubernetes-models` (k8s/test/support/validate-k8s.mjs). Dapr objects: dapr-crds.test.ts.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { K8S, ROOT, type Sourced, isDapr, loadYaml, rel, renderAll } from './support/manifests';

function validate(items: Sourced[]): { source: string; kind: string; name: string; error: string }[] {
  const r = spawnSync(process.execPath, [path.join(__dirname, 'support', 'validate-k8s.mjs')], {
    cwd: ROOT,
    input: JSON.stringify(items),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`validate-k8s.mjs failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe('Kubernetes API schemas (kubernetes-models)', () => {
  const rendered = renderAll();
  for (const [name, objs] of rendered) {
    it(`${name}: every object validates`, () => {
      const k8sObjs = objs.filter((s) => !isDapr(s.obj));
      expect(k8sObjs.length).toBeGreaterThan(0);
      expect(validate(k8sObjs)).toEqual([]);
    });
  }

  it('the Secret templates validate and hold no values', () => {
    const file = path.join(K8S, 'secrets', 'secrets.template.yaml');
    const items = loadYaml(file).map((obj) => ({ source: rel(file), obj: obj as any }));
    expect(validate(items)).toEqual([]);
    for (const { obj } of items) {
      expect(obj.kind).toBe('Secret');
      expect(obj.data).toBeUndefined();
      for (const v of Object.values(obj.stringData ?? {})) expect(v).toBe('');
    }
  });

  it('the validator catches a broken object', () => {
    const bad = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: 'two' } };
    expect(validate([{ source: 'inline', obj: bad as any }]).length).toBeGreaterThan(0);
  });
});
