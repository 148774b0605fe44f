// Starts the whole shop for the fault suite with toxiproxy between every app (and sidecar)
// and its stores, and the profile's own Redis behind it (scripts/lib/fault-proxy.mjs).
module.exports = async () => {
  process.env.SHOP_FAULT_PROXY = 'on';
  const { startStack } = await import('../../scripts/lib/stack.mjs');
  const started = Date.now();
  await startStack(process.env.SHOP_TEST_PROFILE ?? 'test', { log: (m) => process.stdout.write(`${m}\n`) });
  process.stdout.write(`faults: stack ready in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
};
