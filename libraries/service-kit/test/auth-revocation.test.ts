import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { appCallbackService } from '@shop/contracts';
import { createDenylist } from '../src/auth/denylist';
import { createAccessTokenSigner } from '../src/auth/signer';
import { PUBSUB_NAME, SESSION_REVOKED_TOPIC, sessionRevokedSchema } from '../src/auth/token-format';
import type { EventMeta } from '../src/events';
import { createInMemoryDedupeForTests } from '../src/testing/dedupe';
import { createGrpcServer } from '../src/grpc-server';
import { createMetrics } from '../src/metrics';
import { keyFixture } from './auth-fixtures';
import { captureLogs, freePort } from './helpers';

const meta = (id = randomUUID()): EventMeta => ({
  id,
  type: 'com.dapr.event.sent',
  source: 'auth',
  topic: SESSION_REVOKED_TOPIC,
  pubsubName: PUBSUB_NAME,
  traceparent: undefined,
});

describe('revocations subscription', () => {
  test('When session.revoked names a token id, then that token is rejected and another token of the user still passes', async () => {
    const { jwk, authenticator } = await keyFixture();
    const signer = await createAccessTokenSigner(jwk);
    const revoked = await signer.sign({ userId: 'u-1', roles: ['customer'], sessionId: 's-1' });
    const other = await signer.sign({ userId: 'u-1', roles: ['customer'], sessionId: 's-2' });
    await authenticator.verify(revoked.token);

    await authenticator.revocations.handler(
      { tokenId: revoked.tokenId, userId: 'u-1', expiresAt: revoked.expiresAt },
      meta(),
    );

    await expect(authenticator.verify(revoked.token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(authenticator.verify(other.token)).resolves.toMatchObject({ tokenId: other.tokenId });
  });

  test('When session.revoked names a family (reuse detected), then every access token of that session is rejected', async () => {
    const { jwk, authenticator } = await keyFixture();
    const signer = await createAccessTokenSigner(jwk);
    const first = await signer.sign({ userId: 'u-2', roles: ['customer'], sessionId: 'fam-9' });
    const second = await signer.sign({ userId: 'u-2', roles: ['customer'], sessionId: 'fam-9' });

    await authenticator.revocations.handler(
      { familyId: 'fam-9', userId: 'u-2', expiresAt: second.expiresAt, reason: 'reuse_detected' },
      meta(),
    );

    await expect(authenticator.verify(first.token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(authenticator.verify(second.token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  test('When the event arrives through the AppCallback gRPC service, then it feeds the denylist and the lag is logged', async () => {
    const fixture = await keyFixture();
    const signer = await createAccessTokenSigner(fixture.jwk);
    const issued = await signer.sign({ userId: 'u-3', roles: ['customer'] });
    const { logger } = captureLogs('user');
    const port = await freePort();
    const server = createGrpcServer({
      logger,
      metrics: createMetrics('user'),
      services: [],
      appCallback: { subscriptions: [fixture.authenticator.revocations], dedupe: createInMemoryDedupeForTests() },
    });
    await server.start('127.0.0.1', port);
    const AppCallback = appCallbackService.client();
    const sidecar = new AppCallback(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as grpc.Client &
      Record<string, (...args: unknown[]) => unknown>;
    try {
      const data = {
        tokenId: issued.tokenId,
        userId: 'u-3',
        expiresAt: issued.expiresAt,
        reason: 'logout',
        revokedAt: Date.now() - 40,
      };
      const response = await new Promise<{ status: string }>((resolve, reject) =>
        sidecar['OnTopicEvent']!.call(
          sidecar,
          {
            id: randomUUID(),
            source: 'auth',
            type: 'com.dapr.event.sent',
            spec_version: '1.0',
            data_content_type: 'application/json',
            data: Buffer.from(JSON.stringify(data)),
            topic: SESSION_REVOKED_TOPIC,
            pubsub_name: PUBSUB_NAME,
          },
          (err: Error | null, res: { status: string }) => (err ? reject(err) : resolve(res)),
        ),
      );

      expect(response.status).toBe('SUCCESS');
      await expect(fixture.authenticator.verify(issued.token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      const applied = (await fixture.lines()).find((l) => l['message'] === 'session revocation applied');
      expect(applied).toMatchObject({ revokedUserId: 'u-3', reason: 'logout' });
      expect(applied!['lagMs']).toBeGreaterThanOrEqual(40);
    } finally {
      sidecar.close();
      await server.stop(1_000);
    }
  });

  test('When a revocation event is malformed (neither tokenId nor familyId, or unknown fields), then the schema refuses it', () => {
    const schema = sessionRevokedSchema;
    expect(schema.safeParse({ userId: 'u', expiresAt: 1 }).success).toBe(false);
    expect(schema.safeParse({ tokenId: randomUUID(), userId: 'u', expiresAt: 1, extra: true }).success).toBe(false);
  });

  test('When denylist entries pass their expiry, then they stop matching and are swept on a later write', () => {
    let nowMs = 1_000_000_000;
    const denylist = createDenylist(() => nowMs);
    denylist.add('token', 'old', 1_000_000 + 10);
    denylist.add('token', 'gone-already', 1_000_000 - 1);
    expect(denylist.has('token', 'old')).toBe(true);
    expect(denylist.has('session', 'old')).toBe(false);
    expect(denylist.size()).toBe(1);

    nowMs += 60_000;
    expect(denylist.has('token', 'old')).toBe(false);
    denylist.add('token', 'new', 1_000_000 + 600);
    expect(denylist.size()).toBe(1);
  });
});
