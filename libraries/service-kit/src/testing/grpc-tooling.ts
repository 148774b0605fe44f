// Clients of the standard gRPC tooling every app serves (health, reflection), for tests and
// scripts: what grpc_health_probe and `grpcurl list` do, without the binaries.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { grpcHealth, grpcReflection, packagedProtoPath } from '@shop/contracts';

/* eslint-disable @typescript-eslint/no-explicit-any -- proto-loader clients are untyped */
const load = (file: string, service: string) => {
  let node = grpc.loadPackageDefinition(
    protoLoader.loadSync(packagedProtoPath(file), { keepCase: true, enums: String }),
  ) as any;
  for (const part of service.split('.')) node = node[part];
  return node;
};
const Health = load(grpcHealth.proto, grpcHealth.service);
const Reflection = load(grpcReflection.proto, grpcReflection.services[0]);

/** grpc.health.v1.Health/Check: 'SERVING' | 'NOT_SERVING' | …; rejects with the gRPC error. */
export function healthCheck(address: string, service = '', metadata = new grpc.Metadata()): Promise<string> {
  const client = new Health(address, grpc.credentials.createInsecure());
  return new Promise((resolve, reject) =>
    client.Check({ service }, metadata, (err: Error | null, res: { status: string }) => {
      client.close();
      return err ? reject(err) : resolve(res.status);
    }),
  );
}

/** The service names server reflection lists. */
export function listServices(address: string, metadata = new grpc.Metadata()): Promise<string[]> {
  const client = new Reflection(address, grpc.credentials.createInsecure());
  return new Promise((resolve, reject) => {
    const call = client.ServerReflectionInfo(metadata);
    call.on('data', (res: any) => {
      resolve(res.list_services_response.service.map((s: { name: string }) => s.name));
      call.end();
      client.close();
    });
    call.on('error', reject);
    call.write({ list_services: '' });
  });
}

/** A Health client for watching (Watch stream); close it when done. */
export function healthClient(address: string): grpc.Client & Record<string, any> {
  return new Health(address, grpc.credentials.createInsecure());
}
