import { z } from 'zod';
import { baseConfigShape, configOrExit, loadConfig } from '@shop/service-kit';

const schema = z.object({
  ...baseConfigShape,
  GRPC_PORT: baseConfigShape.REST_PORT,
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL'),
});

export type Config = z.output<typeof schema>;
export const loadAuthConfig = (): Config => configOrExit(() => loadConfig(schema));
