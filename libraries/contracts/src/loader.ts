import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/**
 * Field names stay snake_case as in the .proto files, 64-bit ints arrive as strings (no
 * precision loss), enums as their names, and absent fields as their defaults. The generated
 * types (scripts/generate.mjs) are made with the same choices: change both or neither.
 */
export const SHOP_LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

function isRepoRoot(dir: string): boolean {
  const pkg = path.join(dir, 'package.json');
  if (!existsSync(path.join(dir, 'proto')) || !existsSync(pkg)) return false;
  try {
    return 'workspaces' in (JSON.parse(readFileSync(pkg, 'utf8')) as object);
  } catch {
    return false;
  }
}

let cachedProtoDir: string | undefined;

/** The repository's `proto/` folder; SHOP_PROTO_DIR overrides it where the layout differs (images). */
export function shopProtoDir(): string {
  if (cachedProtoDir) return cachedProtoDir;
  const override = process.env['SHOP_PROTO_DIR'];
  if (override) return (cachedProtoDir = path.resolve(override));
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (isRepoRoot(dir)) return (cachedProtoDir = path.join(dir, 'proto'));
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`No proto/ folder found above ${__dirname}; set SHOP_PROTO_DIR`);
}

/** The Dapr .proto files shipped inside @dapr/dapr (they pin the API to the SDK's Dapr version). */
export function daprProtoDir(): string {
  return path.join(path.dirname(require.resolve('@dapr/dapr/package.json')), 'proto');
}

const cache = new Map<string, grpc.GrpcObject>();
const definitions = new Map<string, protoLoader.PackageDefinition>();

/**
 * Loads a .proto by its path relative to either proto root (the shop's, Dapr's), once per
 * process. Only this library calls it: every path is written in one contract module.
 */
export function loadProto(relativePath: string, options: protoLoader.Options = SHOP_LOADER_OPTIONS): grpc.GrpcObject {
  const key = options === SHOP_LOADER_OPTIONS ? relativePath : `${relativePath} ${JSON.stringify(options)}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const definition = protoLoader.loadSync(relativePath, { ...options, includeDirs: [shopProtoDir(), daprProtoDir()] });
  const loaded = grpc.loadPackageDefinition(definition);
  cache.set(key, loaded);
  definitions.set(key, definition);
  return loaded;
}

/** Every .proto this process has loaded, as one package definition (for server reflection). */
export function loadedPackageDefinitions(): protoLoader.PackageDefinition {
  return Object.assign({}, ...definitions.values()) as protoLoader.PackageDefinition;
}

/** Finds a service by its full name, e.g. `product.v1.ProductService`, failing loudly. */
export function serviceClient(root: grpc.GrpcObject, fullName: string): grpc.ServiceClientConstructor {
  let node: unknown = root;
  for (const part of fullName.split('.')) {
    node = (node as Record<string, unknown> | undefined)?.[part];
  }
  if (typeof node !== 'function' || !('service' in node)) {
    throw new Error(`Service ${fullName} is not in the loaded proto`);
  }
  return node as grpc.ServiceClientConstructor;
}
