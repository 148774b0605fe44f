import { z } from 'zod';
import { refreshTokenSchema } from '../../domain/refresh-token';

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
