// `npm run seed` (and `npm start` on an empty catalog, with --if-empty): loads the demo
// catalog idempotently. Existing records are never overwritten, so stock sold and reviews
// written since the last seed survive a re-run.
import { checkAttributes } from '../../domain/category';
import { createLogger } from '@shop/service-kit';
import { openProductStore } from '../../data-access/mongodb';
import { seedCatalog } from '../../data-access/seed-repository';
import { buildDemoCatalog } from './demo-catalog';

async function main(): Promise<void> {
  const logger = createLogger('product-seed', process.env['LOG_LEVEL'] ?? 'info');
  const url = process.env['MONGODB_URL'];
  if (!url) throw new Error('MONGODB_URL is required');
  // Bulk writes of a whole catalog: not a request, so not a request's bound.
  const store = await openProductStore(url, { socketTimeoutMs: 120_000 });
  try {
    if (process.argv.includes('--if-empty') && (await store.products.estimatedDocumentCount()) > 0) {
      logger.info('catalog not empty, seed skipped');
      return;
    }
    const catalog = buildDemoCatalog();
    const bySlug = new Map(catalog.categories.map((c) => [c.id, c]));
    for (const p of catalog.products) checkAttributes(bySlug.get(p.categoryId)!, p.attributes);
    const started = Date.now();
    const result = await seedCatalog(store, catalog);
    logger.info('catalog seeded', { ...result, durationMs: Date.now() - started });
  } finally {
    await store.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`seed failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
