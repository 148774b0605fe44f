import { userStatus } from '@shop/contracts/statuses';
// The user service's public routes for the shop's OpenAPI document: the same zod schemas the
// routes validate with (schemas.ts), and the shapes representations.ts produces.
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { isoTimestamp, operation, pageOf } from '@shop/service-kit/openapi';
import { ROLES } from '../../domain/user';
import {
  addressCreateBody,
  addressIdParam,
  addressListQuery,
  addressPatchBody,
  preferencesBody,
  profilePatchBody,
  registrationBody,
  rolesBody,
  userIdParam,
  userListQuery,
} from './schemas';

const USER_ID = '0b5e8c7e-3f0a-4d8e-9a51-2f1c6d7e8a90';
const roles = z.array(z.enum(ROLES));

export const registeredUserSchema = z
  .object({ id: z.string(), email: z.string(), name: z.string(), roles, createdAt: isoTimestamp })
  .meta({ id: 'RegisteredUser' });

export const profileSchema = registeredUserSchema.extend({ updatedAt: isoTimestamp }).meta({
  id: 'Profile',
  example: {
    id: USER_ID,
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    roles: ['customer'],
    createdAt: '2026-12-01T09:30:00.000Z',
    updatedAt: '2026-12-01T09:30:00.000Z',
  },
});

export const adminUserSchema = z
  .object({
    id: z.string(),
    email: z.string().nullable(),
    name: z.string().nullable(),
    roles,
    status: z.enum(userStatus.values),
    createdAt: isoTimestamp,
    updatedAt: isoTimestamp,
  })
  .meta({ id: 'AdminUser', description: 'A deleted account keeps its id; email and name are null' });

export const preferencesSchema = z
  .object({ currency: z.string(), language: z.string(), marketingOptIn: z.boolean(), timezone: z.string() })
  .meta({
    id: 'Preferences',
    example: { currency: 'EUR', language: 'en-GB', marketingOptIn: false, timezone: 'Europe/Berlin' },
  });

export const addressSchema = z
  .object({
    id: z.string(),
    recipient: z.string(),
    line1: z.string(),
    line2: z.string().optional(),
    city: z.string(),
    region: z.string().optional(),
    postalCode: z.string(),
    country: z.string().regex(/^[A-Z]{2}$/),
    phone: z.string().optional(),
    isDefault: z.boolean(),
    createdAt: isoTimestamp,
    updatedAt: isoTimestamp,
  })
  .meta({ id: 'Address' });

const ADDRESS_EXAMPLE = {
  recipient: 'Ada Lovelace',
  line1: '1 Test Lane',
  city: 'Berlin',
  postalCode: '10115',
  country: 'DE',
};
const location = { Location: z.string().meta({ description: 'Where the new resource is' }) };
const tags = ['users'];
const addressPath = z.object({ addressId: addressIdParam });

export const userPaths: ZodOpenApiPathsObject = {
  '/v1/users': {
    post: operation({
      operationId: 'registerUser',
      summary: 'Register an account',
      tags,
      access: 'public',
      body: registrationBody,
      bodyExample: { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada Lovelace' },
      responses: [{ status: 201, description: 'Registered', schema: registeredUserSchema, headers: location }],
      problems: [400, 409],
    }),
    get: operation({
      operationId: 'listUsers',
      summary: 'List accounts (admin)',
      tags: ['admin'],
      access: 'admin',
      query: userListQuery,
      responses: [{ status: 200, description: 'A page of accounts', schema: pageOf(adminUserSchema, 'AdminUserPage') }],
      problems: [400],
    }),
  },
  '/v1/users/me': {
    get: operation({
      operationId: 'getProfile',
      summary: 'The signed-in account',
      tags,
      access: 'user',
      responses: [{ status: 200, description: 'The profile', schema: profileSchema }],
      problems: [404],
    }),
    patch: operation({
      operationId: 'updateProfile',
      summary: 'Change name, email or password',
      description: 'Changing email or password needs `currentPassword`.',
      tags,
      access: 'user',
      body: profilePatchBody,
      bodyExample: { name: 'Ada King' },
      responses: [{ status: 200, description: 'The changed profile', schema: profileSchema }],
      problems: [400, 403, 404, 409],
    }),
    delete: operation({
      operationId: 'deleteAccount',
      summary: 'Delete the signed-in account',
      tags,
      access: 'user',
      responses: [{ status: 204, description: 'Deleted; its tokens stop working' }],
      problems: [404],
    }),
  },
  '/v1/users/me/preferences': {
    get: operation({
      operationId: 'getPreferences',
      summary: 'The signed-in account’s preferences',
      tags,
      access: 'user',
      responses: [{ status: 200, description: 'Preferences (defaults until saved)', schema: preferencesSchema }],
    }),
    put: operation({
      operationId: 'replacePreferences',
      summary: 'Replace the preferences',
      tags,
      access: 'user',
      body: preferencesBody,
      bodyExample: { currency: 'EUR', language: 'en-GB', marketingOptIn: false, timezone: 'Europe/Berlin' },
      responses: [{ status: 200, description: 'The stored preferences', schema: preferencesSchema }],
      problems: [400],
    }),
  },
  '/v1/users/me/addresses': {
    get: operation({
      operationId: 'listAddresses',
      summary: 'The address book',
      tags,
      access: 'user',
      query: addressListQuery,
      responses: [{ status: 200, description: 'A page of addresses', schema: pageOf(addressSchema, 'AddressPage') }],
      problems: [400],
    }),
    post: operation({
      operationId: 'addAddress',
      summary: 'Add an address',
      tags,
      access: 'user',
      body: addressCreateBody,
      bodyExample: ADDRESS_EXAMPLE,
      responses: [{ status: 201, description: 'Added', schema: addressSchema, headers: location }],
      problems: [400, 409],
    }),
  },
  '/v1/users/me/addresses/{addressId}': {
    patch: operation({
      operationId: 'updateAddress',
      summary: 'Change an address (null clears an optional field)',
      tags,
      access: 'user',
      path: addressPath,
      body: addressPatchBody,
      bodyExample: { isDefault: true },
      responses: [{ status: 200, description: 'The changed address', schema: addressSchema }],
      problems: [400, 404],
    }),
    delete: operation({
      operationId: 'removeAddress',
      summary: 'Remove an address',
      tags,
      access: 'user',
      path: addressPath,
      responses: [{ status: 204, description: 'Removed' }],
      problems: [404],
    }),
  },
  '/v1/users/{userId}/roles': {
    patch: operation({
      operationId: 'setRoles',
      summary: 'Set an account’s roles (admin)',
      tags: ['admin'],
      access: 'admin',
      path: z.object({ userId: userIdParam }),
      body: rolesBody,
      bodyExample: { roles: ['customer', 'admin'] },
      responses: [{ status: 200, description: 'The account', schema: adminUserSchema }],
      problems: [400, 404, 409],
    }),
  },
};
