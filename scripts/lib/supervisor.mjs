// A small process supervisor: every managed process runs in its own process group, writes
// to .run/<profile>/logs/<name>.log, and is recorded in .run/<profile>/pids.json so that
// `npm run stop`, a later start or a test can find and stop it (no orphan survives).
// Hand-written because the Dapr CLI's multi-app run cannot also supervise FerretDB,
// placement and scheduler, nor let a test kill and restart one app by name.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';

const pidFile = (runDir) => join(runDir, 'pids.json');

export function readPids(runDir) {
  if (!existsSync(pidFile(runDir))) return {};
  try {
    return JSON.parse(readFileSync(pidFile(runDir), 'utf8'));
  } catch {
    return {};
  }
}

function writePids(runDir, pids) {
  mkdirSync(runDir, { recursive: true });
  writeFileSync(pidFile(runDir), `${JSON.stringify(pids, null, 2)}\n`);
}

export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

export function spawnManaged({ runDir, logDir, name, command, args, env = {}, cwd }) {
  mkdirSync(logDir, { recursive: true });
  const fd = openSync(join(logDir, `${name}.log`), 'a');
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  if (!child.pid) throw new Error(`could not start ${name} (${command})`);
  child.unref();
  const pids = readPids(runDir);
  pids[name] = child.pid;
  writePids(runDir, pids);
  return child;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

/** SIGTERM the process group, wait for a graceful exit, then SIGKILL. */
export async function stopManaged(runDir, name, { graceMs = 10_000, signal = 'SIGTERM' } = {}) {
  const pids = readPids(runDir);
  const pid = pids[name];
  if (pid && isAlive(pid)) {
    signalGroup(pid, signal);
    const deadline = Date.now() + graceMs;
    while (isAlive(pid) && Date.now() < deadline) await sleep(50);
    if (isAlive(pid)) signalGroup(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(20);
  }
  delete pids[name];
  writePids(runDir, pids);
}

/** Stops every recorded process, in reverse start order. */
export async function stopAll(runDir, opts) {
  const names = Object.keys(readPids(runDir)).reverse();
  for (const name of names) await stopManaged(runDir, name, opts);
  return names;
}
