import { z } from 'zod';
import { isCountryCode } from './iso-codes';

export interface Address {
  readonly id: string;
  readonly userId: string;
  readonly recipient: string;
  readonly line1: string;
  readonly line2: string | null;
  readonly city: string;
  readonly region: string | null;
  readonly postalCode: string;
  /** ISO 3166-1 alpha-2, upper case. */
  readonly country: string;
  readonly phone: string | null;
  readonly isDefault: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type AddressFields = Omit<Address, 'id' | 'userId' | 'isDefault' | 'createdAt' | 'updatedAt'>;

/** Enough for any household; bounds the rows one account can create. */
export const MAX_ADDRESSES_PER_USER = 20;

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max)
    .regex(/^[^\p{Cc}]+$/u, 'must not contain control characters');

/** Field rules; entry points compose them into strict bodies (all required on create, partial on update). */
export const addressFieldSchemas = {
  recipient: text(100),
  line1: text(200),
  line2: text(200).nullable(),
  city: text(100),
  region: text(100).nullable(),
  postalCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9 -]{0,14}[A-Za-z0-9]$|^[A-Za-z0-9]$/, 'must be a postal code'),
  country: z
    .string()
    .transform((c) => c.toUpperCase())
    .refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code, e.g. DE'),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ()./-]{3,22}[0-9]$/, 'must be a phone number, e.g. +49 30 1234567')
    .nullable(),
  isDefault: z.boolean(),
};

export const addressIdSchema = z.uuid();
