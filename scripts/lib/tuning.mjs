// Memory settings of the stack's own processes, settled by measurement (docs/performance.md
// has the figures). SHOP_NODE_FLAGS and SHOP_GO_ENV override them for an experiment.

// Node services. A 2 MiB young generation instead of V8's 16 MiB (idle services never shrink
// it back), and two malloc arenas instead of one per thread. --enable-source-maps is off by
// default: it keeps every loaded module's source map in the heap; SHOP_SOURCE_MAPS=1 turns
// it back on for readable stack traces.
const NODE_FLAGS = '--max-semi-space-size=2';
const NODE_ENV = { MALLOC_ARENA_MAX: '2' };

// Go processes (daprd, placement, scheduler, FerretDB): Go's defaults. GOGC=50 and a
// GOMEMLIMIT changed nothing measurable at idle: a sidecar's private memory is ~7 MiB, the rest
// of its RSS is the binary's pages, shared by the five sidecars.
const GO_ENV = '';

const words = (s) => s.split(/\s+/).filter(Boolean);

export function nodeArgs() {
  const flags = words(process.env.SHOP_NODE_FLAGS ?? NODE_FLAGS);
  if (process.env.SHOP_SOURCE_MAPS === '1') flags.push('--enable-source-maps');
  return flags;
}

export function nodeEnv() {
  return process.env.MALLOC_ARENA_MAX ? {} : NODE_ENV;
}

/** Environment for a Go process of the stack: `GOGC=… GOMEMLIMIT=…` pairs. */
export function goEnv() {
  return Object.fromEntries(words(process.env.SHOP_GO_ENV ?? GO_ENV).map((kv) => kv.split('=', 2)));
}
