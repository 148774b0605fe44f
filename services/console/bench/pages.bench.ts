// Server-side time of every console page with five apps (FAKE Dapr sidecars on loopback) and
// 1,000+ workflow instances, one of them with a 1,000-event history. Bounded: ROUNDS rounds
// of REQUESTS sequential requests per page; reports the median round's p50 and p95 per page.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildConsole } from '../test/support/console';
import { cannedInstances, ORDER_3DS, startFakeDapr } from '../test/support/fake-dapr';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 20);
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const median = (xs: number[]) => pct(xs, 0.5);

const PAGES = [
  '/',
  '/apps/order',
  '/resources',
  '/workflows',
  '/workflows?status=RUNNING&page=5',
  `/workflows?q=${ORDER_3DS}`,
  `/workflows/order/checkout-${ORDER_3DS}`,
  '/workflows/order/long-history-1',
  '/workflows/order/long-history-1?events=all',
  `/orders/${ORDER_3DS}`,
  '/logs',
  '/charts',
  '/charts/series.json',
  '/audit',
];

async function main(): Promise<void> {
  const order = await startFakeDapr({ name: 'order', instances: cannedInstances(1000) });
  const others = await Promise.all(
    ['gateway', 'product', 'user', 'auth'].map((name) => startFakeDapr({ name, instances: [] })),
  );
  const c = await buildConsole({
    targets: [others[0]!.target, others[1]!.target, others[2]!.target, order.target, others[3]!.target],
  });
  const server = await new Promise<Server>((resolve) => {
    const s = c.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const rows: { page: string; p50: number; p95: number }[] = [];
  for (const page of PAGES) {
    await (await fetch(`${base}${page}`)).text(); // warm-up
    const rounds: { p50: number; p95: number }[] = [];
    for (let r = 0; r < ROUNDS; r += 1) {
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i += 1) {
        const started = performance.now();
        const res = await fetch(`${base}${page}`);
        await res.text();
        if (res.status !== 200) throw new Error(`${page} answered ${res.status}`);
        times.push(performance.now() - started);
      }
      rounds.push({ p50: median(times), p95: pct(times, 0.95) });
    }
    rows.push({ page, p50: median(rounds.map((x) => x.p50)), p95: median(rounds.map((x) => x.p95)) });
  }
  console.log(
    `console pages, ${c.deps.index.state().refreshedAt ? [...c.deps.index.all()].length : 0} instances, 5 apps, ${ROUNDS}x${REQUESTS} requests each`,
  );
  console.log('| page | p50 ms | p95 ms |\n|---|---|---|');
  for (const r of rows)
    console.log(`| \`${r.page.replace(ORDER_3DS, '<order>')}\` | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`);
  server.close();
  c.close();
  await Promise.all([order, ...others].map((f) => f.close()));
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
