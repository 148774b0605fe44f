/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are untyped YAML, walked generically */
// Policy: every container runs as non-root without privilege escalation and with all
// capabilities dropped, has probes (init containers excepted), requests and limits, and a
// pinned image tag; app pods carry the Dapr annotations; the Dockerfiles follow the rules.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, type Obj, appNames, podSpecOf, renderAll } from './support/manifests';

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod']);
const rendered = renderAll();

function containersOf(o: Obj): { c: any; init: boolean; pod: any }[] {
  const pod = podSpecOf(o);
  return [
    ...(pod.initContainers ?? []).map((c: any) => ({ c, init: true, pod })),
    ...pod.containers.map((c: any) => ({ c, init: false, pod })),
  ];
}

describe.each([...rendered.keys()])('policy: %s', (name) => {
  const workloads = rendered.get(name)!.filter((s) => WORKLOADS.has(s.obj.kind));
  const cases = workloads.flatMap((s) =>
    containersOf(s.obj).map(
      ({ c, init, pod }) => [`${s.obj.kind}/${s.obj.metadata.name} ${c.name}`, c, init, pod, s.obj] as const,
    ),
  );

  it('has workloads', () => expect(workloads.length).toBeGreaterThan(0));

  it.each(cases)('%s', (_id, c, init, pod) => {
    // Pinned image: a tag, not latest.
    const tag = String(c.image).split('/').pop()!.split(':')[1];
    expect({ image: c.image, tag: tag ?? null }).toEqual({
      image: c.image,
      tag: expect.stringMatching(/^(?!latest$)[\w][\w.-]*$/),
    });
    // Non-root, no privilege escalation, no capabilities.
    expect(c.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot).toBe(true);
    const uid = c.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
    if (uid !== undefined) expect(uid).toBeGreaterThan(0);
    expect(c.securityContext?.allowPrivilegeEscalation).toBe(false);
    expect(c.securityContext?.capabilities?.drop).toContain('ALL');
    expect(c.securityContext?.privileged).not.toBe(true);
    // Requests and limits.
    for (const kind of ['requests', 'limits'])
      for (const r of ['cpu', 'memory']) expect(c.resources?.[kind]?.[r]).toBeDefined();
    // Probes.
    if (!init) {
      expect(c.readinessProbe).toBeDefined();
      expect(c.livenessProbe).toBeDefined();
    }
    // Read-only root FS everywhere but the dev overlay's apps (Tilt live update writes to them).
    if (!(name === 'k8s/overlays/dev' && !init && appNames.includes(c.name)))
      expect(c.securityContext?.readOnlyRootFilesystem).toBe(true);
  });

  it('app Deployments carry the Dapr annotations, a PDB and an HPA', () => {
    const objs = rendered.get(name)!.map((s) => s.obj);
    for (const app of name.includes('observability') || name.includes('dashboard') ? [] : appNames) {
      const dep = objs.find((o) => o.kind === 'Deployment' && o.metadata.name === app)!;
      const ann = dep.spec.template.metadata.annotations;
      for (const key of [
        'dapr.io/enabled',
        'dapr.io/app-id',
        'dapr.io/app-port',
        'dapr.io/app-protocol',
        'dapr.io/config',
        'dapr.io/log-as-json',
        'dapr.io/enable-metrics',
        'dapr.io/sidecar-cpu-request',
        'dapr.io/sidecar-cpu-limit',
        'dapr.io/sidecar-memory-request',
        'dapr.io/sidecar-memory-limit',
      ]) {
        expect({ app, key, value: ann[key] }).toEqual({ app, key, value: expect.any(String) });
      }
      expect(ann['dapr.io/enabled']).toBe('true');
      expect(
        objs.some(
          (o) => o.kind === 'PodDisruptionBudget' && o.spec.selector.matchLabels['app.kubernetes.io/name'] === app,
        ),
      ).toBe(true);
      expect(objs.some((o) => o.kind === 'HorizontalPodAutoscaler' && o.spec.scaleTargetRef.name === app)).toBe(true);
      expect(
        objs.some(
          (o) => o.kind === 'NetworkPolicy' && o.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === app,
        ),
      ).toBe(true);
    }
  });

  it('stateful stores keep their data on a PersistentVolumeClaim', () => {
    for (const s of rendered.get(name)!.filter((x) => x.obj.kind === 'StatefulSet')) {
      const claims = (s.obj.spec.volumeClaimTemplates ?? []).map((v: any) => v.metadata.name);
      expect(claims).toContain('data');
      expect(s.obj.spec.template.spec.containers[0].volumeMounts.map((m: any) => m.name)).toContain('data');
    }
  });
});

describe('policy: base namespace', () => {
  it('denies all traffic by default and lets the Ingress reach only the gateway and, behind authentication, the console', () => {
    const base = rendered.get('k8s/base')!.map((s) => s.obj);
    const deny = base.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'default-deny')!;
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const ingresses = base.filter((o) => o.kind === 'Ingress');
    const backends = (i: any) => i.spec.rules.flatMap((r: any) => r.http.paths.map((p: any) => p.backend.service.name));
    expect(ingresses.flatMap(backends).sort()).toEqual(['console', 'gateway']);
    const console = ingresses.find((i) => backends(i).includes('console'))!;
    expect(console.metadata.annotations['nginx.ingress.kubernetes.io/auth-type']).toBe('basic');
    expect(console.metadata.annotations['nginx.ingress.kubernetes.io/auth-secret']).toBe('console-basic-auth');
    const fromIngressNs = base.filter(
      (o) => o.kind === 'NetworkPolicy' && JSON.stringify(o.spec.ingress ?? []).includes('ingress-nginx'),
    );
    expect(fromIngressNs.map((o) => o.metadata.name).sort()).toEqual(['console', 'gateway']);
  });

  it('runs the console read-only by default, without a sidecar, with a ServiceAccount that cannot read Secrets or write', () => {
    const base = rendered.get('k8s/base')!.map((s) => s.obj);
    const cm = base.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'console-config')!;
    expect(cm.data.CONSOLE_ACTIONS).toBe('off');
    const dep = base.find((o) => o.kind === 'Deployment' && o.metadata.name === 'console')!;
    expect(dep.spec.template.metadata.annotations?.['dapr.io/enabled']).toBeUndefined();
    expect(dep.spec.template.spec.serviceAccountName).toBe('console');
    const role = base.find((o) => o.kind === 'Role' && o.metadata.name === 'console-read')!;
    for (const rule of role.rules) {
      expect(rule.verbs.every((v: string) => ['get', 'list', 'watch'].includes(v))).toBe(true);
      expect(rule.resources).not.toContain('secrets');
    }
    const binding = base.find((o) => o.kind === 'RoleBinding' && o.metadata.name === 'console-read')!;
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'console', namespace: 'shop' }]);
  });
});

describe('Dockerfiles', () => {
  it.each(appNames)(
    'services/%s/Dockerfile: pinned slim node 20, non-root, production deps, proto and topology, no HEALTHCHECK',
    (app) => {
      const text = readFileSync(path.join(ROOT, 'services', app, 'Dockerfile'), 'utf8');
      const code = text
        .split('\n')
        .filter((l) => !l.trim().startsWith('#'))
        .join('\n');
      expect(code).toMatch(/^ARG NODE_IMAGE=node:20\.\d+\.\d+-bookworm-slim$/m);
      expect(code.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(3);
      expect(code).not.toMatch(/HEALTHCHECK/);
      expect(code).not.toMatch(/:latest\b/);
      expect(code).toMatch(new RegExp(`npm ci --omit=dev --ignore-scripts --workspace services/${app}\\b`));
      expect(code).toMatch(/COPY --from=build .*\/repo\/proto proto/);
      expect(code).toMatch(/libraries\/topology\/topology\.json/);
      expect(code).toMatch(new RegExp(`CMD \\["node", (?:"--[a-z-]+=\\d+", )*"services/${app}/dist/main.js"\\]`));
      expect(code).toMatch(/^ENV LD_PRELOAD=\/usr\/local\/lib\/libjemalloc\.so\.2 MALLOC_CONF=\S+$/m);
      // The last stage (the default build target) runs as the non-root user of the runtime stage.
      const stages = code.split(/^FROM /m).slice(1);
      expect(stages[stages.length - 1]).toMatch(/^runtime AS production/);
      const runtime = stages.find((s) => / AS runtime\b/.test(s.split('\n')[0]!))!;
      expect(runtime).toMatch(/^USER 10001:10001$/m);
      expect(runtime).toMatch(/ENV .*SHOP_PROTO_DIR=\/app\/proto/);
      const migrations = existsSync(path.join(ROOT, 'services', app, 'migrations'));
      expect(runtime.includes(`services/${app}/migrations`)).toBe(migrations);
    },
  );

  it.each(appNames)('services/%s/Dockerfile: known instructions, declared stages, context paths that exist', (app) => {
    const text = readFileSync(path.join(ROOT, 'services', app, 'Dockerfile'), 'utf8');
    const logical = text
      .replace(/\\\n/g, ' ')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    const stages: string[] = [];
    const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const line of logical) {
      const [instr, ...rest] = line.split(/\s+/);
      expect(['ARG', 'FROM', 'WORKDIR', 'ENV', 'COPY', 'RUN', 'USER', 'CMD']).toContain(instr);
      if (instr === 'FROM') {
        expect(rest[0] === '${NODE_IMAGE}' || stages.includes(rest[0]!)).toBe(true);
        expect(rest[1]).toBe('AS');
        stages.push(rest[2]!);
      }
      if (instr === 'COPY') {
        const from = rest.find((a) => a.startsWith('--from='));
        const paths = rest.filter((a) => !a.startsWith('--'));
        const sources = paths.slice(0, -1);
        if (from) {
          expect(stages).toContain(from.slice('--from='.length));
        } else {
          for (const s of sources) {
            expect({ s, exists: existsSync(path.join(ROOT, s)) }).toEqual({ s, exists: true });
            expect({ s, ignored: ignored.includes(s.replace(/\/$/, '')) }).toEqual({ s, ignored: false });
          }
        }
      }
    }
    expect(stages).toEqual(['build', 'deps', 'runtime', 'dev', 'production']);
  });

  it('.dockerignore keeps node_modules, local state and dev secrets out of the context', () => {
    const lines = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    for (const l of ['**/node_modules', '.git', '.run', 'components/secrets.dev.json', '**/*.tsbuildinfo'])
      expect(lines).toContain(l);
  });
});
