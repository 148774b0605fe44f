// The checkout saga killed hard: the order service, then separately its sidecar, get SIGKILL
// while sagas are in flight. After the restart every order reaches a terminal status and the
// invariants of brief §6 hold (test/support/saga-crash.ts; the fault suite repeats this for
// more targets and rounds in test/faults/04-sigkill-rounds.test.ts).
import { PROFILE } from '../support/shop';
import { shopStores } from '../support/shopper';
import { crashMidSaga, expectInvariants } from '../support/saga-crash';

jest.setTimeout(300_000);

describe('Checkout sagas killed with SIGKILL', () => {
  const stores = shopStores();
  beforeAll(stores.open);
  afterAll(stores.close);

  test('When the order service is SIGKILLed mid-saga, then after its restart every order is terminal and the invariants hold', async () => {
    const { restartApp } = await import('../../scripts/lib/stack.mjs');

    const run = await crashMidSaga(stores, () => restartApp(PROFILE, 'order', { signal: 'SIGKILL' }));

    expect(run.killedWith).toBeGreaterThan(0);
    await expectInvariants(stores, run);
  });

  test("When the order service's sidecar is SIGKILLed mid-saga, then after its restart every order is terminal and the invariants hold", async () => {
    const { restartSidecar } = await import('../../scripts/lib/stack.mjs');

    const run = await crashMidSaga(stores, () => restartSidecar(PROFILE, 'order', { signal: 'SIGKILL' }));

    expect(run.killedWith).toBeGreaterThan(0);
    await expectInvariants(stores, run);
  });
});
