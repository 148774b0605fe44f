/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are untyped YAML, walked generically */
// Loads the manifests under k8s/ and renders kustomizations offline with a small kustomize of
// our own (resources, namespace, images, configMapGenerator with files, inline JSON6902
// patches with kind/name/labelSelector targets): anything else fails loudly, so the overlays
// stay within what this renderer and `kubectl kustomize` agree on.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const K8S = path.join(ROOT, 'k8s');

export type Obj = Record<string, any> & { apiVersion: string; kind: string; metadata: Record<string, any> };
export interface Sourced {
  source: string;
  obj: Obj;
}

export function walk(dir: string, pred: (f: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p, pred));
    else if (pred(p)) out.push(p);
  }
  return out.sort();
}

export const rel = (p: string): string => path.relative(ROOT, p);

/** Every document of a YAML file; throws with the file name on any parse error or warning. */
export function loadYaml(file: string): unknown[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'), { uniqueKeys: true });
  const out: unknown[] = [];
  for (const d of docs) {
    const problems = [...d.errors, ...d.warnings];
    if (problems.length) throw new Error(`${rel(file)}: ${problems.map((e) => e.message).join('; ')}`);
    const v = d.toJS();
    if (v !== null && v !== undefined) out.push(v);
  }
  return out;
}

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
]);
const KUSTOMIZE_KEYS = new Set([
  'apiVersion',
  'kind',
  'namespace',
  'resources',
  'images',
  'patches',
  'configMapGenerator',
]);

function decodePointer(p: string): string[] {
  if (!p.startsWith('/')) throw new Error(`bad JSON pointer ${p}`);
  return p
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function applyJson6902(target: any, ops: any[], where: string): void {
  for (const op of ops) {
    const parts = decodePointer(op.path);
    const last = parts.pop()!;
    let parent = target;
    for (const k of parts) {
      if (parent === undefined || parent === null || !(k in parent))
        throw new Error(`${where}: path ${op.path} does not exist`);
      parent = parent[k];
    }
    const isArray = Array.isArray(parent);
    const key: any = isArray ? (last === '-' ? parent.length : Number(last)) : last;
    if (op.op === 'add') {
      if (isArray) parent.splice(key, 0, op.value);
      else parent[key] = op.value;
    } else if (op.op === 'replace') {
      if (!(key in parent)) throw new Error(`${where}: replace of missing ${op.path}`);
      parent[key] = op.value;
    } else if (op.op === 'remove') {
      if (!(key in parent)) throw new Error(`${where}: remove of missing ${op.path}`);
      if (isArray) parent.splice(key, 1);
      else delete parent[key];
    } else throw new Error(`${where}: unsupported op ${op.op}`);
  }
}

function matchesTarget(o: Obj, t: Record<string, string>): boolean {
  if (t.kind && o.kind !== t.kind) return false;
  if (t.name && o.metadata?.name !== t.name) return false;
  if (t.labelSelector) {
    for (const term of t.labelSelector.split(',')) {
      const [k, v] = term.split('=');
      if (o.metadata?.labels?.[k!.trim()] !== v!.trim()) return false;
    }
  }
  return true;
}

export const podSpecOf = (o: Obj): any => (o.kind === 'Pod' ? o.spec : o.spec?.template?.spec);

/** Renders a kustomization directory into objects (each tagged with the file it came from). */
export function render(dir: string): Sourced[] {
  const kfile = path.join(dir, 'kustomization.yaml');
  const [k] = loadYaml(kfile) as any[];
  for (const key of Object.keys(k))
    if (!KUSTOMIZE_KEYS.has(key)) throw new Error(`${rel(kfile)}: ${key} is not supported by the test renderer`);
  const out: Sourced[] = [];
  for (const r of k.resources ?? []) {
    const p = path.join(dir, r);
    if (!existsSync(p)) throw new Error(`${rel(kfile)}: resource ${r} does not exist`);
    if (statSync(p).isDirectory()) out.push(...render(p));
    else for (const obj of loadYaml(p)) out.push({ source: rel(p), obj: obj as Obj });
  }
  for (const g of k.configMapGenerator ?? []) {
    if (!g.options?.disableNameSuffixHash)
      throw new Error(`${rel(kfile)}: configMapGenerator ${g.name} needs disableNameSuffixHash`);
    const data: Record<string, string> = {};
    for (const f of g.files ?? []) {
      const p = path.join(dir, f);
      if (!existsSync(p)) throw new Error(`${rel(kfile)}: generator file ${f} does not exist`);
      data[path.basename(f)] = readFileSync(p, 'utf8');
    }
    out.push({
      source: rel(kfile),
      obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: g.name, labels: g.options?.labels ?? {} }, data },
    });
  }
  if (k.namespace) {
    for (const { obj } of out) if (!CLUSTER_SCOPED.has(obj.kind)) obj.metadata.namespace = k.namespace;
  }
  for (const img of k.images ?? []) {
    let used = false;
    for (const { obj } of out) {
      const spec = podSpecOf(obj);
      for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
        const [name] = String(c.image).split(':');
        if (name === img.name) {
          used = true;
          c.image = `${img.newName ?? name}:${img.newTag ?? String(c.image).split(':')[1]}`;
        }
      }
    }
    if (!used) throw new Error(`${rel(kfile)}: image ${img.name} is used by no container`);
  }
  for (const p of k.patches ?? []) {
    if (typeof p.patch !== 'string' || !p.target)
      throw new Error(`${rel(kfile)}: only inline patches with a target are supported`);
    const ops = (loadYamlText(p.patch, kfile) as any[])[0];
    if (!Array.isArray(ops)) throw new Error(`${rel(kfile)}: only JSON6902 patches are supported`);
    const targets = out.filter(({ obj }) => matchesTarget(obj, p.target));
    if (!targets.length) throw new Error(`${rel(kfile)}: patch target ${JSON.stringify(p.target)} matches nothing`);
    for (const { obj } of targets) applyJson6902(obj, ops, `${rel(kfile)} -> ${obj.kind}/${obj.metadata.name}`);
  }
  return out;
}

function loadYamlText(text: string, where: string): unknown[] {
  const docs = parseAllDocuments(text);
  for (const d of docs) if (d.errors.length) throw new Error(`${rel(where)}: ${d.errors[0]!.message}`);
  return docs.map((d) => d.toJS());
}

/** The kustomizations the checks render (and Tilt applies). */
export const KUSTOMIZATIONS = [
  'k8s/base',
  'k8s/overlays/dev',
  'k8s/overlays/prod',
  'k8s/observability',
  'k8s/dapr-dashboard',
];
export const renderAll = (): Map<string, Sourced[]> =>
  new Map(KUSTOMIZATIONS.map((k) => [k, render(path.join(ROOT, k))]));

export const isDapr = (o: Obj): boolean => String(o.apiVersion).startsWith('dapr.io/');
export const topology = JSON.parse(readFileSync(path.join(ROOT, 'libraries/topology/topology.json'), 'utf8'));
export const appNames: string[] = Object.keys(topology.apps);
export const find = (objs: Sourced[], kind: string, name: string): Obj | undefined =>
  objs.find((s) => s.obj.kind === kind && s.obj.metadata.name === name)?.obj;
