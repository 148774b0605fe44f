// Rounds of concurrent checkouts, each with one process SIGKILLed at a random moment of the
// sagas (a random delay after the first one is in flight): the order service, its sidecar,
// the product service, placement or the scheduler. After each round every order is terminal
// and the invariants hold (test/support/saga-crash.ts). 50 rounds in the full suite, one in
// `npm test`'s fast subset, SHOP_FAULTS_ROUNDS=n for n.
import { PROFILE } from '../support/shop';
import { shopStores } from '../support/shopper';
import { crashMidSaga, expectInvariants } from '../support/saga-crash';
import { FULL, record } from '../support/faults';

// One round in the fast subset (`npm test`): a scheduler round alone can take 90 s here.
const ROUNDS = FULL ? 50 : Number(process.env.SHOP_FAULTS_ROUNDS ?? 1);
jest.setTimeout(ROUNDS * 240_000);

type Target = 'order' | 'daprd-order' | 'product' | 'placement' | 'scheduler';
// In turn first (the fast subset starts with those test/e2e/15 does not kill), then at random.
const TARGETS: Target[] = ['product', 'scheduler', 'placement', 'order', 'daprd-order'];

async function kill(target: Target) {
  const stack = await import('../../scripts/lib/stack.mjs');
  const signal = 'SIGKILL';
  if (target === 'order' || target === 'product') return stack.restartApp(PROFILE, target, { signal });
  if (target === 'daprd-order') return stack.restartSidecar(PROFILE, 'order', { signal });
  await stack.stopInfrastructure(PROFILE, target, { signal });
  await stack.startInfrastructureProcess(PROFILE, target);
}

describe('SIGKILL rounds during concurrent checkouts', () => {
  const stores = shopStores();
  beforeAll(stores.open);
  afterAll(stores.close);

  test(`When ${ROUNDS} rounds of checkouts each lose a process to SIGKILL at a random saga step, then every order is terminal and the invariants hold after each`, async () => {
    const rounds: Array<{ target: Target; delayMs: number; settledMs: number; confirmed: number }> = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const target = round < TARGETS.length ? TARGETS[round]! : TARGETS[Math.floor(Math.random() * TARGETS.length)]!;
      const delayMs = Math.floor(Math.random() * 1_500);
      const started = Date.now();
      const run = await crashMidSaga(stores, () => kill(target), delayMs);
      await expectInvariants(stores, run);
      rounds.push({
        target,
        delayMs,
        settledMs: Date.now() - started,
        confirmed: run.finals.filter((f) => f['status'] === 'CONFIRMED').length,
      });
    }
    const settled = rounds.map((r) => r.settledMs).sort((a, b) => a - b);
    record('sigkill-rounds', {
      rounds: rounds.length,
      byTarget: Object.fromEntries(TARGETS.map((t) => [t, rounds.filter((r) => r.target === t).length])),
      roundMedianMs: settled[Math.floor(settled.length / 2)],
      roundMaxMs: settled[settled.length - 1],
      detail: rounds,
    });
  });
});
