module.exports = async () => {
  if (process.env.SHOP_E2E_KEEP_STACK === '1') return; // debugging: leave it up for inspection
  const { stopStack } = await import('../../scripts/lib/stack.mjs');
  await stopStack(process.env.SHOP_TEST_PROFILE ?? 'test');
};
