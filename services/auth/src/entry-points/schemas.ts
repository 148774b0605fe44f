import { z } from 'zod';
import { refreshTokenSchema } from '../domain/refresh-token';

// Every entry is strict: an unknown field is a 400, not silently ignored.
export const loginBody = z
  .object({
    email: z.string().trim().min(3).max(254),
    // 128 is the user service's limit; longer cannot be right and would only cost hashing time.
    password: z.string().min(1).max(128),
  })
  .strict();

export const refreshBody = z.object({ refreshToken: refreshTokenSchema }).strict();

export const logoutBody = z.object({ refreshToken: refreshTokenSchema.optional() }).strict();

export const validateTokenRequest = z.object({ token: z.string().min(1).max(4096) }).strict();
export const getJwksRequest = z.object({}).strict();
export const watchRequest = z
  .object({ user_id: z.union([z.literal(''), z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/)]) })
  .strict();
