import * as grpc from '@grpc/grpc-js';
import { authContract } from '@shop/contracts';
import { createAuthenticator } from '../src/auth/authenticator';
import { generateSigningKey, publicJwkOf, type PrivateJwk } from '../src/auth/keys';
import { createAccessTokenSigner } from '../src/auth/signer';
import { AppError } from '../src/errors';
import { toGrpcError } from '../src/grpc-errors';
import { captureLogs } from './helpers';

/** Stands in for the local sidecar routing to auth: records metadata, serves the real proto. */
async function fakeAuthSidecar(jwk: PrivateJwk, revoked: Set<string>) {
  const seen: Array<{ method: string; appId: unknown }> = [];
  const server = new grpc.Server();
  server.addService(authContract.definition(), {
    GetJwks(call: grpc.ServerUnaryCall<unknown, unknown>, cb: grpc.sendUnaryData<unknown>) {
      seen.push({ method: 'GetJwks', appId: call.metadata.get('dapr-app-id')[0] });
      cb(null, { json: JSON.stringify({ keys: [publicJwkOf(jwk)] }) });
    },
    ValidateToken(call: grpc.ServerUnaryCall<{ token: string }, unknown>, cb: grpc.sendUnaryData<unknown>) {
      seen.push({ method: 'ValidateToken', appId: call.metadata.get('dapr-app-id')[0] });
      if (revoked.has(call.request.token)) cb(toGrpcError(new AppError('UNAUTHENTICATED', 'revoked')));
      else cb(null, { user_id: 'u-1', roles: ['customer'], token_id: 't', expires_at: '1' });
    },
    WatchSessionActivity(call: grpc.ServerWritableStream<unknown, unknown>) {
      call.end();
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return { port, seen, stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())) };
}

describe('Authenticator through Dapr (gRPC)', () => {
  test('When the first token is verified, then the JWKS is fetched once from app id "auth" via the local sidecar and cached', async () => {
    const jwk = await generateSigningKey();
    const sidecar = await fakeAuthSidecar(jwk, new Set());
    const authenticator = createAuthenticator({ logger: captureLogs().logger, daprGrpcPort: sidecar.port });
    const signer = await createAccessTokenSigner(jwk);
    try {
      for (let i = 0; i < 3; i += 1) {
        await authenticator.verify((await signer.sign({ userId: `u-${i}`, roles: ['customer'] })).token);
      }
      expect(sidecar.seen).toEqual([{ method: 'GetJwks', appId: 'auth' }]);
    } finally {
      await authenticator.stop();
      await sidecar.stop();
    }
  });

  test('When fromGrpc gets authorization metadata, then it yields the principal; without it, UNAUTHENTICATED', async () => {
    const jwk = await generateSigningKey();
    const sidecar = await fakeAuthSidecar(jwk, new Set());
    const authenticator = createAuthenticator({ logger: captureLogs().logger, daprGrpcPort: sidecar.port });
    try {
      const { token } = await (await createAccessTokenSigner(jwk)).sign({ userId: 'u-9', roles: ['admin'] });
      const metadata = new grpc.Metadata();
      metadata.set('authorization', `Bearer ${token}`);

      await expect(authenticator.fromGrpc(metadata)).resolves.toMatchObject({ userId: 'u-9', roles: ['admin'] });
      await expect(authenticator.fromGrpc(new grpc.Metadata())).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    } finally {
      await authenticator.stop();
      await sidecar.stop();
    }
  });

  test('When verify is asked for a remote check and auth says revoked, then the token is rejected although locally valid', async () => {
    const jwk = await generateSigningKey();
    const revoked = new Set<string>();
    const sidecar = await fakeAuthSidecar(jwk, revoked);
    const authenticator = createAuthenticator({ logger: captureLogs().logger, daprGrpcPort: sidecar.port });
    try {
      const { token } = await (await createAccessTokenSigner(jwk)).sign({ userId: 'u-1', roles: ['customer'] });
      await expect(authenticator.verify(token, { remote: true })).resolves.toMatchObject({ userId: 'u-1' });
      revoked.add(token);

      await expect(authenticator.verify(token)).resolves.toMatchObject({ userId: 'u-1' });
      await expect(authenticator.verify(token, { remote: true })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(sidecar.seen.filter((s) => s.method === 'ValidateToken')).toHaveLength(2);
    } finally {
      await authenticator.stop();
      await sidecar.stop();
    }
  });

  test('When the remote check fails for another reason than auth’s verdict (e.g. an open breaker), then 503 UNAVAILABLE, not 401', async () => {
    const jwk = await generateSigningKey();
    const sidecar = await fakeAuthSidecar(jwk, new Set());
    const authenticator = createAuthenticator({ logger: captureLogs().logger, daprGrpcPort: sidecar.port });
    try {
      const { token } = await (await createAccessTokenSigner(jwk)).sign({ userId: 'u-1', roles: ['customer'] });
      await authenticator.verify(token); // keys cached
      await sidecar.stop();
      await expect(authenticator.verify(token, { remote: true })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    } finally {
      await authenticator.stop();
    }
  });
});
