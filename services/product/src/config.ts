import { z } from 'zod';
import { baseConfigShape, configOrExit, loadConfig } from '@shop/service-kit';

const schema = z.object({
  ...baseConfigShape,
  GRPC_PORT: baseConfigShape.REST_PORT,
  MONGODB_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL'),
});

export type Config = z.output<typeof schema>;
export const loadProductConfig = (): Config => configOrExit(() => loadConfig(schema));
