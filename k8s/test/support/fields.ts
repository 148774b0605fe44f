/* eslint-disable @typescript-eslint/no-explicit-any -- a generic walk over untyped YAML */
// Unknown-field check against Kubernetes' structured-merge-diff schema (k8s-fields/).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Obj } from './manifests';

interface TypeRef {
  namedType?: string;
  scalar?: string;
  list?: { elementType: TypeRef };
  map?: { fields?: { name: string; type: TypeRef }[]; elementType?: TypeRef };
}
type TypeDef = TypeRef & { name: string };

const schema = parse(readFileSync(path.join(__dirname, '..', 'k8s-fields', 'fields-v0.32.3.yaml'), 'utf8')) as {
  types: TypeDef[];
};
const types = new Map(schema.types.map((t) => [t.name, t]));

const GROUP: Record<string, string> = {
  '': 'core',
  apps: 'apps',
  policy: 'policy',
  autoscaling: 'autoscaling',
  batch: 'batch',
  'networking.k8s.io': 'networking',
  'rbac.authorization.k8s.io': 'rbac',
};

export function typeNameOf(o: Obj): string | undefined {
  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
  const short = GROUP[group!];
  return short ? `io.k8s.api.${short}.${version}.${o.kind}` : undefined;
}

function resolve(t: TypeRef): TypeRef {
  return t.namedType ? (types.get(t.namedType) ?? { scalar: 'untyped' }) : t;
}

/** Paths of the fields of `value` that its type does not declare. */
export function unknownFields(value: any, t: TypeRef, at = ''): string[] {
  const def = resolve(t);
  if (def.namedType === undefined && (def as TypeDef).name?.startsWith('__untyped')) return [];
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) {
    return def.list ? value.flatMap((v, i) => unknownFields(v, def.list!.elementType, `${at}[${i}]`)) : [];
  }
  if (!def.map) return [];
  const fields = new Map((def.map.fields ?? []).map((f) => [f.name, f.type]));
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const ft = fields.get(k) ?? def.map.elementType;
    if (!ft) out.push(`${at}.${k}`);
    else out.push(...unknownFields(v, ft, `${at}.${k}`));
  }
  return out;
}

export function unknownFieldsOf(o: Obj): string[] | undefined {
  const name = typeNameOf(o);
  if (!name || !types.has(name)) return undefined;
  return unknownFields(o, { namedType: name });
}
