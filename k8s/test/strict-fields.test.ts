// No Kubernetes object carries a field its type does not declare (a misspelt `readinesProbe`
// passes kubernetes-models' validation but would be dropped by the API server).
import path from 'node:path';
import { unknownFieldsOf } from './support/fields';
import { K8S, isDapr, loadYaml, rel, renderAll } from './support/manifests';

describe('unknown fields (Kubernetes 1.32 field schema)', () => {
  const objs = [...renderAll().entries()].flatMap(([k, list]) => list.map((s) => ({ ...s, k })));
  const secrets = path.join(K8S, 'secrets', 'secrets.template.yaml');
  objs.push(...loadYaml(secrets).map((obj) => ({ source: rel(secrets), obj: obj as never, k: 'k8s/secrets' })));

  it.each(objs.filter((s) => !isDapr(s.obj)).map((s) => [`${s.k}: ${s.obj.kind}/${s.obj.metadata.name}`, s.obj]))(
    '%s',
    (_id, obj) => {
      expect(unknownFieldsOf(obj)).toEqual([]);
    },
  );

  it('catches a misspelt field', () => {
    const bad = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x' },
      spec: { template: { spec: { containers: [{ name: 'a', readinesProbe: {} }] } } },
    };
    expect(unknownFieldsOf(bad)).toEqual(['.spec.template.spec.containers[0].readinesProbe']);
  });
});
