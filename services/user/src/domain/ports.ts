// What the use cases need from the outside world. data-access implements these with pg and
// argon2; the domain never sees SQL, drivers or transports.
import type { Address, AddressFields } from './address';
import type { UserEvent } from './events';
import type { Preferences } from './preferences';
import type { Account, Role, UserStatus } from './user';

export interface NewAccount {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly passwordHash: string;
  readonly roles: readonly Role[];
}

export interface AccountChanges {
  readonly email?: string;
  readonly name?: string;
  readonly passwordHash?: string;
  readonly roles?: readonly Role[];
}

export interface Page {
  readonly page: number;
  readonly pageSize: number;
}

export interface UserQuery extends Page {
  readonly status?: UserStatus;
  readonly role?: Role;
}

export interface UserRepository {
  findById(id: string): Promise<Account | undefined>;
  /** Case-insensitive. */
  findByEmail(email: string): Promise<Account | undefined>;
  /** Locks the row until the transaction ends: serialises changes to one account. */
  lockById(id: string): Promise<Account | undefined>;
  /** 'email-taken' when another account has the email (any case). */
  insert(account: NewAccount): Promise<Account | 'email-taken'>;
  /** Bumps version and updated_at; 'email-taken' as for insert. */
  update(id: string, changes: AccountChanges): Promise<Account | 'email-taken'>;
  /** Only the hash, without a version bump: a silent upgrade of the hashing parameters. */
  replacePasswordHash(id: string, passwordHash: string): Promise<void>;
  /** Scrubs email, name and hash, marks the account deleted. */
  anonymise(id: string): Promise<Account>;
  list(query: UserQuery): Promise<{ items: Account[]; total: number }>;
  /** Locks and returns the ids of active admins (to never remove the last one). */
  lockActiveAdminIds(): Promise<string[]>;
}

export interface AddressRepository {
  /** Oldest first; total counts all of the user's addresses. */
  listByUser(userId: string, page: Page): Promise<{ items: Address[]; total: number }>;
  /** Owner-checked: another user's address is undefined, exactly like a missing one. */
  findForUser(userId: string, addressId: string): Promise<Address | undefined>;
  countByUser(userId: string): Promise<number>;
  insert(address: AddressFields & { id: string; userId: string; isDefault: boolean }): Promise<Address>;
  update(
    userId: string,
    addressId: string,
    changes: Partial<AddressFields> & { isDefault?: boolean },
  ): Promise<Address | undefined>;
  delete(userId: string, addressId: string): Promise<boolean>;
  deleteAllForUser(userId: string): Promise<number>;
  /** Unsets the user's default, except on `keepId`. */
  clearDefault(userId: string, keepId?: string): Promise<void>;
}

export interface PreferencesRepository {
  find(userId: string): Promise<unknown>;
  save(userId: string, preferences: Preferences): Promise<void>;
  delete(userId: string): Promise<void>;
}

/** Events written here commit with the transaction and are published afterwards. */
export interface EventOutbox {
  add(...events: UserEvent[]): Promise<void>;
}

export interface Repositories {
  readonly users: UserRepository;
  readonly addresses: AddressRepository;
  readonly preferences: PreferencesRepository;
}

export interface TransactionScope extends Repositories {
  readonly events: EventOutbox;
}

export interface UserStore extends Repositories {
  /** All-or-nothing: the changes and their events commit together or not at all. */
  transaction<T>(work: (tx: TransactionScope) => Promise<T>): Promise<T>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Spends the same work as verify() on a missing account, and says no. */
  verifyDummy(password: string): Promise<false>;
  /** True when the hash was made with weaker parameters than today's. */
  needsRehash(hash: string): boolean;
}

/** The logging the domain does: ids and outcomes, never emails, passwords or hashes. */
export interface DomainLogger {
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
}

export interface UserDeps {
  readonly store: UserStore;
  readonly passwords: PasswordHasher;
  readonly logger: DomainLogger;
  readonly newId: () => string;
}
