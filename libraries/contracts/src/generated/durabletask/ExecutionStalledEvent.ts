// Original file: proto/durabletask/durabletask-subset.proto

import type { StalledReason as _StalledReason, StalledReason__Output as _StalledReason__Output } from './StalledReason';

export interface ExecutionStalledEvent {
  'reason'?: (_StalledReason);
  'description'?: (string);
  '_description'?: "description";
}

export interface ExecutionStalledEvent__Output {
  'reason'?: (_StalledReason__Output);
  'description'?: (string);
  '_description'?: "description";
}
