// The fault suite's infrastructure (only with SHOP_FAULT_PROXY=on, see settings.mjs): toxiproxy
// in front of PostgreSQL, FerretDB and Redis, and the profile's own Redis behind it. Both run
// under the supervisor like placement and FerretDB, so `npm run stop` stops them too.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toxiproxyBinary } from '../install-toxiproxy.mjs';
import { waitReachable } from './stores.mjs';

export const brokerRedisDir = (settings) => join(settings.runDir, 'broker-redis');

/**
 * The broker's Redis keeps an append-only file in the run folder, as the cluster's does
 * (k8s/base/stores/redis-pubsub.yaml: `--appendonly yes`, fsync every second): an event the
 * broker acknowledged survives the process's crash (the write is in the file before the reply;
 * only a machine crash could lose the last second). Nothing is written outside
 * `.run/<profile>/`; the folder is emptied when the stack starts.
 */
function brokerRedis(settings) {
  const { host } = settings;
  const port = settings.faultProxy.brokerRedisPort;
  return {
    name: 'broker-redis',
    command: 'redis-server',
    dataDir: brokerRedisDir(settings),
    timeoutMs: 10_000,
    ready: () => waitReachable(host, port, 500),
    args: [
      '--bind',
      host,
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--dir',
      brokerRedisDir(settings),
      '--protected-mode',
      'no',
    ],
  };
}

function toxiproxy(settings) {
  const { host } = settings;
  const config = join(settings.runDir, 'toxiproxy.json');
  return {
    name: 'toxiproxy',
    command: toxiproxyBinary,
    timeoutMs: 10_000,
    // The listeners exist once the API answers: they are created from the config at start.
    ready: async () => {
      try {
        const res = await fetch(`${settings.faultProxy.apiUrl}/proxies`, { signal: AbortSignal.timeout(1000) });
        return res.ok && Object.keys(await res.json()).length === settings.faultProxy.proxies.length;
      } catch {
        return false;
      }
    },
    prepare: () =>
      writeFileSync(config, JSON.stringify(settings.faultProxy.proxies.map((p) => ({ ...p, enabled: true })))),
    args: ['-host', host, '-port', String(settings.faultProxy.apiPort), '-config', config],
  };
}

/** The processes to start before anything reaches a store; [] without the fault proxy. */
export function faultInfrastructure(settings) {
  return settings.faultProxy ? [brokerRedis(settings), toxiproxy(settings)] : [];
}

/** A fresh, empty broker for a new stack (a restart within a run keeps its data). */
export function resetFaultData(settings) {
  if (!settings.faultProxy) return;
  rmSync(brokerRedisDir(settings), { recursive: true, force: true });
  mkdirSync(brokerRedisDir(settings), { recursive: true });
}
