// FerretDB 1.24 finds a document by `_id` with `(_jsonb -> '_id') @> '<id>'`, which only a GIN
// index on that expression serves (scripts/sql/ferretdb-id-index.sql): without it every lookup
// reads the whole table. The product tests' PostgreSQL database gets the runner's trigger.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { startFerretDb, type RunningFerret } from './support/ferretdb';

jest.setTimeout(60_000);

const PG = process.env['SHOP_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432';
const psql = (sql: string) =>
  execFileSync('psql', [`${PG}/shop_product_it`, '-Atc', sql])
    .toString()
    .trim();

describe("FerretDB's tables on PostgreSQL", () => {
  let ferret: RunningFerret;
  let client: MongoClient;
  beforeAll(async () => {
    ferret = await startFerretDb();
    client = await MongoClient.connect(ferret.url);
  });
  afterAll(async () => {
    await client.db().dropDatabase();
    await client.close();
    await ferret.stop();
  });

  test('When FerretDB creates a collection, then its table has a GIN index on _id and a lookup by _id uses it', async () => {
    const name = `c_${randomUUID().slice(0, 8)}`;
    const col = client.db().collection<{ _id: string; n: number }>(name);
    await col.insertMany(Array.from({ length: 2_000 }, (_, n) => ({ _id: `doc-${n}`, n })));
    const schema = client.db().databaseName;

    const indexes = psql(
      // The collection's table (FerretDB derives its name from the collection's), not FerretDB's own.
      `SELECT indexdef FROM pg_indexes WHERE schemaname = '${schema}' AND tablename <> '_ferretdb_database_metadata' AND indexname LIKE '%_id_gin'`,
    );
    const explained = await client.db().command({ explain: { find: name, filter: { _id: 'doc-1234' } } });

    expect(indexes).toMatch(/USING gin \(\(\(_jsonb -> '_id'::text\)\) jsonb_path_ops\)/);
    expect(JSON.stringify(explained['queryPlanner'])).toContain('Index Scan');
    expect(await col.findOne({ _id: 'doc-1234' })).toEqual({ _id: 'doc-1234', n: 1234 });
  });
});
