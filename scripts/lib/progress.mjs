// One line per set-up step with the time since the start, instead of the tools' own output
// (which goes to a log file the first line names). A long step says every 30 s that it is
// still going, and how far, so a fresh machine's first start never looks hung.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export function createProgress({ log = console.log, logFile, heartbeatMs = 30_000 }) {
  const started = Date.now();
  mkdirSync(dirname(logFile), { recursive: true });
  const line = (text) => log(`[${String(Math.round((Date.now() - started) / 1000)).padStart(4)}s] ${text}`);
  let announced = false;

  return {
    logFile,
    line,
    /** Runs `work`, printing its start, a heartbeat and its end (or failure). */
    async step(name, work, { heartbeat } = {}) {
      if (!announced) {
        announced = true;
        line(`set-up: the tools' full output goes to ${logFile}`);
      }
      line(`${name}...`);
      const t0 = Date.now();
      const timer = setInterval(
        () => line(`${name}: still working${heartbeat ? ` (${heartbeat()})` : ''}`),
        heartbeatMs,
      );
      try {
        const result = await work();
        const detail = typeof result?.summary === 'string' ? `, ${result.summary}` : '';
        line(`${name}: done in ${Math.round((Date.now() - t0) / 1000)}s${detail}`);
        return result;
      } catch (e) {
        line(`${name}: FAILED (${e.message})`);
        throw e;
      } finally {
        clearInterval(timer);
      }
    },
  };
}

/** Runs a command with its output appended to `logFile`; rejects naming the log's tail. */
export function runLogged(cmd, args, { cwd, logFile, env }) {
  const fd = openSync(logFile, 'a');
  writeSync(fd, `\n$ ${cmd} ${args.join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: env ?? process.env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) return resolve();
      const tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-15).join('\n');
      reject(new Error(`${cmd} ${args.join(' ')} exited ${code}; the end of ${logFile}:\n${tail}`));
    });
  });
}
