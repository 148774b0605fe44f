// Original file: proto/durabletask/durabletask-subset.proto

export const StalledReason = {
  PATCH_MISMATCH: 'PATCH_MISMATCH',
  VERSION_NOT_AVAILABLE: 'VERSION_NOT_AVAILABLE',
  PAYLOAD_SIZE_EXCEEDED: 'PAYLOAD_SIZE_EXCEEDED',
} as const;

export type StalledReason =
  | 'PATCH_MISMATCH'
  | 0
  | 'VERSION_NOT_AVAILABLE'
  | 1
  | 'PAYLOAD_SIZE_EXCEEDED'
  | 2

export type StalledReason__Output = typeof StalledReason[keyof typeof StalledReason]
