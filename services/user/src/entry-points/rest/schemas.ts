import { userStatus } from '@shop/contracts/statuses';
// What each REST entry accepts. Every body is strict: an unknown or forbidden field
// (`role`, `status`, `id`...) is a 400, never silently dropped.
import { z } from 'zod';
import { addressFieldSchemas as f, addressIdSchema } from '../../domain/address';
import { preferencesSchema } from '../../domain/preferences';
import { emailSchema, nameSchema, passwordSchema, ROLES, rolesSchema, userIdSchema } from '../../domain/user';

const notEmpty = (body: object) => Object.keys(body).length > 0;
const NOTHING_TO_CHANGE = { message: 'must change at least one field' };

export const registrationBody = z.strictObject({ email: emailSchema, password: passwordSchema, name: nameSchema });

export const profilePatchBody = z
  .strictObject({
    name: nameSchema.optional(),
    email: emailSchema.optional(),
    password: passwordSchema.optional(),
    currentPassword: z.string().min(1).max(128).optional(),
  })
  .refine(({ currentPassword: _ignored, ...changes }) => notEmpty(changes), NOTHING_TO_CHANGE);

export const preferencesBody = preferencesSchema;

// Optional fields are stored as null when absent.
export const addressCreateBody = z.strictObject({
  recipient: f.recipient,
  line1: f.line1,
  line2: f.line2.optional().transform((v) => v ?? null),
  city: f.city,
  region: f.region.optional().transform((v) => v ?? null),
  postalCode: f.postalCode,
  country: f.country,
  phone: f.phone.optional().transform((v) => v ?? null),
  isDefault: f.isDefault.optional(),
});

// null clears an optional field; required fields cannot be cleared.
export const addressPatchBody = z
  .strictObject({
    recipient: f.recipient.optional(),
    line1: f.line1.optional(),
    line2: f.line2.optional(),
    city: f.city.optional(),
    region: f.region.optional(),
    postalCode: f.postalCode.optional(),
    country: f.country.optional(),
    phone: f.phone.optional(),
    isDefault: f.isDefault.optional(),
  })
  .refine(notEmpty, NOTHING_TO_CHANGE);

export const rolesBody = z.strictObject({ roles: rolesSchema });

const pagination = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

export const addressListQuery = z.strictObject(pagination);

export const userListQuery = z.strictObject({
  ...pagination,
  status: z.enum(userStatus.values).optional(),
  role: z.enum(ROLES).optional(),
});

/** A malformed id in a path cannot name anything: it is a 404 like any unknown id. */
export const addressIdParam = addressIdSchema;
export const userIdParam = userIdSchema;
