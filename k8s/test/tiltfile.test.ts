// The Tiltfile (and tilt/*.star) reference only files that exist, and the resources it
// configures exist in what it applies: text checks, then an evaluation of the Tiltfile by
// python3 with Tilt's builtins stubbed (support/eval_tiltfile.py; skipped without python3).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, appNames, podSpecOf, render, topology } from './support/manifests';

const tiltfile = readFileSync(path.join(ROOT, 'Tiltfile'), 'utf8');
const helpers = readFileSync(path.join(ROOT, 'tilt/shop.star'), 'utf8');
const strings = (src: string) =>
  [
    ...src
      .split('\n')
      .filter((l) => !l.trim().startsWith('#'))
      .join('\n')
      .matchAll(/'([^'\n]*)'/g),
  ].map((m) => m[1]!);

function localPaths(src: string): string[] {
  const out = new Set<string>();
  for (const s of strings(src)) {
    const cmd = s.match(/^(?:node|npx tsc -b) ([\w./-]+)/);
    const candidate = cmd ? cmd[1]! : s.split(' ')[0]!;
    if (!/^[\w.][\w./%-]*$/.test(candidate) || (!candidate.includes('/') && !/\.\w+$/.test(candidate))) continue;
    if (
      candidate.startsWith('shop/') ||
      candidate.startsWith('/') ||
      candidate.includes(':') ||
      candidate.startsWith('**')
    )
      continue;
    if (/^\d/.test(candidate) || /^[\d.]+$/.test(candidate)) continue;
    for (const app of candidate.includes('%s') ? appNames : ['']) out.add(candidate.replace('%s', app));
  }
  return [...out].sort();
}

describe('Tiltfile', () => {
  const paths = [...localPaths(tiltfile), ...localPaths(helpers)];

  it('references files', () => {
    expect(paths).toEqual(
      expect.arrayContaining([
        'libraries/topology/topology.json',
        'k8s/overlays/dev',
        'tilt/install-dapr.sh',
        'tilt/dev-secrets.mjs',
      ]),
    );
    expect(paths).toEqual(expect.arrayContaining(appNames.map((a) => `services/${a}/Dockerfile`)));
  });

  it.each(paths.map((p) => [p]))('%s exists', (p) => {
    expect(existsSync(path.join(ROOT, p.replace(/^\.\//, '')))).toBe(true);
  });

  it('loads its helpers and no remote extension', () => {
    expect(tiltfile).toMatch(/^load\('\.\/tilt\/shop\.star', 'shop_image', 'dapr_objects'\)$/m);
    expect(tiltfile).not.toMatch(/ext:\/\//);
    for (const fn of ['shop_image', 'dapr_objects']) expect(helpers).toMatch(new RegExp(`^def ${fn}\\(`, 'm'));
  });

  it('every k8s_resource names a workload it applies, with labels', () => {
    const applied = ['k8s/overlays/dev', 'k8s/observability', 'k8s/dapr-dashboard'].flatMap((k) =>
      render(path.join(ROOT, k)),
    );
    const workloads = new Set(applied.filter((s) => podSpecOf(s.obj)).map((s) => s.obj.metadata.name));
    const calls = [...tiltfile.matchAll(/k8s_resource\(\s*'([\w-]+)'/g)].map((m) => m[1]!);
    const loopStores = tiltfile
      .match(/stores = \[([^\]]+)\]/)![1]!
      .match(/'([\w-]+)'/g)!
      .map((s) => s.slice(1, -1));
    for (const name of [...calls, ...loopStores, ...appNames])
      expect({ name, applied: workloads.has(name) }).toEqual({ name, applied: true });
    // Every workload gets a label group (the apps and stores through their loops).
    for (const w of workloads)
      expect({ w, grouped: calls.includes(w) || loopStores.includes(w) || appNames.includes(w) }).toEqual({
        w,
        grouped: true,
      });
    for (const chunk of tiltfile.split('k8s_resource(').slice(1)) expect(chunk.split(/\n\S/)[0]).toMatch(/labels=/);
  });

  it('port-forwards the gateway on 8080, the console, Jaeger, Grafana and (optionally) the Dapr dashboard', () => {
    expect(tiltfile).toContain("'8080:%d' % topology['apps'][app]['restPort']");
    expect(topology.apps.gateway.restPort).toBe(8080);
    for (const r of ['jaeger', 'grafana', 'dapr-dashboard'])
      expect(tiltfile).toMatch(new RegExp(`k8s_resource\\('${r}', port_forwards=`));
    expect(tiltfile).toContain(
      "port_forwards=['%d:%d' % (topology['console']['restPort'], topology['console']['restPort'])]",
    );
    // The archived dashboard is applied only on request.
    expect(tiltfile).toMatch(/^if with_dashboard:\n {4}k8s_yaml\(kustomize\('k8s\/dapr-dashboard'\)\)$/m);
  });

  it('orders readiness: every app after the Dapr resources and its stores', () => {
    const deps = tiltfile.match(/APP_DEPS = \{([^}]+)\}/)![1]!;
    for (const app of appNames) expect(deps).toMatch(new RegExp(`'${app}': \\[`));
    expect(tiltfile).toMatch(/resource_deps=\['dapr-resources'\] \+ APP_DEPS/);
  });
});

// Evaluation: the Tiltfile run by python3 with Tilt's builtins stubbed (support/eval_tiltfile.py).
const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
const describeEval = python.status === 0 ? describe : describe.skip;
if (python.status !== 0)
  console.warn('k8s/test: python3 not found, skipping the Tiltfile evaluation (text checks still run)');

describeEval('Tiltfile evaluated with stubbed Tilt builtins', () => {
  const r = spawnSync('python3', [path.join(__dirname, 'support', 'eval_tiltfile.py')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const run = () => {
    if (r.status !== 0) throw new Error(`Tiltfile evaluation failed:\n${r.stderr}`);
    return JSON.parse(r.stdout) as {
      docker_build: { ref: string; dockerfile: string; target: string; live_update: unknown[][] }[];
      k8s_yaml: string[];
      k8s_resource: {
        workload: string;
        new_name: string;
        port_forwards: string[];
        resource_deps: string[];
        objects: string[];
        labels: string[];
      }[];
      local_resource: { name: string; labels: string[] }[];
    };
  };

  it('evaluates', () => {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('builds every app image (dev target, live update) that the dev overlay uses', () => {
    const t = run();
    const dev = render(path.join(ROOT, 'k8s/overlays/dev'));
    const images = new Set(
      dev.flatMap((s) => (podSpecOf(s.obj)?.containers ?? []).map((c: { image: string }) => c.image.split(':')[0])),
    );
    expect(t.docker_build.map((b) => b.ref).sort()).toEqual([...appNames, 'console'].map((a) => `shop/${a}`).sort());
    for (const b of t.docker_build) {
      expect(images.has(b.ref)).toBe(true);
      expect(b.target).toBe('dev');
      expect(b.live_update.some((s) => s[0] === 'sync')).toBe(true);
    }
  });

  it("applies the dev overlay, the operators' view and the dev secrets", () => {
    expect(run().k8s_yaml).toEqual(
      expect.arrayContaining([
        'kustomize(k8s/overlays/dev)',
        'kustomize(k8s/observability)',
        'local(node tilt/dev-secrets.mjs)',
      ]),
    );
  });

  it('resources: known workloads or objects, known deps, all labelled', () => {
    const t = run();
    const applied = ['k8s/overlays/dev', 'k8s/observability', 'k8s/dapr-dashboard'].flatMap((k) =>
      render(path.join(ROOT, k)),
    );
    const workloads = new Set(applied.filter((s) => podSpecOf(s.obj)).map((s) => s.obj.metadata.name));
    const objects = new Set(
      applied.map((s) => `${s.obj.metadata.name}:${s.obj.kind.toLowerCase()}:${s.obj.metadata.namespace}`),
    );
    const names = new Set([
      ...t.k8s_resource.map((x) => x.workload || x.new_name),
      ...t.local_resource.map((x) => x.name),
    ]);
    for (const x of t.k8s_resource) {
      if (x.workload)
        expect({ workload: x.workload, applied: workloads.has(x.workload) }).toEqual({
          workload: x.workload,
          applied: true,
        });
      for (const o of x.objects) expect({ o, applied: objects.has(o) }).toEqual({ o, applied: true });
      for (const d of x.resource_deps) expect({ d, known: names.has(d) }).toEqual({ d, known: true });
      expect(x.labels.length).toBeGreaterThan(0);
    }
    for (const w of workloads) expect({ w, configured: names.has(w) }).toEqual({ w, configured: true });
    const gw = t.k8s_resource.find((x) => x.workload === 'gateway')!;
    expect(gw.port_forwards).toEqual([`8080:${topology.apps.gateway.restPort}`]);
  });
});
