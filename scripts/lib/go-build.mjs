// Builds Go commands from the tools modules under dapr/ and tools/ with the machine's Go
// toolchain. Plain Node (no npm dependencies) because it runs before `npm install`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function requireGo() {
  const r = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error('The Go toolchain (go >= 1.26) is needed to build Dapr and FerretDB: `go` was not found on PATH.');
  }
  return r.stdout.trim();
}

/** The version a tools module requires of `modulePath`, read from its go.mod (the one pin). */
export function pinnedVersion(moduleDir, modulePath) {
  const gomod = readFileSync(join(moduleDir, 'go.mod'), 'utf8');
  const m = gomod.match(new RegExp(`(?:^|\\s)${modulePath.replace(/\./g, '\\.')}\\s+(v[^\\s]+)`, 'm'));
  if (!m) throw new Error(`${moduleDir}/go.mod does not require ${modulePath}`);
  return m[1];
}

/** `go build` one package into outFile atomically (a half-written binary never lands). */
export function goBuild({ moduleDir, pkg, outFile, tags = [], ldflags = '', env = {} }) {
  mkdirSync(join(outFile, '..'), { recursive: true });
  const tmp = `${outFile}.partial`;
  const args = ['build', '-trimpath', '-o', tmp];
  if (tags.length) args.push(`-tags=${tags.join(',')}`);
  if (ldflags) args.push(`-ldflags=${ldflags}`);
  args.push(pkg);
  const started = Date.now();
  const r = spawnSync('go', args, {
    cwd: moduleDir,
    stdio: 'inherit',
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=readonly', ...env },
  });
  if (r.status !== 0) throw new Error(`go build ${pkg} failed (exit ${r.status}); see the output above.`);
  renameSync(tmp, outFile);
  return { seconds: Math.round((Date.now() - started) / 1000), bytes: statSync(outFile).size };
}

export function versionOf(binary, args = ['--version']) {
  if (!existsSync(binary)) return null;
  const r = spawnSync(binary, args, { encoding: 'utf8', timeout: 10_000 });
  if (r.status !== 0) return null;
  return `${r.stdout}${r.stderr}`.trim();
}
