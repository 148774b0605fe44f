import type { UserStatus } from '@shop/contracts/statuses';
import { z } from 'zod';

export const ROLES = ['customer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** The proto's UserStatus, as stored (lowercase): one list for the domain, REST and gRPC. */
export type { UserStatus };

/** An account as the rest of the shop may see it: never the password hash. */
export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly status: UserStatus;
  /** Bumped by every change that publishes user.updated (the event id is derived from it). */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The stored account. email, name and hash are null only once an account is deleted. */
export interface Account extends Omit<User, 'email' | 'name'> {
  readonly email: string | null;
  readonly name: string | null;
  readonly passwordHash: string | null;
}

/** An account that may act: active, with its identity intact. */
export type ActiveAccount = Account & { readonly email: string; readonly name: string; readonly passwordHash: string };

export function isActive(account: Account | undefined): account is ActiveAccount {
  return (
    account?.status === 'active' && account.email !== null && account.name !== null && account.passwordHash !== null
  );
}

export function toUser(account: ActiveAccount): User {
  const { passwordHash: _hash, ...user } = account;
  return user;
}

// Value rules shared by REST, gRPC and the first-admin bootstrap.

export const emailSchema = z.string().trim().max(254).pipe(z.email('must be an email address'));

export const passwordSchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(128, 'must be at most 128 characters');

export const nameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100)
  // Control characters break logs, e-mails and labels; names never need them.
  .regex(/^[^\p{Cc}]+$/u, 'must not contain control characters');

export const rolesSchema = z
  .array(z.enum(ROLES))
  .min(1)
  .max(10)
  .transform((roles) => [...new Set(roles)]);

export const userIdSchema = z.uuid();

/** A password equal to the account's email is the first thing an attacker tries. */
export function passwordEqualsEmail(password: string, email: string): boolean {
  return password.trim().toLowerCase() === email.trim().toLowerCase();
}
