// Starts the whole shop on the test profile's ports once for the e2e project.
module.exports = async () => {
  const { startStack } = await import('../../scripts/lib/stack.mjs');
  const started = Date.now();
  await startStack(process.env.SHOP_TEST_PROFILE ?? 'test', { log: (m) => process.stdout.write(`${m}\n`) });
  process.stdout.write(`e2e: stack ready in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
};
