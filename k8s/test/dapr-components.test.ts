/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are untyped YAML, walked generically */
// The shop's daprd links only the components listed in dapr/runtime/cmd/daprd/components.go.
// Every component type the local resources and the cluster manifests use must be in that
// list, and (where our daprd is installed) in the binary itself.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { ROOT, render } from './support/manifests';

const LIST = 'dapr/runtime/cmd/daprd/components.go';

/** `note("state", "postgresql", "postgres")` lines of the list -> state.postgresql, state.postgres. */
function listed(): string[] {
  const src = readFileSync(path.join(ROOT, LIST), 'utf8');
  return [...src.matchAll(/^\s*note\(([^)]*)\)/gm)].flatMap((m) => {
    const [kind, ...names] = [...m[1]!.matchAll(/"([^"]+)"/g)].map((x) => x[1]!);
    return names.map((n) => `${kind}.${n}`);
  });
}

function typesUsed(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of readdirSync(path.join(ROOT, 'components')).filter((f) => f.endsWith('.yaml'))) {
    const text = readFileSync(path.join(ROOT, 'components', file), 'utf8');
    if (!/^kind: Component$/m.test(text)) continue;
    used.set(text.match(/^ {2}type: (\S+)$/m)![1]!, `components/${file}`);
  }
  const local = readFileSync(path.join(ROOT, 'scripts/lib/render.mjs'), 'utf8');
  for (const m of local.matchAll(/component: "([a-z]+)"/g))
    used.set(`nameresolution.${m[1]}`, 'scripts/lib/render.mjs');
  for (const overlay of ['k8s/base', 'k8s/overlays/dev', 'k8s/overlays/prod']) {
    for (const { source, obj } of render(path.join(ROOT, overlay))) {
      const o = obj as any;
      if (o.kind === 'Component') used.set(o.spec.type, source);
      const nr = o.kind === 'Configuration' ? o.spec?.nameResolution?.component : undefined;
      if (nr) used.set(`nameresolution.${nr}`, source);
    }
  }
  return used;
}

describe("the shop's daprd components", () => {
  it('When a component type is used locally or in the cluster, then the daprd list registers it', () => {
    const have = new Set(listed());
    const missing = [...typesUsed()].filter(([type]) => !have.has(type)).map(([type, where]) => `${type} (${where})`);

    expect(missing).toEqual([]);
  });

  it('When the list is read, then it is not empty and names each type once', () => {
    const all = listed();

    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(new Set(all).size).toBe(all.length);
  });

  it('When the apps run in the cluster, then their sidecar is the shop daprd image at the pinned version', () => {
    const pinned = readFileSync(path.join(ROOT, 'dapr/runtime/go.mod'), 'utf8').match(
      /github\.com\/dapr\/dapr v(\S+)/,
    )![1]!;
    const dockerfile = readFileSync(path.join(ROOT, 'dapr/runtime/Dockerfile'), 'utf8');
    const sidecarImages = (overlay: string) =>
      render(path.join(ROOT, overlay))
        .map(({ obj }) => obj as any)
        .filter((o) => o.kind === 'Deployment' && o.spec.template.metadata.annotations?.['dapr.io/enabled'] === 'true')
        .map((o) => o.spec.template.metadata.annotations['dapr.io/sidecar-image']);

    expect(dockerfile).toMatch(new RegExp(`^ARG DAPR_VERSION=${pinned.replace(/\./g, '\\.')}$`, 'm'));
    expect(dockerfile).toMatch(/-o \/out\/daprd \.\/cmd\/daprd$/m);
    expect(new Set(sidecarImages('k8s/overlays/dev'))).toEqual(new Set([`shop/daprd:${pinned}`]));
    expect(new Set(sidecarImages('k8s/overlays/prod'))).toEqual(new Set([`registry.example.com/shop/daprd:${pinned}`]));
  });

  const daprd = path.join(process.env.DAPR_INSTALL_DIR ?? path.join(homedir(), '.dapr', 'bin'), 'daprd');
  const printed = existsSync(daprd)
    ? spawnSync(daprd, ['--shop-components'], { encoding: 'utf8', timeout: 10_000 })
    : null;
  // An existing official install (kept by `npm run dapr:install`) has no such flag and every component.
  const ours = printed?.status === 0 && /^state\./m.test(printed.stdout);
  (ours ? it : it.skip)('When the installed daprd is asked, then it registers exactly the list', () => {
    expect(printed!.stdout.trim().split('\n').sort()).toEqual(listed().sort());
  });
});
