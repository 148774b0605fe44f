// The real gRPC server (kit + UserService) on a free port, and a client dialling it directly.
import * as grpc from '@grpc/grpc-js';
import { userContract } from '@shop/contracts';
import { createGrpcServer, createMetrics, type Logger } from '@shop/service-kit';
import type { UserDeps } from '../src/domain/ports';
import { userGrpcService } from '../src/entry-points/grpc/user-grpc-service';

export async function grpcHarness(deps: UserDeps, logger: Logger) {
  const server = createGrpcServer({ logger, metrics: createMetrics('user'), services: [userGrpcService(deps)] });
  const port = await server.start('127.0.0.1', 0);
  const client = userContract.dial(`127.0.0.1:${port}`);
  const call = <Res>(method: string, request: object): Promise<Res> =>
    new Promise((resolve, reject) => {
      const methods = client as unknown as Record<
        string,
        (req: object, cb: (err: grpc.ServiceError | null, res: Res) => void) => void
      >;
      methods[method]!.call(client, request, (err, res) => (err ? reject(err) : resolve(res)));
    });
  return {
    call,
    close: async () => {
      client.close();
      await server.stop(1_000);
    },
  };
}
