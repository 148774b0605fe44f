// The service anatomy (docs/service-anatomy.md) as a check: what a domain service's src/ may
// hold and how its files are named. Returns one line per file or folder out of place.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT_FILES = new Set(['main.ts', 'config.ts', 'instrument.ts', 'migrate.ts']);
const REQUIRED_FILES = ['main.ts', 'config.ts'];
const LAYERS = new Set(['entry-points', 'domain', 'data-access']);
const ENTRY_POINT_KINDS = new Set(['rest', 'grpc', 'events', 'jobs', 'cli']);
const KEBAB_TS = /^[a-z0-9]+(-[a-z0-9]+)*\.ts$/;
const DATA_ACCESS = [
  /^[a-z0-9-]+-(repository|client|publisher|cache|records|hasher|signer)\.ts$/,
  /^(mongodb|postgres|redis)(-[a-z0-9-]+)?\.ts$/,
];
const REST = [
  /^routes\.ts$/,
  /^[a-z0-9-]+-routes\.ts$/,
  /^schemas\.ts$/,
  /^presenters\.ts$/,
  /^http-[a-z0-9-]+\.ts$/,
  /^openapi\.ts$/,
];
const FACTORY = /^export (async )?function create\w*UseCases\b/m;
const GRPC = [/^[a-z0-9-]+-grpc-service\.ts$/, /^schemas\.ts$/];

// A folder with no file anywhere below it is what a rename leaves behind in a checkout; git has no such folder.
const hasFiles = (path: string): boolean =>
  !statSync(path).isDirectory() || readdirSync(path).some((name) => hasFiles(join(path, name)));
const entries = (dir: string) =>
  readdirSync(dir)
    .filter((name) => hasFiles(join(dir, name)))
    .map((name) => ({ name, dir: statSync(join(dir, name)).isDirectory() }));

function filesOnly(dir: string, where: string, allowed: readonly RegExp[], out: string[]): void {
  for (const e of entries(dir)) {
    if (e.dir) out.push(`${where}/${e.name}/: no folders here`);
    else if (!allowed.some((re) => re.test(e.name))) out.push(`${where}/${e.name}: name outside the scheme`);
  }
}

export function anatomyViolations(serviceDir: string): string[] {
  const src = join(serviceDir, 'src');
  const out: string[] = [];
  if (!existsSync(src)) return ['src/: missing'];
  for (const f of REQUIRED_FILES) if (!existsSync(join(src, f))) out.push(`src/${f}: missing`);
  for (const layer of LAYERS) if (!existsSync(join(src, layer))) out.push(`src/${layer}/: missing`);
  for (const e of entries(src)) {
    if (!e.dir) {
      if (!ROOT_FILES.has(e.name)) out.push(`src/${e.name}: only main.ts, config.ts, instrument.ts, migrate.ts here`);
    } else if (!LAYERS.has(e.name) && !existsSync(join(src, e.name, 'workflow.ts'))) {
      out.push(`src/${e.name}/: neither a layer nor a workflow module (workflow.ts)`);
    }
  }

  const ep = join(src, 'entry-points');
  if (existsSync(ep)) {
    if (!existsSync(join(ep, 'rest'))) out.push('src/entry-points/rest/: missing');
    for (const e of entries(ep)) {
      if (!e.dir) out.push(`src/entry-points/${e.name}: entry points live in rest/, grpc/, events/, jobs/ or cli/`);
      else if (!ENTRY_POINT_KINDS.has(e.name)) out.push(`src/entry-points/${e.name}/: not an entry-point kind`);
      else if (e.name === 'rest') filesOnly(join(ep, 'rest'), 'src/entry-points/rest', REST, out);
      else if (e.name === 'grpc') filesOnly(join(ep, 'grpc'), 'src/entry-points/grpc', GRPC, out);
      else filesOnly(join(ep, e.name), `src/entry-points/${e.name}`, [KEBAB_TS], out);
    }
  }

  const domain = join(src, 'domain');
  if (existsSync(domain)) {
    if (!existsSync(join(domain, 'ports.ts'))) out.push('src/domain/ports.ts: missing');
    if (!existsSync(join(domain, 'use-cases'))) out.push('src/domain/use-cases/: missing');
    for (const e of entries(domain)) {
      if (e.dir && e.name !== 'use-cases') out.push(`src/domain/${e.name}/: only use-cases/ here`);
      else if (!e.dir && !KEBAB_TS.test(e.name)) out.push(`src/domain/${e.name}: name outside the scheme`);
    }
    const useCases = join(domain, 'use-cases');
    if (existsSync(useCases)) {
      filesOnly(useCases, 'src/domain/use-cases', [KEBAB_TS], out);
      // Use cases are functions taking their ports, not a factory that closes over them.
      for (const e of entries(useCases).filter((f) => !f.dir)) {
        if (FACTORY.test(readFileSync(join(useCases, e.name), 'utf8')))
          out.push(`src/domain/use-cases/${e.name}: exports a create… factory, not functions taking their ports`);
      }
    }
  }

  const dataAccess = join(src, 'data-access');
  if (existsSync(dataAccess)) filesOnly(dataAccess, 'src/data-access', DATA_ACCESS, out);
  return out;
}
