import { z } from 'zod';

// Every request is strict: an unknown field is refused, not silently ignored.
export const validateTokenRequest = z.object({ token: z.string().min(1).max(4096) }).strict();
export const getJwksRequest = z.object({}).strict();
export const watchRequest = z
  .object({ user_id: z.union([z.literal(''), z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/)]) })
  .strict();
