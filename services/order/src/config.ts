import { z } from 'zod';
import { baseConfigShape, configOrExit, loadConfig } from '@shop/service-kit';

const schema = z.object({
  ...baseConfigShape,
  GRPC_PORT: baseConfigShape.REST_PORT,
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
});

export type Config = z.output<typeof schema>;
export const loadOrderConfig = (): Config => configOrExit(() => loadConfig(schema));
