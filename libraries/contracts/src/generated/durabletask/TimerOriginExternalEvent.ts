// Original file: proto/durabletask/durabletask-subset.proto


export interface TimerOriginExternalEvent {
  'name'?: (string);
}

export interface TimerOriginExternalEvent__Output {
  'name'?: (string);
}
