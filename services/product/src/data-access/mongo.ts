import { MongoClient, type Db } from 'mongodb';
import { createMongoDedupe, type EventDedupe, type Stoppable } from '@shop/service-kit';

export interface ProductStore extends Stoppable {
  readonly db: Db;
  readonly dedupe: EventDedupe;
  ping(): Promise<void>;
}

/** Opens the catalog database; the database name comes from the URL's path. */
export async function openProductStore(url: string): Promise<ProductStore> {
  // Short server selection so /readyz turns red quickly when the store goes away.
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 2_000, appName: 'product' });
  await client.connect();
  const db = client.db();
  return {
    name: 'mongodb',
    db,
    dedupe: createMongoDedupe(db.collection('processed_events')),
    async ping() {
      await db.command({ ping: 1 });
    },
    stop: () => client.close(),
  };
}
