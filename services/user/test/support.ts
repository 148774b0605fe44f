// What the user service's tests share: a real PostgreSQL database per suite (migrated once),
// the real REST app and gRPC server wired as main.ts wires them, tokens signed with a test
// key, and a captured log.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Pool } from 'pg';
import { migratedTestDatabase, testDatabaseUrl } from '@shop/postgres';
import request from 'supertest';
import {
  createAccessTokenSigner,
  createAuthenticator,
  createHealthRouter,
  createLogger,
  createMetrics,
  createRestApp,
  generateSigningKey,
  publicJwkOf,
  type AccessTokenSigner,
  type Logger,
} from '@shop/service-kit';
import { createArgon2Passwords } from '../src/data-access/password-hasher';
import { createUserStore } from '../src/data-access/postgres';
import type { UserDeps } from '../src/domain/ports';
import { mountUserRoutes } from '../src/entry-points/rest/routes';

export const PUBSUB = 'pubsub';
export const databaseUrl = testDatabaseUrl;

/** The real migrations (the shared ones and the user service's) on a database of its own. */
export const migratedDatabase = (name: string): Promise<Pool> =>
  migratedTestDatabase(name, join(__dirname, '..', 'migrations'));

export type LogLine = Record<string, unknown> & { message?: string; level?: string };

export function captureLogs(): { logger: Logger; lines: () => LogLine[]; text: () => string } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger('user', 'debug', { destination });
  const text = () => chunks.join('');
  const lines = () =>
    text()
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as LogLine);
  return { logger, lines, text };
}

export interface Harness {
  readonly pool: Pool;
  readonly deps: UserDeps;
  readonly app: ReturnType<typeof createRestApp>;
  readonly signer: AccessTokenSigner;
  readonly logs: ReturnType<typeof captureLogs>;
  readonly committed: () => number;
  tokenFor(userId: string, roles?: readonly string[]): Promise<string>;
  close(): Promise<void>;
}

/** The REST app as main.ts builds it, on a real database, with a test signing key. */
export async function userHarness(database: string): Promise<Harness> {
  const pool = await migratedDatabase(database);
  const logs = captureLogs();
  const metrics = createMetrics('user');
  let committed = 0;
  const deps: UserDeps = {
    store: createUserStore(pool, { pubsubName: PUBSUB, onEventsCommitted: () => (committed += 1) }),
    passwords: createArgon2Passwords(),
    logger: logs.logger,
    newId: randomUUID,
  };
  const jwk = await generateSigningKey();
  const signer = await createAccessTokenSigner(jwk);
  const auth = createAuthenticator({
    logger: logs.logger,
    daprGrpcPort: 1, // never dialled: fetchJwks stands in for auth's GetJwks through Dapr
    fetchJwks: async () => ({ keys: [publicJwkOf(jwk)] }),
  });
  const app = createRestApp({
    service: 'user',
    logger: logs.logger,
    metrics,
    health: createHealthRouter(),
    bodyLimit: '16kb',
    configure: (a) => mountUserRoutes(a, deps, auth),
  });
  return {
    pool,
    deps,
    app,
    signer,
    logs,
    committed: () => committed,
    tokenFor: async (userId, roles = ['customer']) => (await signer.sign({ userId, roles })).token,
    close: async () => {
      await auth.stop();
      await pool.end();
    },
  };
}

export const uniqueEmail = (label = 'user') => `${label}-${randomUUID().slice(0, 8)}@Example.test`;

export const VALID_ADDRESS = {
  recipient: 'Ada Lovelace',
  line1: '12 Analytical Street',
  city: 'London',
  postalCode: 'NW1 2DB',
  country: 'GB',
};

/** The outbox rows about one user, oldest first. */
export async function eventsOf(pool: Pool, userId: string) {
  const { rows } = await pool.query<{
    id: string;
    topic: string;
    payload: Record<string, unknown>;
    sent_at: Date | null;
  }>(`SELECT id, topic, payload, sent_at FROM outbox WHERE payload->>'userId' = $1 ORDER BY created_at, id`, [userId]);
  return rows;
}

export interface SignedInUser {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly token: string;
  readonly auth: { Authorization: string };
}

/** Registers through the REST API and mints the access token auth would issue. */
export async function signedInUser(
  h: Harness,
  label = 'user',
  roles: readonly string[] = ['customer'],
): Promise<SignedInUser> {
  const email = uniqueEmail(label);
  const password = `pw-${randomUUID()}`;
  const res = await request(h.app).post('/v1/users').send({ email, password, name: label });
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  const token = await h.tokenFor(res.body.id, roles);
  return { id: res.body.id, email, password, token, auth: { Authorization: `Bearer ${token}` } };
}
