// The JSON shapes of brief §5. Absent optional address fields are omitted, timestamps are
// ISO 8601 UTC, and nothing internal (hash, version, status of the caller) leaks.
import type { Address } from '../../domain/address';
import type { Account, User } from '../../domain/user';

/** The 201 of POST /v1/users: exactly {id, email, name, roles, createdAt}. */
export const registeredBody = (u: User) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  roles: [...u.roles],
  createdAt: u.createdAt.toISOString(),
});

export const profileBody = (u: User) => ({ ...registeredBody(u), updatedAt: u.updatedAt.toISOString() });

/** Admins also see the status; a deleted account shows its id with email and name null. */
export const adminUserBody = (a: Account) => ({
  id: a.id,
  email: a.email,
  name: a.name,
  roles: [...a.roles],
  status: a.status,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

export const addressBody = (a: Address) => ({
  id: a.id,
  recipient: a.recipient,
  line1: a.line1,
  ...(a.line2 === null ? {} : { line2: a.line2 }),
  city: a.city,
  ...(a.region === null ? {} : { region: a.region }),
  postalCode: a.postalCode,
  country: a.country,
  ...(a.phone === null ? {} : { phone: a.phone }),
  isDefault: a.isDefault,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});
