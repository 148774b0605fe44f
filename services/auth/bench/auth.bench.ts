// Login and token-validation throughput on loopback. Bounded: each scenario runs ROUNDS rounds
// of at most ROUND_MS or ROUND_OPS operations; we report the median round. Real Redis (db 5,
// own key prefix), a stand-in user service without password hashing: login figures are auth's
// own cost; in production the user service's argon2 (~tens of ms) dominates a login.
import * as grpc from '@grpc/grpc-js';
import { authContract } from '@shop/contracts';
import { listen } from '@shop/service-kit';
import { startHarness } from '../test/harness';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const ROUND_MS = Number(process.env['BENCH_ROUND_MS'] ?? 2_000);
const ROUND_OPS = Number(process.env['BENCH_ROUND_OPS'] ?? 20_000);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 16);

interface Result {
  name: string;
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

/** Runs `op` with CONCURRENCY workers; returns the median round's throughput and latencies. */
async function scenario(name: string, op: (i: number) => Promise<unknown>): Promise<Result> {
  const rounds: Result[] = [];
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => op(i))); // warm-up
  for (let r = 0; r < ROUNDS; r += 1) {
    const latencies: number[] = [];
    const started = performance.now();
    let issued = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (issued < ROUND_OPS && performance.now() - started < ROUND_MS) {
          const i = issued++;
          const t0 = performance.now();
          await op(i);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    rounds.push({
      name,
      opsPerSec: latencies.length / seconds,
      p50Ms: pct(latencies, 0.5),
      p99Ms: pct(latencies, 0.99),
    });
  }
  const ops = median(rounds.map((x) => x.opsPerSec));
  const best = rounds.find((x) => x.opsPerSec === ops)!;
  return { ...best, opsPerSec: Math.round(ops) };
}

async function main() {
  // Logs at warn: the in-memory log capture would otherwise dominate the figures.
  const h = await startHarness({ maxPerAccountIp: 1_000_000, maxPerIp: 1_000_000 }, 'warn');
  const server = await listen(h.app, '127.0.0.1', 0);
  const client = authContract.dial(`127.0.0.1:${h.grpcPort}`) as unknown as grpc.Client &
    Record<string, (...a: unknown[]) => unknown>;
  try {
    const users = Array.from({ length: 50 }, () => h.users.add());
    const login = async (i: number) => {
      const u = users[i % users.length]!;
      const res = await fetch(`http://127.0.0.1:${server.port}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: u.email, password: u.password }),
      });
      if (res.status !== 200) throw new Error(`login answered ${res.status}`);
      return (await res.json()) as { accessToken: string };
    };
    const tokens = await Promise.all(Array.from({ length: 200 }, (_, i) => login(i).then((r) => r.accessToken)));
    const validateRemote = (i: number) =>
      new Promise((resolve, reject) =>
        client['ValidateToken']!.call(
          client,
          { token: tokens[i % tokens.length] },
          new grpc.Metadata(),
          { deadline: Date.now() + 5_000 },
          (err: Error | null, res: unknown) => (err ? reject(err) : resolve(res)),
        ),
      );

    const results = [
      await scenario('verify (kit, local Ed25519 + denylist)', (i) => h.verifier.verify(tokens[i % tokens.length]!)),
      await scenario('ValidateToken (gRPC loopback + Redis)', validateRemote),
      await scenario('POST /v1/auth/login (HTTP loopback)', login),
    ];
    console.log(
      `rounds=${ROUNDS} roundMs=${ROUND_MS} roundOps<=${ROUND_OPS} concurrency=${CONCURRENCY} node=${process.version}`,
    );
    console.table(
      results.map((r) => ({
        scenario: r.name,
        'ops/s (median)': r.opsPerSec,
        'p50 ms': r.p50Ms.toFixed(2),
        'p99 ms': r.p99Ms.toFixed(2),
      })),
    );
    const [local, remote, logins] = results as [Result, Result, Result];
    console.log(
      `local verify / ValidateToken = ${(local.opsPerSec / remote.opsPerSec).toFixed(1)}x; ValidateToken / login = ${(remote.opsPerSec / logins.opsPerSec).toFixed(1)}x`,
    );
  } finally {
    client.close();
    await server.stop();
    await h.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
