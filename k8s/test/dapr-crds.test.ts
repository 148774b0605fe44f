/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are untyped YAML, walked generically */
// Every Dapr resource validates against Dapr's own CRD schemas (k8s/test/crds, copied from the
// pinned Dapr module, see SOURCE.md). Stricter than the API server: a field the CRD does not
// declare is an error here (the API server would silently prune it).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { type Sourced, isDapr, renderAll } from './support/manifests';

const AjvModule = require('ajv');
const Ajv = AjvModule.default ?? AjvModule;
const ajv = new Ajv({
  allErrors: true,
  strict: false,
  unknownFormats: 'ignore',
  validateFormats: false,
  logger: false,
});

function strict(schema: any): any {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== 'object') return schema;
  const out: any = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k.startsWith('x-kubernetes-')) continue;
    out[k] =
      k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, strict(s)])) : strict(v);
  }
  if (
    schema.properties &&
    !schema['x-kubernetes-preserve-unknown-fields'] &&
    schema.additionalProperties === undefined
  ) {
    out.additionalProperties = false;
  }
  return out;
}

const validators = new Map<string, any>();
for (const file of ['components', 'configuration', 'httpendpoints', 'resiliency', 'subscription']) {
  const crd = parse(readFileSync(path.join(__dirname, 'crds', `${file}.yaml`), 'utf8'));
  for (const v of crd.spec.versions) {
    const schema = strict(v.schema.openAPIV3Schema);
    // metadata is validated by the API server's ObjectMeta, not the CRD.
    schema.properties.metadata = { type: 'object' };
    validators.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, ajv.compile(schema));
  }
}

describe('Dapr CRD schemas (v1.18.2)', () => {
  const all: Sourced[] = [...renderAll().values()].flat().filter((s) => isDapr(s.obj));

  it('finds the Components, the HTTPEndpoint, the Configuration and the Resiliency', () => {
    const kinds = new Set(all.map((s) => s.obj.kind));
    expect([...kinds].sort()).toEqual(['Component', 'Configuration', 'HTTPEndpoint', 'Resiliency']);
  });

  it.each(all.map((s) => [`${s.source} ${s.obj.kind}/${s.obj.metadata.name}`, s]))('%s validates', (_name, s) => {
    const validate = validators.get(`${s.obj.apiVersion}/${s.obj.kind}`);
    expect(validate).toBeDefined();
    const ok = validate(s.obj);
    expect(ok ? [] : validate.errors).toEqual([]);
  });

  it('the validator catches a misspelt field', () => {
    const validate = validators.get('dapr.io/v1alpha1/Configuration');
    expect(
      validate({
        apiVersion: 'dapr.io/v1alpha1',
        kind: 'Configuration',
        metadata: {},
        spec: { tracing: { samplingRatee: '1' } },
      }),
    ).toBe(false);
  });
});
