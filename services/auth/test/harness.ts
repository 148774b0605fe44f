// A real auth service in-process: real Redis (db 5, a unique key prefix per harness), the real
// REST routes and gRPC service, and a real gRPC server standing in for user.v1.UserService.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import * as grpc from '@grpc/grpc-js';
import { userContract, userStatus, type UserStatus } from '@shop/contracts';
import {
  AppError,
  createAuthenticator,
  createGrpcServer,
  createHealthRouter,
  createLogger,
  createMetrics,
  createRestApp,
  generateSigningKey,
  toGrpcError,
  type Logger,
} from '@shop/service-kit';
import type { Express } from 'express';
import { createTokenKit, type TokenKit } from '../src/data-access/token-signer';
import { createLoginLimiter, type LimiterSettings } from '../src/data-access/login-attempt-repository';
import { openAuthStore, type AuthStore } from '../src/data-access/redis';
import { createSessionStore } from '../src/data-access/session-repository';
import { createUserDirectory } from '../src/data-access/user-client';
import { createActivityFeed, type ActivityFeed } from '../src/domain/activity';
import type { EventSink } from '../src/domain/ports';
import type { SessionDeps } from '../src/domain/use-cases/sessions';
import { authGrpcService } from '../src/entry-points/grpc/auth-grpc-service';
import { authRoutes } from '../src/entry-points/rest/auth-routes';

export const REDIS_URL = process.env['AUTH_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379/5';

export interface FakeUser {
  id: string;
  email: string;
  password: string;
  roles: string[];
  status: UserStatus;
}

/** The user service's proto, served in-process; records each call's metadata and request. */
export async function fakeUserService() {
  const users = new Map<string, FakeUser>();
  const calls: Array<{ method: string; appId: unknown; email?: string }> = [];
  const message = (u: FakeUser) => ({
    id: u.id,
    email: u.email,
    name: 'N',
    roles: u.roles,
    status: userStatus.toWire(u.status),
    created_at: '',
    updated_at: '',
  });
  const server = new grpc.Server();
  server.addService(userContract.definition(), {
    VerifyCredentials(
      call: grpc.ServerUnaryCall<{ email: string; password: string }, unknown>,
      cb: grpc.sendUnaryData<unknown>,
    ) {
      calls.push({
        method: 'VerifyCredentials',
        appId: call.metadata.get('dapr-app-id')[0],
        email: call.request.email,
      });
      const user = [...users.values()].find((u) => u.email === call.request.email.toLowerCase());
      cb(
        null,
        user && user.password === call.request.password ? { valid: true, user: message(user) } : { valid: false },
      );
    },
    GetUser(call: grpc.ServerUnaryCall<{ user_id: string }, unknown>, cb: grpc.sendUnaryData<unknown>) {
      calls.push({ method: 'GetUser', appId: call.metadata.get('dapr-app-id')[0] });
      const user = users.get(call.request.user_id);
      cb(user ? null : toGrpcError(new AppError('NOT_FOUND', 'No such user')), user ? message(user) : undefined);
    },
    GetAddress(_call: unknown, cb: grpc.sendUnaryData<unknown>) {
      cb(toGrpcError(new AppError('NOT_FOUND', 'No such address')));
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    port,
    calls,
    users,
    add(partial: Partial<FakeUser> = {}): FakeUser {
      const user: FakeUser = {
        id: `u-${randomUUID()}`,
        email: `${randomUUID()}@example.test`,
        password: 'Correct-Horse-9',
        roles: ['customer'],
        status: 'active',
        ...partial,
      };
      users.set(user.id, user);
      return user;
    },
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}

export interface PublishedEvent {
  topic: string;
  data: Record<string, unknown>;
  id: string;
  critical: boolean;
}

/** Stands in for the sidecar's publish: records events; `failNext` makes the next N publishes fail. */
export function recordingSink(): EventSink & { events: PublishedEvent[]; failNext: number } {
  const sink = {
    events: [] as PublishedEvent[],
    failNext: 0,
    async publish(topic: string, data: object, id: string, critical = false) {
      if (sink.failNext > 0) {
        sink.failNext -= 1;
        throw new AppError('UNAVAILABLE', 'Event publishing is unavailable');
      }
      sink.events.push({ topic, data: data as Record<string, unknown>, id, critical });
    },
  };
  return sink;
}

function captureLogger(level: string): { logger: Logger; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  return {
    logger: createLogger('auth', level, { destination }),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

export interface Harness {
  app: Express;
  sessions: SessionDeps;
  store: AuthStore;
  prefix: string;
  tokens: TokenKit;
  users: Awaited<ReturnType<typeof fakeUserService>>;
  sink: ReturnType<typeof recordingSink>;
  activity: ActivityFeed;
  logs: () => Array<Record<string, unknown>>;
  /** The auth gRPC server (AuthService + AppCallback), on a free port. */
  grpcPort: number;
  /** A verifier as another service would build it, fed from auth's JWKS. */
  verifier: ReturnType<typeof createAuthenticator>;
  close(): Promise<void>;
}

export async function startHarness(limits: Partial<LimiterSettings> = {}, logLevel = 'debug'): Promise<Harness> {
  const prefix = `authtest:${randomUUID()}:`;
  const store = await openAuthStore(REDIS_URL, prefix);
  const users = await fakeUserService();
  const sink = recordingSink();
  const { logger, lines } = captureLogger(logLevel);
  const activity = createActivityFeed();
  const current = await generateSigningKey();
  const previous = await generateSigningKey();
  const tokens = await createTokenKit({ current, previous }, logger, 1);
  const directory = createUserDirectory({ appId: 'user', daprGrpcPort: users.port });
  const sessions: SessionDeps = {
    users: directory,
    store: createSessionStore(store.redis),
    limiter: createLoginLimiter(store.redis, { windowSeconds: 60, maxPerAccountIp: 3, maxPerIp: 6, ...limits }),
    tokens,
    events: sink,
    activity,
    logger,
    refreshTtlSeconds: 3600,
  };
  const metrics = createMetrics('auth');
  const app = createRestApp({
    service: 'auth',
    logger,
    metrics,
    health: createHealthRouter(),
    bodyLimit: '16kb',
    configure: authRoutes({ sessions, authenticator: tokens.authenticator, jwks: tokens.jwks, trustProxy: 'loopback' }),
  });
  const grpcServer = createGrpcServer({
    logger,
    metrics,
    services: [authGrpcService({ sessions, activity, authenticator: tokens.authenticator, jwks: tokens.jwks })],
  });
  const grpcPort = await grpcServer.start('127.0.0.1', 0);
  const verifier = createAuthenticator({ logger, daprGrpcPort: 1, fetchJwks: async () => tokens.jwks });
  return {
    app,
    sessions,
    store,
    prefix,
    tokens,
    users,
    sink,
    activity,
    logs: lines,
    grpcPort,
    verifier,
    async close() {
      await grpcServer.stop(500);
      await directory.stop();
      await users.stop();
      const keys = await store.redis.keys(`${prefix}*`); // KEYS is not prefixed by ioredis
      if (keys.length > 0) await store.redis.del(...keys.map((k) => k.slice(prefix.length)));
      await store.stop();
    },
  };
}

/** Reads a key under the harness prefix (ioredis adds it). */
export const ttlOf = (h: Harness, key: string) => h.store.redis.ttl(key);
