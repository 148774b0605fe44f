import { existsSync } from 'node:fs';

// Memory settings of the stack's own processes, settled by measurement (docs/performance.md
// has the figures). For an experiment, SHOP_NODE_FLAGS replaces the Node flags, SHOP_GO_ENV
// (`GOGC=… GOMEMLIMIT=…`) the Go environment of every Go process, SHOP_SCHEDULER_ARGS the
// scheduler's extra flags.

// Node services. A 2 MiB young generation instead of V8's 16 MiB (idle services never shrink
// it back). A small initial old generation: V8 otherwise lets start-up garbage pile up to
// tens of MiB before its first full collection, and an idle service never reaches that limit,
// so it keeps the garbage for good; with 8 MiB the first full GCs run during start-up and the
// limit then follows what is live. Two malloc arenas instead of one per thread.
// --enable-source-maps is off by default: it keeps every loaded module's source map in the
// heap; SHOP_SOURCE_MAPS=1 turns it back on for readable stack traces.
const NODE_FLAGS = '--max-semi-space-size=2 --initial-old-space-size=8';

// Node services' malloc: jemalloc (Debian's libjemalloc2, BSD-2-Clause) where the machine has
// it, returning freed pages at once, one arena, no per-thread caches. glibc's malloc kept
// what a burst had freed inside its heap (auth and product each held ~15 MiB that only a
// malloc_trim gave back), and no environment setting of glibc returns it by itself. Where
// jemalloc is missing: glibc with two arenas instead of one per thread.
// SHOP_MALLOC=glibc keeps glibc for an experiment.
const JEMALLOC = '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2';
const JEMALLOC_CONF = 'narenas:1,tcache:false,background_thread:false,dirty_decay_ms:0,muzzy_decay_ms:0';
const GLIBC_ENV = { MALLOC_ARENA_MAX: '2' };

// Go processes, per binary: Go's defaults. A sidecar's RSS is mostly its binary's pages
// (shared by the five sidecars); its Go heap is ~10 MiB live, so GOGC and GOMEMLIMIT have
// little to take.
const GO_ENV = { daprd: '', placement: '', scheduler: '', ferretdb: '' };

// The scheduler starts 2,048 job workers by default, each a goroutine over a partition of the
// job space (14 MiB of its idle RSS); 256 still deliver more jobs at once than the shop's
// 64 concurrent workflow work items ask for.
// Its embedded etcd keeps, by default, the last million revisions and 100,000 raft entries in
// memory: in a 30-minute soak the scheduler grew 180 -> 220 MiB (1.7 MiB a minute) while
// every other process stayed flat. History older than 10 minutes is compacted (the scheduler
// reads only current jobs) and a snapshot every 10,000 entries bounds the raft log.
const SCHEDULER_ARGS =
  '--workers 256 --etcd-compaction-mode periodic --etcd-compaction-retention 10m --etcd-snapshot-count 10000';

const words = (s) => s.split(/\s+/).filter(Boolean);

export function nodeArgs() {
  const flags = words(process.env.SHOP_NODE_FLAGS ?? NODE_FLAGS);
  if (process.env.SHOP_SOURCE_MAPS === '1') flags.push('--enable-source-maps');
  return flags;
}

/**
 * The same settings for the container images (k8s/tools/dockerfiles.mjs writes them into
 * every service's Dockerfile): the Node flags and jemalloc with its configuration. The image
 * installs Debian's libjemalloc2 and links it at `path`, whatever the architecture.
 */
export const imageMemorySettings = () => ({
  nodeFlags: words(NODE_FLAGS),
  jemalloc: { path: '/usr/local/lib/libjemalloc.so.2', conf: JEMALLOC_CONF },
});

export function nodeEnv() {
  if (process.env.MALLOC_ARENA_MAX || process.env.MALLOC_CONF || process.env.LD_PRELOAD) return {};
  if (process.env.SHOP_MALLOC !== 'glibc' && existsSync(JEMALLOC))
    return { LD_PRELOAD: JEMALLOC, MALLOC_CONF: JEMALLOC_CONF };
  return GLIBC_ENV;
}

/** Environment for one Go binary of the stack (`daprd`, `placement`, `scheduler`, `ferretdb`). */
export function goEnv(binary) {
  const settings = process.env.SHOP_GO_ENV ?? GO_ENV[binary] ?? '';
  return Object.fromEntries(words(settings).map((kv) => kv.split('=', 2)));
}

export function schedulerArgs() {
  return words(process.env.SHOP_SCHEDULER_ARGS ?? SCHEDULER_ARGS);
}
