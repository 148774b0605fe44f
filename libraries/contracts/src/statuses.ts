// The protos' status (and kind) enums as the services' domains name them. Transport-free
// (domain code imports it): the generated enum modules are plain constants.
//
// A proto enum value is `<ENUM>_<NAME>` (enum values share their package's scope, and 0 is
// UNSPECIFIED: "not set"); the domain keeps `<name>` in lowercase, the spelling the stores hold.
// Both sides derive from the generated enum, so a value added to the proto appears in the
// domain types, the zod schemas and the mapping at once.
import { SessionEventType as SessionEventTypeEnum } from './generated/auth/v1/SessionEventType';
import { ReservationStatus as ReservationStatusEnum } from './generated/product/v1/ReservationStatus';
import { UserStatus as UserStatusEnum } from './generated/user/v1/UserStatus';

type DomainName<W, P extends string> = W extends `${P}UNSPECIFIED`
  ? never
  : W extends `${P}${infer N}`
    ? Lowercase<N>
    : never;
type WireName<W, P extends string> = W extends `${P}UNSPECIFIED` ? never : W;

export interface EnumCodec<W extends string, D extends string> {
  /** The domain's values, e.g. for `z.enum(...)`. */
  readonly values: readonly [D, ...D[]];
  /** The proto's values without UNSPECIFIED, e.g. for `z.enum(...)` at a gRPC entry. */
  readonly wire: readonly [W, ...W[]];
  toWire(value: D): W;
  fromWire(value: W): D;
}

function enumCodec<E extends Record<string, string>, P extends string>(
  generated: E,
  prefix: P,
): EnumCodec<WireName<E[keyof E], P>, DomainName<E[keyof E], P>> {
  type W = WireName<E[keyof E], P>;
  type D = DomainName<E[keyof E], P>;
  const wire = Object.values(generated).filter((w) => w !== `${prefix}UNSPECIFIED`) as W[];
  const values = wire.map((w) => w.slice(prefix.length).toLowerCase() as D);
  if (wire.length === 0 || wire.some((w) => !w.startsWith(prefix))) throw new Error(`Enum values must start ${prefix}`);
  return {
    values: values as [D, ...D[]],
    wire: wire as [W, ...W[]],
    toWire: (value) => `${prefix}${(value as string).toUpperCase()}` as W,
    fromWire: (value) => (value as string).slice(prefix.length).toLowerCase() as D,
  };
}

/** product.v1.ReservationStatus: where an order's hold on stock stands. */
export const reservationStatus = enumCodec(ReservationStatusEnum, 'RESERVATION_STATUS_');
export type ReservationStatus = (typeof reservationStatus.values)[number];
export type ReservationStatusWire = (typeof reservationStatus.wire)[number];

/** auth.v1.SessionEventType: what happened to a session (WatchSessionActivity). */
export const sessionEventType = enumCodec(SessionEventTypeEnum, 'SESSION_EVENT_TYPE_');
export type SessionEventType = (typeof sessionEventType.values)[number];
export type SessionEventTypeWire = (typeof sessionEventType.wire)[number];

/** user.v1.UserStatus: only an active account signs in. */
export const userStatus = enumCodec(UserStatusEnum, 'USER_STATUS_');
export type UserStatus = (typeof userStatus.values)[number];
export type UserStatusWire = (typeof userStatus.wire)[number];
