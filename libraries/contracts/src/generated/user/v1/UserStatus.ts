// Original file: proto/user/v1/user.proto

export const UserStatus = {
  USER_STATUS_UNSPECIFIED: 'USER_STATUS_UNSPECIFIED',
  USER_STATUS_ACTIVE: 'USER_STATUS_ACTIVE',
  USER_STATUS_DISABLED: 'USER_STATUS_DISABLED',
  USER_STATUS_DELETED: 'USER_STATUS_DELETED',
} as const;

export type UserStatus =
  | 'USER_STATUS_UNSPECIFIED'
  | 0
  | 'USER_STATUS_ACTIVE'
  | 1
  | 'USER_STATUS_DISABLED'
  | 2
  | 'USER_STATUS_DELETED'
  | 3

export type UserStatus__Output = typeof UserStatus[keyof typeof UserStatus]
