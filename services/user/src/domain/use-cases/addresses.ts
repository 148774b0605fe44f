import { AppError } from '@shop/service-kit/errors';
import { MAX_ADDRESSES_PER_USER, type Address, type AddressFields } from '../address';
import type { Page, UserDeps } from '../ports';
import { activeAccountOf, lockActiveAccount } from './account-access';

// Every read and write names the owner: another user's address id is "not found", never
// "forbidden", so ids cannot be probed. Writes lock the owner's account row, which
// serialises one user's address changes (the default flag moves between rows).

const notFound = () => new AppError('NOT_FOUND', 'No such address');

export async function listAddresses(
  deps: UserDeps,
  userId: string,
  page: Page,
): Promise<{ items: Address[]; total: number }> {
  await activeAccountOf(deps.store, userId);
  return deps.store.addresses.listByUser(userId, page);
}

/** For other services (order): the address, if it belongs to that user. */
export async function getAddressOf(deps: UserDeps, userId: string, addressId: string): Promise<Address> {
  const address = await deps.store.addresses.findForUser(userId, addressId);
  if (!address) throw notFound();
  return address;
}

/** The first address becomes the default unless the request says otherwise. */
export async function addAddress(
  deps: UserDeps,
  userId: string,
  fields: AddressFields & { isDefault?: boolean },
): Promise<Address> {
  return deps.store.transaction(async (tx) => {
    await lockActiveAccount(tx, userId);
    const count = await tx.addresses.countByUser(userId);
    if (count >= MAX_ADDRESSES_PER_USER) {
      throw new AppError('CONFLICT', `An address book holds at most ${MAX_ADDRESSES_PER_USER} addresses`);
    }
    const isDefault = fields.isDefault ?? count === 0;
    if (isDefault) await tx.addresses.clearDefault(userId);
    return tx.addresses.insert({ ...fields, id: deps.newId(), userId, isDefault });
  });
}

export async function updateAddress(
  deps: UserDeps,
  userId: string,
  addressId: string,
  changes: Partial<AddressFields> & { isDefault?: boolean },
): Promise<Address> {
  return deps.store.transaction(async (tx) => {
    await lockActiveAccount(tx, userId);
    if (!(await tx.addresses.findForUser(userId, addressId))) throw notFound();
    if (changes.isDefault === true) await tx.addresses.clearDefault(userId, addressId);
    const updated = await tx.addresses.update(userId, addressId, changes);
    if (!updated) throw notFound();
    return updated;
  });
}

export async function removeAddress(deps: UserDeps, userId: string, addressId: string): Promise<void> {
  await deps.store.transaction(async (tx) => {
    await lockActiveAccount(tx, userId);
    if (!(await tx.addresses.delete(userId, addressId))) throw notFound();
  });
}
