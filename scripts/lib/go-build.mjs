// Builds Go commands from the tools modules under dapr/ and tools/ with the machine's Go
// toolchain. Plain Node (no npm dependencies) because it runs before `npm install`.
// The go tool's own output (hundreds of `go: downloading` lines on a fresh machine) goes to a
// log file; the caller prints one progress line per step.
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, join } from 'node:path';

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

/**
 * `go build` one or more main packages of a module, each into `outDir/<name>` atomically (a
 * half-written binary never lands). Several packages in one `go build` share one compile of
 * their common dependencies. `names[i]` renames a binary (go names it after the package's
 * last path element). Resolves with the seconds taken and each binary's size.
 */
export function goBuild({ moduleDir, pkgs, names = [], outDir, tags = [], ldflags = '', logFile, env = {} }) {
  mkdirSync(outDir, { recursive: true });
  const staging = join(outDir, `.partial-${process.pid}-${basename(pkgs[0])}`);
  mkdirSync(staging, { recursive: true });
  const args = ['build', '-trimpath', '-o', `${staging}/`];
  if (tags.length) args.push(`-tags=${tags.join(',')}`);
  if (ldflags) args.push(`-ldflags=${ldflags}`);
  args.push(...pkgs);
  const fd = openSync(logFile, 'a');
  writeSync(fd, `\n$ (cd ${moduleDir} && go ${args.join(' ')})\n`);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('go', args, {
      cwd: moduleDir,
      stdio: ['ignore', fd, fd],
      env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=readonly', ...env },
    });
    closeSync(fd);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) {
        reject(new Error(`go build ${pkgs.join(' ')} failed (exit ${code}); the output is in ${logFile}`));
        return;
      }
      const binaries = pkgs.map((pkg, i) => {
        const name = names[i] ?? basename(pkg);
        renameSync(join(staging, basename(pkg)), join(outDir, name));
        return { name, bytes: statSync(join(outDir, name)).size };
      });
      rmSync(staging, { recursive: true, force: true });
      resolve({ seconds: Math.round((Date.now() - started) / 1000), binaries });
    });
  });
}

/** How many modules the go tool has fetched so far, read from its log (for progress lines). */
export function downloadsIn(logFile) {
  try {
    return (readFileSync(logFile, 'utf8').match(/^go: downloading /gm) ?? []).length;
  } catch {
    return 0;
  }
}

export function versionOf(binary, args = ['--version']) {
  if (!existsSync(binary)) return null;
  const r = spawnSync(binary, args, { encoding: 'utf8', timeout: 10_000 });
  if (r.status !== 0) return null;
  return `${r.stdout}${r.stderr}`.trim();
}
