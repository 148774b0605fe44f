import { z } from 'zod';
import { canonicalLanguageTag, isCurrencyCode, isTimeZone } from './iso-codes';

/**
 * A user's shop preferences. PUT replaces the whole document, so optional fields fall back to
 * their defaults; the shape is validated on every write and on every read of stored data.
 */
export const preferencesSchema = z.strictObject({
  /** ISO 4217, the currency prices are shown in. */
  currency: z.string().refine(isCurrencyCode, 'must be an ISO 4217 currency code, e.g. EUR'),
  /** BCP 47 language tag, stored in canonical form (en-us → en-US). */
  language: z
    .string()
    .max(35)
    .transform((tag, ctx) => {
      const canonical = canonicalLanguageTag(tag);
      if (canonical === undefined)
        ctx.addIssue({ code: 'custom', message: 'must be a BCP 47 language tag, e.g. en-GB' });
      return canonical ?? tag;
    }),
  marketingOptIn: z.boolean(),
  /** IANA time zone for dates in e-mails and order history. */
  timezone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone, e.g. Europe/Berlin').default('UTC'),
});

export type Preferences = z.output<typeof preferencesSchema>;

/** What a user who never saved preferences gets; marketing is opt-in, so false. */
export const DEFAULT_PREFERENCES: Preferences = {
  currency: 'USD',
  language: 'en',
  marketingOptIn: false,
  timezone: 'UTC',
};

/** Stored documents are re-validated: data written under an older schema falls back field by field. */
export function readStoredPreferences(stored: unknown): Preferences {
  if (typeof stored !== 'object' || stored === null) return DEFAULT_PREFERENCES;
  const merged: Record<string, unknown> = { ...DEFAULT_PREFERENCES };
  for (const key of Object.keys(DEFAULT_PREFERENCES) as Array<keyof Preferences>) {
    const candidate = { ...merged, [key]: (stored as Record<string, unknown>)[key] };
    if (preferencesSchema.safeParse(candidate).success) merged[key] = candidate[key];
  }
  return preferencesSchema.parse(merged);
}
