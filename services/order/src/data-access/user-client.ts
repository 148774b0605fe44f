import { userContract, type Address__Output } from '@shop/contracts';
import { callUnary, createServiceClient, isAppError, AppError, type Stoppable } from '@shop/service-kit';
import { z } from 'zod';
import type { ShippingAddress } from '../domain/events';
import type { AddressBook } from '../domain/ports';

const addressSchema = z.object({
  recipient: z.string().min(1),
  line1: z.string().min(1),
  line2: z.string(),
  city: z.string().min(1),
  region: z.string(),
  postal_code: z.string().min(1),
  country: z.string().length(2),
  phone: z.string(),
}) satisfies z.ZodType<
  Pick<Address__Output, 'recipient' | 'line1' | 'line2' | 'city' | 'region' | 'postal_code' | 'country' | 'phone'>
>;

// proto3 has no absent strings: empty means "not given", and the snapshot omits it.
const optional = (value: string) => (value === '' ? {} : undefined);

/** The user service through the local sidecar: the address snapshot for an order. */
export function createUserClient(options: {
  appId: string;
  daprGrpcPort: number;
  host?: string;
}): AddressBook & Stoppable {
  const client = createServiceClient(userContract.client(), options);
  return {
    name: 'user-client',
    async getAddress(userId, addressId) {
      let response: unknown;
      try {
        response = await callUnary(
          client,
          'GetAddress',
          { user_id: userId, address_id: addressId },
          { deadlineMs: 5_000 },
        );
      } catch (err) {
        // Another user's address is NOT_FOUND too: the user service checks ownership.
        if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'VALIDATION_FAILED')) return undefined;
        if (isAppError(err) && err.code === 'INTERNAL')
          throw new AppError('UNAVAILABLE', 'The user service failed', { cause: err });
        throw err;
      }
      const parsed = addressSchema.safeParse(response);
      if (!parsed.success) throw new AppError('UNAVAILABLE', 'The user service gave an invalid address');
      const a = parsed.data;
      const address: ShippingAddress = {
        recipient: a.recipient,
        line1: a.line1,
        ...(optional(a.line2) ?? { line2: a.line2 }),
        city: a.city,
        ...(optional(a.region) ?? { region: a.region }),
        postalCode: a.postal_code,
        country: a.country,
        ...(optional(a.phone) ?? { phone: a.phone }),
      };
      return address;
    },
    async stop() {
      client.close();
    },
  };
}
