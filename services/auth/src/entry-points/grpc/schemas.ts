import type {
  GetJwksRequest__Output,
  ValidateTokenRequest__Output,
  WatchSessionActivityRequest__Output,
} from '@shop/contracts';
import { z } from 'zod';

// Every request is strict: an unknown field is refused, not silently ignored. Typed against
// the generated messages: a field the proto gains or renames fails tsc here.
export const validateTokenRequest = z
  .object({ token: z.string().min(1).max(4096) })
  .strict() satisfies z.ZodType<ValidateTokenRequest__Output>;
export const getJwksRequest = z.object({}).strict() satisfies z.ZodType<GetJwksRequest__Output>;
export const watchRequest = z
  .object({ user_id: z.union([z.literal(''), z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/)]) })
  .strict() satisfies z.ZodType<WatchSessionActivityRequest__Output>;
